/**
 * The unsupported-parameter policy every mapper (chat, embedding, image) follows: a parameter a model cannot honour
 * is a ConfigurationError naming it, unless the caller set `drop_params` (LiteLLM's switch); a value must be one of
 * a documented list; params nobody knows are provider-specific and passed through to the native body. All pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";

/**
 * Throws the ConfigurationError for a parameter `subject` (a model or model family) cannot honour, unless
 * `dropParams` is set (then the caller simply leaves it out). Mirrors LiteLLM's `drop_params` switch.
 */
export function unsupported(name: string, subject: string, dropParams: boolean, hint = ""): void {
  if (dropParams) return;
  throw new ConfigurationError(
    name,
    `\`${name}\` is not supported by ${subject} on Bedrock.${hint && ` ${hint}`} Remove it, or pass \`drop_params: true\` to drop unsupported parameters.`,
  );
}

/** {@link unsupported} for a chat model family. */
export function unsupportedParam(name: string, family: string, dropParams: boolean): void {
  unsupported(name, `the ${family} model family`, dropParams);
}

/**
 * Refuses (or, with `drop_params`, lets the caller drop) each of `names` the caller set. Set means not null or
 * undefined, and, with `listsOnly`, not an empty list (else: not `false`).
 */
export function refuseParams(params: object, names: readonly string[], family: string, dropParams: boolean, listsOnly?: boolean): void {
  for (const name of names) {
    const v = (params as Record<string, unknown>)[name];
    if (v != null && (listsOnly ? !(Array.isArray(v) && v.length === 0) : v !== false)) unsupportedParam(name, family, dropParams);
  }
}

/** A value that must be one of a documented list. */
export function checkOneOf<T>(field: string, value: unknown, allowed: readonly T[], what: string): T {
  if (!allowed.includes(value as T)) {
    throw new ConfigurationError(
      field,
      `\`${field}\` must be one of ${allowed.map((v) => JSON.stringify(v)).join(", ")} for ${what}; got ${JSON.stringify(value)}.`,
    );
  }
  return value as T;
}

/** The params not in `known` (and not undefined): provider-specific, passed through to the native body. */
export function extraParams(params: object, known: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) if (!known.has(key) && value !== undefined) out[key] = value;
  return out;
}
