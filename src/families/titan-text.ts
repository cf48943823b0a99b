/**
 * Amazon Titan Text (Lite, Express, Premier, and the older `titan-tg1-large`) on InvokeModel:
 * `{ inputText, textGenerationConfig: { maxTokenCount, temperature, topP, stopSequences } }` →
 * `{ inputTextTokenCount, results: [{ tokenCount, outputText, completionReason }] }`; streamed chunks are
 * `{ outputText, index, totalOutputTextTokenCount, completionReason, inputTextTokenCount }`.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html
 *
 * @module
 */
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { assignDefined, checkParams, createTextStreamMapper, guardrailIntervened, textConversation, transcriptPrompt } from "./prompt";
import { maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { knownUsage, numberOf, usageOf } from "./usage";
import type { ChatMapper, MappedResponse, MapperOptions } from "./types";

const FAMILY = "amazon-titan-text";

// Titan's completionReason values (the page above): FINISH, LENGTH, STOP_CRITERIA_MET, RAG_QUERY_WHEN_RAG_DISABLED,
// CONTENT_FILTERED.
const TITAN_FINISH = { finish: "stop", length: "length", stop_criteria_met: "stop", content_filtered: "content_filter" } as const;

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  const drop = checkParams(params, FAMILY, options, { stop: true });
  // Titan's prompt-engineering guide writes conversations as "User: …" / "Bot: …" lines.
  const inputText = transcriptPrompt(textConversation(params, FAMILY), { user: "User", assistant: "Bot" });
  const config = assignDefined({}, {
    maxTokenCount: maxTokensOf(params),
    temperature: params.temperature,
    topP: params.top_p,
    stopSequences: drop.has("stop") ? undefined : stopSequencesOf(params),
  });
  const body: Record<string, unknown> = { ...providerSpecificParams(params), inputText };
  if (Object.keys(config).length > 0) body.textGenerationConfig = config;
  return body;
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const b = isRecord(body) ? body : {};
  const results = Array.isArray(b.results) ? b.results : [];
  const first = isRecord(results[0]) ? results[0] : {};
  const text = typeof first.outputText === "string" ? first.outputText : null;
  return {
    content: text,
    finish_reason: guardrailIntervened(b) ? "content_filter" : mapStopReason(first.completionReason, TITAN_FINISH),
    usage: usageOf(b.inputTextTokenCount, first.tokenCount, options),
  };
}

/** Amazon Titan Text. */
export const titanText: ChatMapper = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    let prompt: number | undefined;
    return createTextStreamMapper(FAMILY, (event) => {
      prompt = numberOf(event.inputTextTokenCount) ?? prompt;
      const completion = numberOf(event.totalOutputTextTokenCount);
      return {
        content: typeof event.outputText === "string" ? event.outputText : undefined,
        finish_reason: typeof event.completionReason === "string" ? mapStopReason(event.completionReason, TITAN_FINISH) : undefined,
        usage: knownUsage(prompt, completion),
      };
    });
  },
};
