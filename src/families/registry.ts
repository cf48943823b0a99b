/**
 * The InvokeModel chat families by model id: which native mapper a foundation-model (or inference-profile) id uses
 * on the `invoke/` route. Families per the Bedrock model-parameters pages
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html).
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import { baseModelOf } from "../api/models";
import { ai21J2 } from "./ai21-j2";
import { ai21Jamba } from "./ai21-jamba";
import { anthropicMessages } from "./anthropic-messages";
import { anthropicText, isAnthropicTextModel } from "./anthropic-text";
import { cohereCommand } from "./cohere-command";
import { cohereCommandR } from "./cohere-command-r";
import { deepseek } from "./deepseek";
import { metaLlama } from "./llama";
import { mistral } from "./mistral";
import { nova } from "./nova";
import { openaiGptOss } from "./openai-gpt-oss";
import { titanText } from "./titan-text";
import type { InvokeChatFamily } from "./types";

// Most specific first. Each pattern is matched against the base id (no cross-region profile prefix).
const ROUTES: ReadonlyArray<readonly [RegExp, InvokeChatFamily]> = [
  [/^anthropic\.claude-/, anthropicMessages],
  [/^amazon\.titan-(text|tg1)-/, titanText],
  // Nova understanding models; Canvas, Reel, Sonic and the embedding models are not chat models.
  [/^amazon\.nova-(?!canvas|reel|sonic|.*embed)/, nova],
  [/^ai21\.j2-/, ai21J2],
  [/^ai21\.jamba-/, ai21Jamba],
  [/^cohere\.command-r/, cohereCommandR],
  [/^cohere\.command-/, cohereCommand],
  [/^meta\.llama[234]/, metaLlama],
  [/^mistral\.(mistral|mixtral|pixtral)-/, mistral],
  [/^deepseek\.r1/, deepseek],
  [/^openai\.gpt-oss-/, openaiGptOss],
];

/**
 * The InvokeModel chat family for a model id.
 *
 * @param baseModelId - a foundation-model id (`meta.llama3-8b-instruct-v1:0`) or an inference-profile id
 *   (`us.meta.llama3-2-1b-instruct-v1:0`); the profile prefix is ignored.
 * @throws ConfigurationError naming `model` when no native mapper knows the model: such models can still be used
 *   through the `converse/` route.
 *
 * @example
 * ```ts
 * invokeFamilyFor("anthropic.claude-v2:1").name; // the legacy Claude text-completion family
 * invokeFamilyFor("mistral.mixtral-8x7b-instruct-v0:1").buildRequest(params, options); // { prompt: "<s>[INST] …" }
 * ```
 */
export function invokeFamilyFor(baseModelId: string): InvokeChatFamily {
  const base = typeof baseModelId === "string" ? baseModelOf(baseModelId)?.baseModelId : undefined;
  if (base !== undefined) {
    if (isAnthropicTextModel(base)) return anthropicText;
    for (const [pattern, family] of ROUTES) if (pattern.test(base)) return family;
  }
  throw new ConfigurationError(
    "model",
    `\`model\` names \`${String(baseModelId)}\`, which has no native request format on the \`invoke/\` route. Use the \`converse/\` route (e.g. \`bedrock/converse/${String(baseModelId)}\`), which works for every Bedrock chat model; for a provisioned model or application inference profile, pass the base model as \`model\` and the ARN as \`model_id\`.`,
  );
}
