/**
 * AI21 Labs Jurassic-2 (Mid, Ultra) on InvokeModel:
 * `{ prompt, maxTokens, temperature, topP, stopSequences, countPenalty, presencePenalty, frequencyPenalty }` →
 * `{ id, prompt: { text, tokens }, completions: [{ data: { text, tokens }, finishReason: { reason } }] }`.
 * Jurassic-2 has no response stream on Bedrock.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-jurassic2.html
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { ChatCompletionCreateParamsBase, FinishReason } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { assignDefined, checkParams, textConversation, transcriptPrompt } from "./prompt";
import { maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { usageOf } from "./usage";
import type { ChatMapper, MappedResponse, MapperOptions } from "./types";

const FAMILY = "ai21-j2";

// finishReason.reason: "endoftext" (natural end), "length" (maxTokens), "stop" (a stop sequence).
const J2_FINISH: Record<string, FinishReason> = { endoftext: "stop", length: "length", stop: "stop" };

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  const drop = checkParams(params, FAMILY, options, { stop: true, penalties: true });
  const prompt = transcriptPrompt(textConversation(params, FAMILY), { user: "User", assistant: "Assistant" });
  // J2 penalties are objects (`{ scale, applyToNumbers, … }`); OpenAI's number becomes the scale.
  const penalty = (value: number | null | undefined) => (typeof value === "number" ? { scale: value } : undefined);
  return assignDefined({ ...providerSpecificParams(params), prompt }, {
    maxTokens: maxTokensOf(params),
    temperature: params.temperature,
    topP: params.top_p,
    stopSequences: drop.has("stop") ? undefined : stopSequencesOf(params),
    presencePenalty: penalty(params.presence_penalty as number | null | undefined),
    frequencyPenalty: penalty(params.frequency_penalty as number | null | undefined),
  });
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const b = isRecord(body) ? body : {};
  const completions = Array.isArray(b.completions) ? b.completions : [];
  const first = isRecord(completions[0]) ? completions[0] : {};
  const data = isRecord(first.data) ? first.data : {};
  const finish = isRecord(first.finishReason) ? first.finishReason.reason : undefined;
  // J2 reports tokens, not counts: the prompt's and the completion's token lists give the usage.
  const prompt = isRecord(b.prompt) && Array.isArray(b.prompt.tokens) ? b.prompt.tokens.length : undefined;
  const completion = Array.isArray(data.tokens) ? data.tokens.length : undefined;
  return {
    content: typeof data.text === "string" ? data.text : null,
    finish_reason: mapStopReason(finish, J2_FINISH),
    usage: usageOf(prompt, completion, options),
  };
}

/** AI21 Jurassic-2. */
export const ai21J2: ChatMapper = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    throw new ConfigurationError("stream", "AI21 Jurassic-2 has no streaming on Bedrock: call it without `stream: true`.");
  },
};
