/**
 * DeepSeek-R1 on InvokeModel: `{ prompt, max_tokens, temperature, top_p, stop }` →
 * `{ choices: [{ text, stop_reason }] }` (streamed chunks have the same shape). The prompt is R1's chat template
 * ending in an open `<think>` block, so the output is reasoning, `</think>`, then the answer: the reasoning becomes
 * `reasoning_content`.
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-deepseek.html
 *
 * @module
 */
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { assignDefined, checkParams, createReasoningSplitter, createTextStreamMapper, splitReasoning, type TextConversation, textConversation } from "./prompt";
import { maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { usageOf } from "./usage";
import type { ChatMapper, MappedResponse, MapperOptions } from "./types";

const FAMILY = "deepseek";
// R1's special tokens use FULLWIDTH VERTICAL LINE (U+FF5C) and LOWER ONE EIGHTH BLOCK (U+2581), not ASCII.
const BOS = "<\uFF5Cbegin\u2581of\u2581sentence\uFF5C>";
const EOS = "<\uFF5Cend\u2581of\u2581sentence\uFF5C>";
const USER = "<\uFF5CUser\uFF5C>";
const ASSISTANT = "<\uFF5CAssistant\uFF5C>";

/**
 * `<｜begin▁of▁sentence｜>{system}<｜User｜>{user}<｜Assistant｜>{answer}<｜end▁of▁sentence｜>…<｜User｜>{user}<｜Assistant｜><think>\n`.
 * Earlier answers go back without their reasoning, as R1's template does; a final assistant turn is continued
 * (pre-fill) after the think block is opened.
 */
export function deepseekPrompt({ system, turns, prefill }: TextConversation): string {
  let out = BOS + (system ?? "");
  turns.forEach((turn, i) => {
    if (turn.role === "user") out += `${USER}${turn.text}${ASSISTANT}`;
    else if (prefill && i === turns.length - 1) out += `<think>\n${turn.text}`;
    else out += `${turn.text}${EOS}`;
  });
  return prefill ? out : `${out}<think>\n`;
}

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  const drop = checkParams(params, FAMILY, options, { stop: true });
  return assignDefined({ ...providerSpecificParams(params), prompt: deepseekPrompt(textConversation(params, FAMILY)) }, {
    max_tokens: maxTokensOf(params),
    temperature: params.temperature,
    top_p: params.top_p,
    stop: drop.has("stop") ? undefined : stopSequencesOf(params),
  });
}

function firstChoice(body: unknown): Record<string, unknown> {
  const b = isRecord(body) ? body : {};
  return Array.isArray(b.choices) && isRecord(b.choices[0]) ? b.choices[0] : {};
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const choice = firstChoice(body);
  const text = typeof choice.text === "string" ? choice.text : "";
  const { reasoning, content } = splitReasoning(text, "<think>", "</think>", true);
  const out: MappedResponse = {
    content: content === "" && reasoning !== "" ? null : content,
    finish_reason: mapStopReason(choice.stop_reason),
    usage: usageOf(undefined, undefined, options),
  };
  if (reasoning !== "") out.reasoning_content = reasoning;
  return out;
}

/** DeepSeek-R1 (reasoning split into `reasoning_content`). */
export const deepseek: ChatMapper = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    const splitter = createReasoningSplitter("<think>", "</think>", true);
    return createTextStreamMapper(FAMILY, (event) => {
      const choice = firstChoice(event);
      const reason = choice.stop_reason;
      const part = splitter.push(typeof choice.text === "string" ? choice.text : "");
      if (typeof reason === "string") {
        const rest = splitter.flush();
        part.reasoning += rest.reasoning;
        part.content += rest.content;
      }
      return { content: part.content, reasoning_content: part.reasoning, finish_reason: typeof reason === "string" ? mapStopReason(reason) : undefined };
    });
  },
};
