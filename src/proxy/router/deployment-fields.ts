/**
 * What the router reads from each `model_list` entry (https://docs.litellm.ai/docs/routing): `weight`, `rpm` and
 * `tpm` in `litellm_params` (LiteLLM also takes `rpm`/`tpm` beside `litellm_params`, on the entry itself), and the
 * deployment's id, `model_info.id`, which names the deployment in the `x-litellm-model-id` header and in the shared
 * store. Without one, the id is a digest of what identifies the upstream (model name, model, model_id, region,
 * endpoint, profile, role, and the entry's position among those sharing its name), never of a credential, so every
 * process reading the same config gives the same deployment the same id.
 * @internal
 */
import { ConfigurationError } from "../../errors";
import { integer, isRecord, nonNegativeNumber } from "./values";

/** A deployment's routing fields. */
export interface DeploymentRouting {
  readonly id: string;
  /** Share of simple-shuffle's picks; `undefined` when not set. */
  readonly weight: number | undefined;
  /** Requests per minute it may take; `undefined`: no limit. */
  readonly rpm: number | undefined;
  /** Tokens per minute it may use; `undefined`: no limit. */
  readonly tpm: number | undefined;
}

// Header-safe and store-key-safe: what LiteLLM's ids (UUIDs, hex digests) and readable names use.
const ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** FNV-1a, 64 bits, as 16 hex digits: a stable, synchronous digest (not a secret-keeping one: no secret goes in). */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const byte of bytes) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, "0");
}

/**
 * Reads the routing fields of entry `at` (`model_list[3]`), whose resolved `litellm_params` are `params`.
 *
 * @param position - how many earlier entries share its model name
 */
export function deploymentRouting(entry: Record<string, unknown>, params: Record<string, unknown>, at: string, label: string, position: number): DeploymentRouting {
  const limit = (key: "rpm" | "tpm") => {
    const inParams = params[key] !== undefined && params[key] !== null;
    const field = inParams ? `${at}.litellm_params.${key}` : `${at}.${key}`;
    try {
      return integer(inParams ? params[key] : entry[key], field, undefined, 1);
    } catch (error) {
      throw new ConfigurationError(field, `${label}: ${key} must be a whole number of 1 or more (the deployment's ${key === "rpm" ? "requests" : "tokens"} per minute).`, { cause: error });
    }
  };
  let weight: number | undefined;
  try {
    weight = nonNegativeNumber(params.weight, `${at}.litellm_params.weight`, undefined);
  } catch (error) {
    throw new ConfigurationError(`${at}.litellm_params.weight`, `${label}: litellm_params.weight must be a number of 0 or more (its share of the picks among entries with the same model_name).`, { cause: error });
  }
  const info = entry.model_info;
  let id: string | undefined;
  if (info !== undefined && info !== null) {
    if (!isRecord(info)) throw new ConfigurationError(`${at}.model_info`, `${label}: model_info must be a mapping.`);
    if (info.id !== undefined && info.id !== null) {
      if (typeof info.id !== "string" || !ID.test(info.id)) {
        throw new ConfigurationError(`${at}.model_info.id`, `${label}: model_info.id must be 1 to 128 letters, digits or . _ : @ / + = - (it is sent in the x-litellm-model-id header).`);
      }
      id = info.id;
    }
  }
  id ??= fnv1a64(JSON.stringify([
    entry.model_name, params.model, params.model_id, params.aws_region_name, params.aws_bedrock_runtime_endpoint ?? params.api_base,
    params.aws_profile_name, params.aws_role_name, position,
  ].map((v) => (typeof v === "string" || typeof v === "number" ? v : null))));
  return { id, weight, rpm: limit("rpm"), tpm: limit("tpm") };
}
