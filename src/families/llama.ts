/**
 * Meta Llama (Llama 2 Chat, Llama 3 / 3.1 / 3.2 / 3.3 Instruct, Llama 4) on InvokeModel:
 * `{ prompt, max_gen_len, temperature, top_p }` → `{ generation, prompt_token_count, generation_token_count,
 * stop_reason }`; streamed chunks have the same fields, one token at a time. The prompt is the model's own chat
 * template, chosen by model id (Llama 2 `[INST] <<SYS>>`, Llama 3 `<|start_header_id|>`, Llama 4 `<|header_start|>`).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-meta.html
 *
 * @module
 */
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { assignDefined, checkParams, createTextStreamMapper, type TextConversation, textConversation } from "./prompt";
import { maxTokensOf, providerSpecificParams } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { knownUsage, numberOf, usageOf } from "./usage";
import type { ChatMapper, MappedResponse, MapperOptions } from "./types";

const FAMILY = "meta-llama";

/** Llama 2 Chat: `<s>[INST] <<SYS>>\n{system}\n<</SYS>>\n\n{user} [/INST] {answer} </s><s>[INST] …`. */
export function llama2Prompt({ system, turns }: TextConversation): string {
  let out = "";
  turns.forEach((turn, i) => {
    if (turn.role === "user") {
      const sys = i === 0 && system !== undefined ? `<<SYS>>\n${system}\n<</SYS>>\n\n` : "";
      out += `<s>[INST] ${sys}${turn.text} [/INST]`;
    } else {
      // A final assistant turn stays open (pre-fill): the model continues it.
      out += i === turns.length - 1 ? ` ${turn.text}` : ` ${turn.text} </s>`;
    }
  });
  return out;
}

/** Llama 3.x: header-delimited turns ending with an open assistant header. */
export function llama3Prompt({ system, turns, prefill }: TextConversation, tags = { start: "<|start_header_id|>", end: "<|end_header_id|>", eot: "<|eot_id|>" }): string {
  const turn = (role: string, text: string, close: boolean): string => `${tags.start}${role}${tags.end}\n\n${text}${close ? tags.eot : ""}`;
  let out = "<|begin_of_text|>";
  if (system !== undefined) out += turn("system", system, true);
  turns.forEach((t, i) => {
    out += turn(t.role, t.text, !(prefill && i === turns.length - 1));
  });
  if (!prefill) out += `${tags.start}assistant${tags.end}\n\n`;
  return out;
}

/** Llama 4 uses the same layout with renamed tags (`<|header_start|>`, `<|header_end|>`, `<|eot|>`). */
export function llama4Prompt(conversation: TextConversation): string {
  return llama3Prompt(conversation, { start: "<|header_start|>", end: "<|header_end|>", eot: "<|eot|>" });
}

function templateFor(modelId: string): (c: TextConversation) => string {
  if (/(^|\.)meta\.llama2/.test(modelId) || modelId.startsWith("llama2")) return llama2Prompt;
  if (/(^|\.)meta\.llama4/.test(modelId)) return llama4Prompt;
  return (c) => llama3Prompt(c);
}

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  // Llama on Bedrock takes no stop sequences, seed or top_k (the page above lists prompt, temperature, top_p, max_gen_len).
  checkParams(params, FAMILY, options, {});
  const prompt = templateFor(options.modelId)(textConversation(params, FAMILY));
  return assignDefined({ ...providerSpecificParams(params), prompt }, {
    max_gen_len: maxTokensOf(params),
    temperature: params.temperature,
    top_p: params.top_p,
  });
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const b = isRecord(body) ? body : {};
  return {
    content: typeof b.generation === "string" ? b.generation : null,
    finish_reason: mapStopReason(b.stop_reason),
    usage: usageOf(b.prompt_token_count, b.generation_token_count, options),
  };
}

/** Meta Llama 2, 3.x and 4 (text prompt with the model's chat template). */
export const metaLlama: ChatMapper = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    let prompt: number | undefined;
    return createTextStreamMapper(FAMILY, (event) => {
      prompt = numberOf(event.prompt_token_count) ?? prompt;
      const completion = numberOf(event.generation_token_count);
      return {
        content: typeof event.generation === "string" ? event.generation : undefined,
        finish_reason: typeof event.stop_reason === "string" ? mapStopReason(event.stop_reason) : undefined,
        usage: knownUsage(prompt, completion),
      };
    });
  },
};
