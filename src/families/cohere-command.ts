/**
 * Cohere Command and Command Light (text generation) on InvokeModel:
 * `{ prompt, max_tokens, temperature, p, k, stop_sequences, stream, num_generations, … }` →
 * `{ id, generations: [{ id, text, finish_reason }], prompt }`. With `stream: true` the stream sends
 * `{ text, is_finished: false[, index] }` per token and a final `{ is_finished: true, finish_reason }`; without it,
 * one chunk carrying the whole `generations` body.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command.html
 *
 * @module
 */
import type { ChatCompletionCreateParamsBase, FinishReason } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { assignDefined, checkParams, createTextStreamMapper, textConversation, transcriptPrompt } from "./prompt";
import { maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { usageOf } from "./usage";
import type { ChatMapper, MappedResponse, MapperOptions } from "./types";

const FAMILY = "cohere-command";

/** Cohere finish reasons (both Command and Command R): COMPLETE, MAX_TOKENS, ERROR_TOXIC, ERROR_LIMIT, ERROR, USER_CANCEL. */
export const COHERE_FINISH: Record<string, FinishReason> = { complete: "stop", max_tokens: "length", error_limit: "length", error_toxic: "content_filter", error: "stop", user_cancel: "stop" };

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  const drop = checkParams(params, FAMILY, options, { stop: true, topK: true, penalties: true });
  // Cohere's own chat vocabulary names the model's turns CHATBOT.
  const prompt = transcriptPrompt(textConversation(params, FAMILY), { user: "User", assistant: "Chatbot" });
  const body = assignDefined({ ...providerSpecificParams(params), prompt }, {
    max_tokens: maxTokensOf(params),
    temperature: params.temperature,
    p: params.top_p,
    k: params.top_k,
    stop_sequences: drop.has("stop") ? undefined : stopSequencesOf(params),
    presence_penalty: params.presence_penalty,
    frequency_penalty: params.frequency_penalty,
  });
  // Without `stream: true` the response stream is one chunk with the whole answer; ask for token-by-token.
  if (options.stream) body.stream = true;
  return body;
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const b = isRecord(body) ? body : {};
  const generations = Array.isArray(b.generations) ? b.generations : [];
  // With a provider-specific `num_generations` > 1, the first generation is the answer (one OpenAI choice).
  const first = isRecord(generations[0]) ? generations[0] : {};
  return {
    content: typeof first.text === "string" ? first.text : null,
    finish_reason: mapStopReason(first.finish_reason, COHERE_FINISH),
    usage: usageOf(undefined, undefined, options),
  };
}

/** Cohere Command / Command Light. */
export const cohereCommand: ChatMapper = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    return createTextStreamMapper(FAMILY, (event) => {
      if (Array.isArray(event.generations)) {
        const first = isRecord(event.generations[0]) ? event.generations[0] : {};
        return { content: typeof first.text === "string" ? first.text : undefined, finish_reason: mapStopReason(first.finish_reason, COHERE_FINISH) };
      }
      // Several generations stream interleaved, each tagged with `index`; choice 0 is the answer.
      const index = typeof event.index === "number" ? event.index : 0;
      return {
        content: index === 0 && typeof event.text === "string" ? event.text : undefined,
        finish_reason: event.is_finished === true ? mapStopReason(event.finish_reason, COHERE_FINISH) : undefined,
      };
    });
  },
};
