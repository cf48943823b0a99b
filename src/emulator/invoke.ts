/**
 * InvokeModel and InvokeModelWithResponseStream: pick the family from the model id (or the body), answer in its
 * native format, and add what Bedrock adds — `X-Amzn-Bedrock-*` headers on a plain answer, chunk frames with
 * `amazon-bedrock-invocationMetrics` merged into the last event on a stream. Unless the emulator is lenient, the
 * model id must be one Bedrock knows and the body must fit the family's schema (native-checks.ts). A guardrail named
 * in the headers adds its action and trace (guardrail-trace.ts).
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html
 */
import { EmulatedAwsError } from "./aws-error";
import { eventStreamResponse, jsonResponse, latencies, type OperationContext } from "./context";
import { detectFamily } from "./families/detect";
import type { RenderContext } from "./families/types";
import { chunkFrame, frameStream } from "./frames";
import { generate } from "./generate";
import { blockedGeneration, findBlockedWord } from "./guardrail";
import { guardEvents, invokeGuardrail, invokeGuardrailFields } from "./guardrail-trace";
import { requireModel } from "./model-access";
import { checkNativeBody } from "./native-checks";

function headers(input: number, output: number | undefined): Record<string, string> {
  const h: Record<string, string> = {
    "X-Amzn-Bedrock-Invocation-Latency": String(latencies(output ?? 0).invocationLatency),
    "X-Amzn-Bedrock-Input-Token-Count": String(input),
  };
  if (output !== undefined) h["X-Amzn-Bedrock-Output-Token-Count"] = String(output);
  return h;
}

/** Answers InvokeModel (`stream: false`) or InvokeModelWithResponseStream (`stream: true`). */
export function invoke(ctx: OperationContext, stream: boolean): Response {
  const model = requireModel(ctx.modelId, ctx.lenient);
  const family = detectFamily(ctx.modelId, ctx.body);
  if (!ctx.lenient) checkNativeBody(family.name, model.baseId, ctx.json);
  const render: RenderContext = { modelId: ctx.modelId, body: ctx.body };
  if (family.kind !== "text") {
    if (stream) throw new EmulatedAwsError(400, "ValidationException", "The model is unsupported for streaming.");
    if (family.kind === "embedding") {
      const { body, inputTokens } = family.render(render);
      return jsonResponse(body, ctx.requestId, headers(inputTokens, undefined));
    }
    return jsonResponse(family.render(render).body, ctx.requestId, headers(1, 1));
  }
  const prompt = family.parse(ctx.body);
  const guardrail = invokeGuardrail(ctx.headers);
  const intervened = guardrail !== undefined && findBlockedWord(prompt.lastUserText, ctx.blockedWords) !== undefined;
  const generation = intervened ? blockedGeneration(generate(prompt, ctx.modelId)) : generate(prompt, ctx.modelId);
  if (!stream) {
    const answer = family.render(generation, render) as Record<string, unknown>;
    const guarded = guardrail === undefined ? answer : { ...answer, ...invokeGuardrailFields(guardrail, prompt.allText, generation.text, intervened, true) };
    return jsonResponse(guarded, ctx.requestId, headers(generation.inputTokens, generation.outputTokens));
  }
  const native = family.events(generation, render);
  const events = guardrail === undefined ? native : guardEvents(native, guardrail, prompt.allText, generation.text, intervened);
  const last = events.length - 1;
  events[last] = {
    ...events[last],
    "amazon-bedrock-invocationMetrics": {
      inputTokenCount: generation.inputTokens,
      outputTokenCount: generation.outputTokens,
      ...latencies(generation.outputTokens),
      ...family.extraInvocationMetrics,
    },
  };
  const frames = events.map((event, i) => chunkFrame(event, i));
  return eventStreamResponse(frameStream(frames, ctx.stream), ctx.requestId, { "X-Amzn-Bedrock-Content-Type": "application/json" });
}
