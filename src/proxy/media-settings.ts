/**
 * `general_settings.media` of a proxy configuration file: the remote-media policy (see `MediaPolicy`) in the file's
 * snake_case, with sizes in MiB and the timeout in seconds as the other settings have them:
 *
 * ```yaml
 * general_settings:
 *   media:
 *     allow_hosts: ["images.corp.example", "10.0.0.5:8080"]   # trusted although private
 *     max_items: 10
 *     max_item_mb: 4
 *     max_total_mb: 16
 *     timeout: 10
 * ```
 */
import { ConfigurationError } from "../errors";
import { readEnv, type EnvRecord } from "../env";
import { resolveMediaPolicy, type MediaPolicy } from "../openai/media-policy";

const MIB = 1024 * 1024;
// Setting → the policy's field, and the factor from the file's unit to the policy's.
const FIELDS: Record<string, [keyof MediaPolicy, number?]> = {
  allow_hosts: ["allowHosts"],
  allow_private_network: ["allowPrivateNetwork"],
  allow_text: ["allowText"],
  max_items: ["maxItems", 1],
  max_item_mb: ["maxItemBytes", MIB],
  max_total_mb: ["maxTotalBytes", MIB],
  concurrency: ["concurrency", 1],
  max_redirects: ["maxRedirects", 1],
  timeout: ["timeout", 1000],
};

/**
 * The policy `general_settings.media` sets, checked (`os.environ/NAME` values are read from `env`).
 *
 * @throws ConfigurationError naming `general_settings.media.<setting>`
 */
export function mediaSettings(settings: unknown, env: EnvRecord): MediaPolicy {
  const at = "general_settings.media";
  if (settings === undefined || settings === null) return {};
  if (typeof settings !== "object" || Array.isArray(settings)) {
    throw new ConfigurationError(at, `${at} must be a mapping such as { allow_hosts: ["images.corp.example"], max_items: 10 }.`);
  }
  const policy: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(settings)) {
    const field = FIELDS[key];
    if (!Object.hasOwn(FIELDS, key) || !field) {
      throw new ConfigurationError(`${at}.${key}`, `${at}.${key} is not a media setting; use ${Object.keys(FIELDS).join(", ")}.`);
    }
    let value: unknown = raw;
    if (typeof raw === "string" && raw.startsWith("os.environ/")) {
      value = readEnv(env, raw.slice("os.environ/".length));
      if (value === undefined) throw new ConfigurationError(`${at}.${key}`, `${at}.${key} refers to an environment variable that is not set.`);
    }
    const [name, factor] = field;
    if (factor !== undefined) {
      const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
      // Whole bytes and milliseconds, whatever the file's fractions.
      value = typeof n === "number" ? Math.round(n * factor) : n;
    } else if (name === "allowHosts" && typeof value === "string") {
      value = value.split(",").map((h) => h.trim()).filter(Boolean);
    } else if (value === "true" || value === "false") {
      value = value === "true";
    }
    policy[name] = value;
  }
  try {
    resolveMediaPolicy(policy);
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    const key = Object.keys(FIELDS).find((k) => `media.${FIELDS[k]![0]}` === error.field) ?? "";
    throw new ConfigurationError(`${at}.${key}`, `${at}.${key}: ${error.message}`, { cause: error });
  }
  return policy as MediaPolicy;
}
