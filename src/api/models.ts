/**
 * Model-string routing: turns LiteLLM-style model strings (`bedrock/converse/us.anthropic.claude-…`) into the id for
 * the request URL, the base foundation-model id that picks the family mapper, the provider and the route.
 *
 * Accepted ids follow the Bedrock Runtime `modelId` documentation
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html#API_runtime_Converse_RequestSyntax):
 * a foundation-model id, an inference-profile id (https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html),
 * or the ARN of a foundation model, inference profile, application inference profile, provisioned model, custom or
 * imported model, prompt, or SageMaker (Marketplace) endpoint.
 *
 * @module
 */
import { ConfigurationError } from "../errors";

/** Which Bedrock chat operation a model string asks for. Converse is the default, as in LiteLLM. */
export type ModelRoute = "converse" | "invoke";

/** Providers Bedrock hosts (the part of a foundation-model id before the first `.`). */
export type ModelProvider =
  | "anthropic"
  | "amazon"
  | "meta"
  | "mistral"
  | "cohere"
  | "ai21"
  | "deepseek"
  | "openai"
  | "qwen"
  | "google"
  | "moonshot"
  | "moonshotai"
  | "writer"
  | "minimax"
  | "nvidia"
  | "zai"
  | "stability"
  | "twelvelabs"
  | "luma"
  | (string & {});

/** The result of {@link parseModel}. */
export interface ParsedModel {
  route: ModelRoute;
  /** The id for the request URL: `model_id` when given, else the id from `model` (profile prefix and ARN kept). */
  modelId: string;
  /**
   * The foundation-model id the family is chosen by: without `bedrock/`, the route, an ARN wrapper or a
   * cross-region profile prefix. Undefined when `model` is an ARN that does not name one (application inference
   * profile, provisioned, custom or imported model, endpoint): then pass the family's id as `model` and the ARN as
   * `model_id`.
   */
  baseModelId: string | undefined;
  /** Provider of `baseModelId`; undefined when the family is unknown. */
  provider: ModelProvider | undefined;
}

// Geographic prefixes of system-defined cross-region inference profiles.
const PROFILE_PREFIXES = new Set(["us", "eu", "apac", "global", "us-gov", "jp", "au", "ca", "ap", "sa", "me", "af", "mx", "in"]);

// `provider.model-name[-version][:n]`: provider letters/digits, then the model part.
const FOUNDATION_ID = /^[a-z0-9][a-z0-9-]*\.[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const MODEL_NAME = /^[A-Za-z0-9][A-Za-z0-9._:-]*$/;
const ARN = /^arn:aws(?:-[a-z-]+)?:(bedrock|sagemaker):[a-z0-9-]*:(\d{12})?:([a-z-]+)\/(.+)$/;

const ACCEPTED_FORMS =
  "Use `[bedrock/][converse/|invoke/]<id>`, where <id> is a foundation-model id (`anthropic.claude-3-haiku-20240307-v1:0`), " +
  "an inference-profile id (`us.anthropic.claude-3-haiku-20240307-v1:0`) or an ARN (`arn:aws:bedrock:<region>:<account>:" +
  "foundation-model/…`, `inference-profile/…`, `application-inference-profile/…`, `provisioned-model/…`). For a " +
  "provisioned model or application inference profile, pass the base model as `model` and the ARN as `model_id`.";

/**
 * Splits a foundation-model or inference-profile id into its base id and provider.
 *
 * @example
 * ```ts
 * baseModelOf("us.anthropic.claude-3-haiku-20240307-v1:0"); // { baseModelId: "anthropic.claude-3-haiku-…", provider: "anthropic" }
 * ```
 */
export function baseModelOf(id: string): { baseModelId: string; provider: ModelProvider } | undefined {
  if (!FOUNDATION_ID.test(id)) return undefined;
  const dot = id.indexOf(".");
  const first = id.slice(0, dot);
  let base = id;
  if (PROFILE_PREFIXES.has(first)) {
    base = id.slice(dot + 1);
    // A profile id is `<geo>.<provider>.<model>`: without a second dot, it is not one.
    if (!FOUNDATION_ID.test(base)) return undefined;
  }
  return { baseModelId: base, provider: base.slice(0, base.indexOf(".")) };
}

/** Parses one id (no `bedrock/` or route prefix): the id for the URL and, when it names one, the base model. */
function parseId(id: string, field: string): { id: string; base: ReturnType<typeof baseModelOf> } {
  const arn = ARN.exec(id);
  if (arn) {
    const [, service, , resource, rest] = arn as unknown as [string, string, string | undefined, string, string];
    if (service === "bedrock" && (resource === "foundation-model" || resource === "inference-profile")) {
      const base = baseModelOf(rest);
      if (!base) throw new ConfigurationError(field, `\`${field}\` is an ARN whose ${resource} id is not valid. ${ACCEPTED_FORMS}`);
      return { id, base };
    }
    const known =
      service === "sagemaker"
        ? resource === "endpoint"
        : ["application-inference-profile", "provisioned-model", "custom-model", "custom-model-deployment", "imported-model", "prompt", "default-prompt-router", "prompt-router"].includes(resource);
    if (!known) throw new ConfigurationError(field, `\`${field}\` is an ARN of an unsupported resource type \`${resource}\`. ${ACCEPTED_FORMS}`);
    return { id, base: undefined };
  }
  const base = baseModelOf(id);
  if (!base) throw new ConfigurationError(field, `\`${field}\` is not a Bedrock model id (got \`${id}\`). ${ACCEPTED_FORMS}`);
  return { id, base };
}

/**
 * Parses a LiteLLM-style model string.
 *
 * @param model - `[bedrock/][converse/|invoke/]<id>`; picks the route and the family mapping.
 * @param modelId - optional `model_id` (provisioned-throughput or application-inference-profile ARN, or any id):
 *   replaces the id in the URL only.
 * @throws ConfigurationError naming `model` (or `model_id`) and the accepted forms.
 *
 * @example
 * ```ts
 * parseModel("bedrock/invoke/us.anthropic.claude-3-5-sonnet-20240620-v1:0");
 * // { route: "invoke", modelId: "us.anthropic.claude-3-5-sonnet-20240620-v1:0",
 * //   baseModelId: "anthropic.claude-3-5-sonnet-20240620-v1:0", provider: "anthropic" }
 * ```
 */
export function parseModel(model: string, modelId?: string): ParsedModel {
  if (typeof model !== "string" || model.trim() === "") {
    throw new ConfigurationError("model", `\`model\` is required. ${ACCEPTED_FORMS}`);
  }
  const [, route = "converse", rest] = /^(?:bedrock\/)?(?:(converse|invoke)\/)?([^]*)$/.exec(model.trim()) as unknown as [
    string,
    ModelRoute | undefined,
    string,
  ];
  const parsed = parseId(rest, "model");
  let urlId = parsed.id;
  if (modelId !== undefined) {
    if (typeof modelId !== "string" || modelId.trim() === "") {
      throw new ConfigurationError("model_id", "`model_id` must be a non-empty model id or ARN when given.");
    }
    urlId = modelId.trim();
    // The service model's InvokeModelIdentifier accepts ARNs and plain names such as a provisioned model's name
    // (`[a-zA-Z0-9-:.]+`, at most 2048 characters); anything else would only come back as a ValidationException.
    if (urlId.length > 2048 || !(ARN.test(urlId) || MODEL_NAME.test(urlId))) {
      throw new ConfigurationError(
        "model_id",
        `\`model_id\` must be a provisioned-throughput, custom-model or application-inference-profile ARN, or a model name of letters, digits, \`-\`, \`.\`, \`:\` and \`_\` (got \`${urlId.slice(0, 80)}\`).`,
      );
    }
  }
  return {
    route,
    modelId: urlId,
    baseModelId: parsed.base?.baseModelId,
    provider: parsed.base?.provider,
  };
}
