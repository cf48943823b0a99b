/**
 * Mistral AI on InvokeModel, in its two native formats:
 * - text completion (Mistral 7B Instruct, Mixtral 8x7B, Mistral Small, Mistral Large 24.02):
 *   `{ prompt: "<s>[INST] … [/INST]", max_tokens, temperature, top_p, top_k, stop }` →
 *   `{ outputs: [{ text, stop_reason }] }`, streamed as the same shape per chunk;
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-text-completion.html
 * - chat completion (Mistral Large 2 and later, Pixtral Large): `{ messages, tools, tool_choice, max_tokens,
 *   temperature, top_p }` → `{ choices: [{ index, message: { role, content, tool_calls }, stop_reason }] }`;
 *   https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral-chat-completion.html
 * (overview: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-mistral.html)
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { ChatCompletionChunkToolCall, ChatCompletionCreateParamsBase } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { assignDefined, checkParams, createTextStreamMapper, type TextConversation, textConversation } from "./prompt";
import { chatMessages, functionTools, toolCallsOf } from "./openai-chat";
import { maxTokensOf, providerSpecificParams, stopSequencesOf } from "./chat-params";
import { mapStopReason } from "./finish-reason";
import { usageOf } from "./usage";
import type { ChatMapper, MappedResponse, MapperOptions } from "./types";

const FAMILY = "mistral";

/** Models that take the chat-completion body on InvokeModel (the second page above). */
export function usesMistralChat(modelId: string): boolean {
  return /mistral\.(mistral-large-(?!2402)|pixtral)/.test(modelId);
}

/**
 * Mistral's instruction format: `<s>[INST] {user} [/INST] {answer}</s>[INST] {user} [/INST]`. Mistral's template has
 * no system role; the system prompt leads the first instruction, separated by a blank line.
 */
export function mistralPrompt({ system, turns }: TextConversation): string {
  let out = "<s>";
  turns.forEach((turn, i) => {
    if (turn.role === "user") {
      const text = i === 0 && system !== undefined ? `${system}\n\n${turn.text}` : turn.text;
      out += `[INST] ${text} [/INST]`;
    } else {
      // A final assistant turn stays open (pre-fill).
      out += i === turns.length - 1 ? ` ${turn.text}` : ` ${turn.text}</s>`;
    }
  });
  return out;
}

function chatToolChoice(choice: ChatCompletionCreateParamsBase["tool_choice"]): string | undefined {
  if (choice === undefined) return undefined;
  if (choice === "auto" || choice === "none") return choice;
  if (choice === "required") return "any";
  throw new ConfigurationError("tool_choice", '`tool_choice` for Mistral must be "auto", "required" or "none" (Mistral on Bedrock cannot force one named function).');
}

function buildRequest(params: ChatCompletionCreateParamsBase, options: MapperOptions): Record<string, unknown> {
  const chat = usesMistralChat(options.modelId);
  const drop = checkParams(params, FAMILY, options, { stop: true, topK: !chat, tools: chat });
  const common = {
    max_tokens: maxTokensOf(params),
    temperature: params.temperature,
    top_p: params.top_p,
  };
  if (!chat) {
    const prompt = mistralPrompt(textConversation(params, FAMILY));
    return assignDefined({ ...providerSpecificParams(params), prompt }, { ...common, top_k: params.top_k, stop: drop.has("stop") ? undefined : stopSequencesOf(params) });
  }
  const body = assignDefined({ ...providerSpecificParams(params), messages: chatMessages(params, FAMILY, (calls) => calls.map((c) => ({ id: c.id, function: { name: c.function.name, arguments: c.function.arguments } })), true) }, common);
  if (params.stop != null && !drop.has("stop")) assignDefined(body, { stop: stopSequencesOf(params) });
  if (params.tools !== undefined && params.tools.length > 0) {
    body.tools = functionTools(params.tools);
    assignDefined(body, { tool_choice: chatToolChoice(params.tool_choice) });
  }
  return body;
}

function parseResponse(body: unknown, options: MapperOptions): MappedResponse {
  const b = isRecord(body) ? body : {};
  if (Array.isArray(b.choices)) {
    const choice = isRecord(b.choices[0]) ? b.choices[0] : {};
    const message = isRecord(choice.message) ? choice.message : {};
    const calls = toolCallsOf(message.tool_calls);
    const out: MappedResponse = {
      content: typeof message.content === "string" && !(message.content === "" && calls.length > 0) ? message.content : null,
      finish_reason: mapStopReason(choice.stop_reason ?? choice.finish_reason),
      usage: usageOf(undefined, undefined, options),
    };
    if (calls.length > 0) out.tool_calls = calls;
    return out;
  }
  const outputs = Array.isArray(b.outputs) ? b.outputs : [];
  const first = isRecord(outputs[0]) ? outputs[0] : {};
  return {
    content: typeof first.text === "string" ? first.text : null,
    finish_reason: mapStopReason(first.stop_reason),
    usage: usageOf(undefined, undefined, options),
  };
}

/** Mistral AI: instruction-format prompt for the text models, chat body for Mistral Large 2+/Pixtral. */
export const mistral: ChatMapper = {
  name: FAMILY,
  buildRequest,
  parseResponse,
  createStreamMapper() {
    return createTextStreamMapper(FAMILY, (event) => {
      if (Array.isArray(event.choices)) {
        const choice = isRecord(event.choices[0]) ? event.choices[0] : {};
        const message = isRecord(choice.message) ? choice.message : isRecord(choice.delta) ? choice.delta : {};
        const calls: ChatCompletionChunkToolCall[] = toolCallsOf(message.tool_calls).map((c, index) => ({ index, ...c }));
        const reason = choice.stop_reason ?? choice.finish_reason;
        return {
          content: typeof message.content === "string" ? message.content : undefined,
          tool_calls: calls,
          finish_reason: typeof reason === "string" ? mapStopReason(reason) : undefined,
        };
      }
      const outputs = Array.isArray(event.outputs) ? event.outputs : [];
      const first = isRecord(outputs[0]) ? outputs[0] : {};
      return {
        content: typeof first.text === "string" ? first.text : undefined,
        finish_reason: typeof first.stop_reason === "string" ? mapStopReason(first.stop_reason) : undefined,
      };
    });
  },
};
