/**
 * Converse and ConverseStream: the model-independent chat API. Answers `output.message.content` (text and
 * `toolUse` blocks), `stopReason`, `usage`, `metrics`; the stream sends `messageStart`, `contentBlockStart`
 * (tool use), `contentBlockDelta` (text, or tool input as JSON fragments), `contentBlockStop`, `messageStop` and
 * `metadata`. A `guardrailConfig` makes a blocked word end the answer with `guardrail_intervened`. Unless the
 * emulator is lenient, the request is first checked as Bedrock checks it (converse-checks.ts).
 * Shapes from the `converse*` recordings and
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html
 */
import { EmulatedAwsError } from "./aws-error";
import { eventStreamResponse, jsonResponse, latencies, type OperationContext } from "./context";
import { converseToolChoice, converseTools, fromMessages, isObject, num, strings, structuredOutputSchema } from "./families/common";
import { checkConverse } from "./converse-checks";
import { detectFamily } from "./families/detect";
import { converseFrame, frameStream } from "./frames";
import { generate } from "./generate";
import { blockedGeneration, findBlockedWord, BLOCKED_MESSAGE } from "./guardrail";
import { converseGuardrail, converseTrace } from "./guardrail-trace";
import { requireModel } from "./model-access";
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
  return { ...fromMessages(body.messages, body.system), tools: converseTools(body.toolConfig), toolChoice: converseToolChoice(body.toolConfig),
    responseSchema: structuredOutputSchema(body.outputConfig), maxTokens: num(config.maxTokens), stopSequences: strings(config.stopSequences) };
}

function answer(ctx: OperationContext, streaming: boolean): { generation: Generation; extras: Record<string, unknown> } {
  const model = requireModel(ctx.modelId, ctx.lenient);
  const family = detectFamily(ctx.modelId, ctx.body);
  const chat = model.entry === undefined ? family.kind === "text" : model.entry.kind === "chat" && model.entry.features?.converse !== false;
  if (!chat) {
    throw new EmulatedAwsError(400, "ValidationException",
      "This action doesn't support the model that you provided. Try again with a supported text or chat model.");
  }
  if (!Array.isArray(ctx.body.messages) || ctx.body.messages.length === 0) {
    throw new EmulatedAwsError(400, "ValidationException", "A conversation must start with a user message. Try again with a conversation that starts with a user message.");
  }
  // An ARN that names no model (an application inference profile) gets the checks every model makes, no family's.
  if (!ctx.lenient) checkConverse(ctx.body, model.entry?.features, model.baseId === undefined ? "" : family.name, model.baseId ?? "", streaming);
  const prompt = parseConverse(ctx.body);
  const generation = generate(prompt, ctx.modelId);
  const intervened = isObject(ctx.body.guardrailConfig) && findBlockedWord(prompt.lastUserText, ctx.blockedWords) !== undefined;
  return { generation: intervened ? blockedGeneration(generation) : generation, extras: extras(ctx.body, prompt.allText, intervened ? BLOCKED_MESSAGE : generation.text, intervened) };
}

/**
 * Members the answer echoes or adds: `performanceConfig` and `serviceTier` as requested (both recorded), and the
 * guardrail's `trace` when `guardrailConfig.trace` asks for it.
 */
function extras(body: Record<string, unknown>, input: string, output: string, intervened: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (isObject(body.performanceConfig)) out.performanceConfig = body.performanceConfig;
  if (isObject(body.serviceTier)) out.serviceTier = body.serviceTier;
  const guardrail = converseGuardrail(body);
  if (guardrail?.trace === true) out.trace = converseTrace(guardrail, input, output, intervened);
  return out;
}

function usage(g: Generation): Record<string, number> {
  return { inputTokens: g.inputTokens, outputTokens: g.outputTokens, totalTokens: g.inputTokens + g.outputTokens };
}

/** Answers Converse. */
export function converse(ctx: OperationContext): Response {
  const { generation: g, extras } = answer(ctx, false);
  const content: Record<string, unknown>[] = [];
  if (g.text !== "") content.push({ text: g.text });
  for (const call of g.toolCalls) content.push({ toolUse: { toolUseId: call.id, name: call.name, input: call.input } });
  return jsonResponse({
    output: { message: { role: "assistant", content } },
    stopReason: STOP[g.stop],
    usage: usage(g),
    metrics: { latencyMs: latencies(g.outputTokens).invocationLatency },
    ...extras,
  }, ctx.requestId);
}

/**
 * The ConverseStream events for a generation, as `[eventType, event]` pairs; `extras` (a guardrail trace, the
 * performance configuration and service tier) ride on the `metadata` event.
 */
export function converseEvents(g: Generation, extras: Record<string, unknown> = {}): [string, Record<string, unknown>][] {
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
  events.push(["metadata", { usage: usage(g), metrics: { latencyMs: latencies(g.outputTokens).invocationLatency }, ...extras }]);
  return events;
}

/** Answers ConverseStream. */
export function converseStream(ctx: OperationContext): Response {
  const { generation, extras } = answer(ctx, true);
  const frames = converseEvents(generation, extras).map(([type, event], i) => converseFrame(type, event, i));
  return eventStreamResponse(frameStream(frames, ctx.stream), ctx.requestId);
}
