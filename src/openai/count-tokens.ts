/**
 * `countChatTokens()`: the input tokens of OpenAI chat params, counted by Bedrock's CountTokens
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html) on exactly what a chat call
 * would send: the Converse input the `converse/` route builds (its `messages`, `system`, `toolConfig` and
 * `additionalModelRequestFields`, the members CountTokens takes), or on the `invoke/` route the family's native body.
 * Models without token counting answer as Bedrock does: a `BadRequestError` "The provided model doesn't support
 * counting tokens." (recorded in exchanges/errors/count-tokens/).
 */
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { parseModel } from "../api/models";
import { findMapper } from "../families/catalog";
import { buildConverseRequest } from "../families/converse";
import type { ChatFamily } from "../families/family";
import type { MapperOptions } from "../families/types";
import { encodeBase64 } from "../internal/base64";
import { invalidResponse } from "../families/invalid-response";
import { countTokens } from "../runtime/operations";
import type { RuntimeTarget } from "../runtime/operations";
import type { CountTokensInput } from "../runtime/types";
import type { RequestOptions } from "../transport/types";
import { checkParams } from "./validate-chat";

/** Options of {@link countChatTokens}. */
export interface CountChatTokensOptions extends RequestOptions {
  /**
   * The native chat families the `invoke/` route may use, from `bedrock-fetch/families` (e.g. `[anthropic]`), as for
   * `chatCompletion`. Converse needs none. @defaultValue none
   */
  families?: readonly ChatFamily[] | undefined;
}

/** The answer of {@link countChatTokens}. */
export interface ChatTokenCount {
  /** Input tokens the model would be billed for, had the params been sent to it. */
  input_tokens: number;
}

const CONVERSE_MEMBERS = ["messages", "system", "toolConfig", "additionalModelRequestFields"] as const;

/**
 * Counts the input tokens of chat params without running the model. The params are mapped as `chatCompletion` maps
 * them (same checks, same errors); images and files must be given as data: URLs.
 *
 * CountTokens takes a foundation model: Bedrock refuses an inference-profile id (`us.anthropic.…`) with "The provided
 * model doesn't support counting tokens.", so the foundation model behind a profile (or behind `model_id`) is the one
 * asked, as LiteLLM and pydantic-ai do.
 *
 * @example
 * ```ts
 * import { countChatTokens, createBedrockCore } from "bedrock-fetch";
 * const core = createBedrockCore({ region: "us-east-1" });
 * const { input_tokens } = await countChatTokens(core, { model: "anthropic.claude-sonnet-4-20250514-v1:0", messages });
 * ```
 */
export async function countChatTokens(
  target: RuntimeTarget,
  params: ChatCompletionCreateParamsBase,
  { families, ...options }: CountChatTokensOptions = {},
): Promise<ChatTokenCount> {
  checkParams(params, "countChatTokens()");
  const parsed = parseModel(params.model, params.model_id);
  const modelId = parsed.baseModelId ?? parsed.modelId;
  const mapperOptions: MapperOptions = { modelId, dropParams: params.drop_params === true, stream: false };
  let input: CountTokensInput;
  if (parsed.route === "converse") {
    const body = buildConverseRequest(params, mapperOptions);
    const converse: Record<string, unknown> = {};
    for (const name of CONVERSE_MEMBERS) if (body[name] !== undefined) converse[name] = body[name];
    input = { converse };
  } else {
    const body = findMapper("chat", families, parsed.baseModelId, params.model).buildRequest(params, mapperOptions);
    input = { invokeModel: { body: encodeBase64(new TextEncoder().encode(JSON.stringify(body))) } };
  }
  const { inputTokens } = await countTokens(target, { modelId, input }, options);
  if (typeof inputTokens !== "number" || !Number.isInteger(inputTokens) || inputTokens < 0) {
    throw invalidResponse("CountTokens", "`inputTokens` is not a count");
  }
  return { input_tokens: inputTokens };
}
