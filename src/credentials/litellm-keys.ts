/**
 * The names of the LiteLLM-style settings, and the "did you mean" hint for a name that is none of them: a typo such
 * as `aws_regon_name` must be refused, not passed on to the model as a request parameter while the region it meant
 * to set stays missing.
 * @internal
 */
import { LITELLM_AUTH_PARAMS } from "../api/auth-params";

/**
 * A bedrock-fetch setting beside LiteLLM's: accept a plain-http `aws_bedrock_runtime_endpoint` or `aws_sts_endpoint`
 * on any host (an emulator in another container), as `allowInsecureEndpoint` does for a client.
 */
export const INSECURE_PARAM = "allow_insecure_endpoint";

/** Every parameter that configures the client rather than the model: LiteLLM's auth parameters and ours. */
export const AUTH_PARAM_NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set([...LITELLM_AUTH_PARAMS, INSECURE_PARAM]);

const AWS_NAMES = /* @__PURE__ */ LITELLM_AUTH_PARAMS.filter((name) => name.startsWith("aws_"));

/** Whether `key` is named like an AWS setting (`aws_…`, any case) but is none of the known ones. */
export function isUnknownAwsKey(key: string): boolean {
  return /^aws_/i.test(key) && !AUTH_PARAM_NAMES.has(key);
}

/** The Levenshtein distance of `a` and `b`: how many insertions, deletions and substitutions turn one into the other. */
export function editDistance(a: string, b: string): number {
  // One row of the table at a time: row[j] is the distance between the first i characters of a and the first j of b.
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * The known name closest to `name` (ignoring case), if it is close enough to be what was meant: at most a third of
 * its length away, and at least 2 edits allowed.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  // No setting is this long: not a typo of one, and not worth the quadratic comparison.
  if (lower.length > 64) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, lower.length / 3) + 1;
  for (const candidate of known) {
    const d = editDistance(lower, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** `did you mean aws_region_name?`, or the list of known names when none is close. */
export function suggestName(name: string, known: readonly string[]): string {
  const close = closestName(name, known);
  return close === undefined ? `the known ones are ${known.join(", ")}` : `did you mean ${close}?`;
}

/** The hint for an unknown `aws_*` key: the closest of LiteLLM's `aws_*` parameters, or their list. */
export function suggestAwsName(key: string): string {
  return suggestName(key, AWS_NAMES);
}
