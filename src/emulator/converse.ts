/**
 * Converse and ConverseStream: the model-independent chat API. Answers `output.message.content` (text and
 * `toolUse` blocks), `stopReason`, `usage`, `metrics`; the stream sends `messageStart`, `contentBlockStart`
 * (tool use), `contentBlockDelta` (text, or tool input as JSON fragments), `contentBlockStop`, `messageStop` and
 * `metadata`. A `guardrailConfig` makes a blocked word end the answer with `guardrail_intervened`.
 * Shapes from the `converse*` recordings and
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
import { EmulatedAwsError, invalidModel } from "./aws-error";
import { eventStreamResponse, jsonResponse, latencies, type OperationContext } from "./context";
import { converseTools, fromMessages, isObject, num, strings } from "./families/common";
import { detectFamily, isKnownModel } from "./families/detect";
import { converseFrame, frameStream } from "./frames";
import { countTokens, generate, splitPieces } from "./generate";
import { findBlockedWord, BLOCKED_MESSAGE } from "./guardrail";
import type { Generation, Prompt, StopKind } from "./types";

const STOP: Record<StopKind, string> = {
  end: "end_turn",
  max_tokens: "max_tokens",
  stop_sequence: "stop_sequence",
  tool_use: "tool_use",
  guardrail: "guardrail_intervened",
};

/** The normalized prompt of a Converse request body. */
export function parseConverse(body: Record<string, unknown>): Prompt {
  const config = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
  return { ...fromMessages(body.messages, body.system), tools: converseTools(body.toolConfig),
    maxTokens: num(config.maxTokens), stopSequences: strings(config.stopSequences) };
}

function answer(ctx: OperationContext): Generation {
  if (!isKnownModel(ctx.modelId)) throw invalidModel();
  if (detectFamily(ctx.modelId, ctx.body).kind !== "text") {
    throw new EmulatedAwsError(400, "ValidationException",
      "This action doesn't support the model that you provided. Try again with a supported text or chat model.");
  }
  if (!Array.isArray(ctx.body.messages) || ctx.body.messages.length === 0) {
    throw new EmulatedAwsError(400, "ValidationException", "A conversation must start with a user message. Try again with a conversation that starts with a user message.");
  }
  const prompt = parseConverse(ctx.body);
  const generation = generate(prompt, ctx.modelId);
  if (isObject(ctx.body.guardrailConfig) && findBlockedWord(prompt.lastUserText, ctx.blockedWords) !== undefined) {
    return { ...generation, text: BLOCKED_MESSAGE, pieces: splitPieces(BLOCKED_MESSAGE), toolCalls: [], stop: "guardrail",
      stopSequence: undefined, outputTokens: countTokens(BLOCKED_MESSAGE) };
  }
  return generation;
}

function usage(g: Generation): Record<string, number> {
  return { inputTokens: g.inputTokens, outputTokens: g.outputTokens, totalTokens: g.inputTokens + g.outputTokens };
}

/** Answers Converse. */
export function converse(ctx: OperationContext): Response {
  const g = answer(ctx);
  const content: Record<string, unknown>[] = [];
  if (g.text !== "") content.push({ text: g.text });
  for (const call of g.toolCalls) content.push({ toolUse: { toolUseId: call.id, name: call.name, input: call.input } });
  return jsonResponse({
    output: { message: { role: "assistant", content } },
    stopReason: STOP[g.stop],
    usage: usage(g),
    metrics: { latencyMs: latencies(g.outputTokens).invocationLatency },
  }, ctx.requestId);
}

/** The ConverseStream events for a generation, as `[eventType, event]` pairs. */
export function converseEvents(g: Generation): [string, Record<string, unknown>][] {
  const events: [string, Record<string, unknown>][] = [["messageStart", { role: "assistant" }]];
  let index = 0;
  if (g.text !== "") {
    for (const text of g.pieces) events.push(["contentBlockDelta", { contentBlockIndex: index, delta: { text } }]);
    events.push(["contentBlockStop", { contentBlockIndex: index }]);
    index++;
  }
  for (const call of g.toolCalls) {
    events.push(["contentBlockStart", { contentBlockIndex: index, start: { toolUse: { toolUseId: call.id, name: call.name } } }]);
    const json = JSON.stringify(call.input);
    for (let i = 0; i < json.length; i += 12) {
      events.push(["contentBlockDelta", { contentBlockIndex: index, delta: { toolUse: { input: json.slice(i, i + 12) } } }]);
    }
    events.push(["contentBlockStop", { contentBlockIndex: index }]);
    index++;
  }
  events.push(["messageStop", { stopReason: STOP[g.stop] }]);
  events.push(["metadata", { usage: usage(g), metrics: { latencyMs: latencies(g.outputTokens).invocationLatency } }]);
  return events;
}

/** Answers ConverseStream. */
export function converseStream(ctx: OperationContext): Response {
  const frames = converseEvents(answer(ctx)).map(([type, event], i) => converseFrame(type, event, i));
  return eventStreamResponse(frameStream(frames, ctx.stream), ctx.requestId);
}
