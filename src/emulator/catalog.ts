/**
 * Which model a model id names, as Bedrock resolves it: a foundation-model id from the catalog (catalog-data.ts), a
 * system-defined inference profile (`us.anthropic.claude-3-haiku-20240307-v1:0`: a geography prefix the model has a
 * profile in), either of them as an ARN, or an ARN naming a resource the emulator cannot look into (application
 * inference profile, provisioned throughput, custom or imported model, prompt, prompt router, SageMaker endpoint),
 * which is accepted and served by the shape of the request body. Anything else is unknown: Bedrock answers
 * `The provided model identifier is invalid.` (recorded in `exchanges/errors/`, e.g. for `us.amazon.nova-micro-v1:O`).
 */
import { MODELS, type ModelEntry } from "./catalog-data";

export type ResolvedModel =
  /** A catalogued model, by id or profile. */
  | { known: true; baseId: string; entry: ModelEntry; profile: string | undefined }
  /** An ARN of a resource whose model the emulator cannot know. */
  | { known: false };

// Application inference profiles, provisioned throughput, custom and imported models, prompts and prompt routers.
const OPAQUE_BEDROCK = /^arn:aws(-[a-z-]+)?:bedrock:[a-z0-9-]{1,20}:\d{12}:(application-inference-profile|provisioned-model|custom-model|custom-model-deployment|imported-model|prompt|prompt-router|default-prompt-router)\/./;
const SAGEMAKER_ENDPOINT = /^arn:aws(-[a-z-]+)?:sagemaker:[a-z0-9-]+:\d{12}:endpoint\/[a-zA-Z0-9-]+$/;
const FOUNDATION_ARN = /^arn:aws(-[a-z-]+)?:bedrock:[a-z0-9-]{1,20}:(\d{12})?:(foundation-model|inference-profile)\/(.+)$/;

function byId(id: string): ResolvedModel | undefined {
  const entry = MODELS.get(id);
  if (entry !== undefined) return { known: true, baseId: id, entry, profile: undefined };
  const dot = id.indexOf(".");
  const prefix = id.slice(0, dot);
  const base = id.slice(dot + 1);
  const profiled = MODELS.get(base);
  if (profiled !== undefined && profiled.profiles.includes(prefix)) return { known: true, baseId: base, entry: profiled, profile: prefix };
  return undefined;
}

/** What `modelId` (as decoded from the path) names, or undefined when Bedrock would call it invalid. */
export function resolveModel(modelId: string): ResolvedModel | undefined {
  if (!modelId.startsWith("arn:")) return byId(modelId);
  if (OPAQUE_BEDROCK.test(modelId) || SAGEMAKER_ENDPOINT.test(modelId)) return { known: false };
  const m = FOUNDATION_ARN.exec(modelId);
  if (m === null) return undefined;
  const [, , account, kind, id] = m as unknown as [string, string, string | undefined, string, string];
  // Foundation models have no account in their ARN; inference profiles have one.
  if (kind === "foundation-model") return account === undefined ? byId(id) : undefined;
  const resolved = byId(id);
  return resolved?.known === true && resolved.profile !== undefined ? resolved : undefined;
}
