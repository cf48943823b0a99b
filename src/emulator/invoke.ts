/**
 * InvokeModel and InvokeModelWithResponseStream: pick the family from the model id (or the body), answer in its
 * native format, and add what Bedrock adds — `X-Amzn-Bedrock-*` headers on a plain answer, chunk frames with
 * `amazon-bedrock-invocationMetrics` merged into the last event on a stream.
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModel.html
 */
import { EmulatedAwsError, invalidModel } from "./aws-error";
import { eventStreamResponse, jsonResponse, latencies, type OperationContext } from "./context";
import { detectFamily, isKnownModel } from "./families/detect";
import type { RenderContext } from "./families/types";
import { chunkFrame, frameStream } from "./frames";
import { generate } from "./generate";

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
  if (!isKnownModel(ctx.modelId)) throw invalidModel();
  const family = detectFamily(ctx.modelId, ctx.body);
  const render: RenderContext = { modelId: ctx.modelId, body: ctx.body };
  if (family.kind !== "text") {
    if (stream) throw new EmulatedAwsError(400, "ValidationException", "The model is unsupported for streaming.");
    if (family.kind === "embedding") {
      const { body, inputTokens } = family.render(render);
      return jsonResponse(body, ctx.requestId, headers(inputTokens, undefined));
    }
    return jsonResponse(family.render(render).body, ctx.requestId, headers(1, 1));
  }
  const generation = generate(family.parse(ctx.body), ctx.modelId);
  if (!stream) {
    return jsonResponse(family.render(generation, render), ctx.requestId, headers(generation.inputTokens, generation.outputTokens));
  }
  const events = family.events(generation, render);
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
