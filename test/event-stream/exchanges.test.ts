/**
 * Every recorded Bedrock event-stream body (78 streams, 3,037 frames) decodes identically fed whole, one byte at a
 * time and in random chunk sizes, equals what @smithy/eventstream-codec decodes from the same bytes, and the
 * Bedrock layer turns each stream into events ending in the invocation metrics.
 */
import { describe, expect, it } from "vitest";
import { BedrockEventStream, createBedrockEventDecoder, type BedrockStreamEvent } from "../../src/event-stream/index";
import { exchangeIndex, hasShared, loadExchange, streamBytes } from "../helpers/shared";
import { decodeChunks, smithyDecodeStream, split } from "./helpers";

const streamed = exchangeIndex().filter((e) => e.streamed);
const suite = hasShared ? describe : describe.skip;
const guardrailEnded: string[] = [];

/** What the Bedrock layer should yield, computed independently with Node's base64 and JSON.parse. */
function expectedEvent(headers: Record<string, { value: unknown }>, payload: Uint8Array): BedrockStreamEvent {
  const type = headers[":event-type"]!.value as string;
  const json = JSON.parse(Buffer.from(payload).toString("utf8")) as Record<string, unknown>;
  if (type === "chunk") return { type, data: JSON.parse(Buffer.from(json.bytes as string, "base64").toString("utf8")) };
  delete json.p;
  return { type, data: json };
}

suite("recorded Bedrock event streams", () => {
  it("finds 78 streams with 3,037 frames in INDEX.json", () => {
    expect(streamed).toHaveLength(78);
    expect(streamed.reduce((n, e) => n + e.frames, 0)).toBe(3037);
  });

  it.each(streamed.map((e) => [e.file, e] as const))("%s", async (file, entry) => {
    const bytes = streamBytes(loadExchange(file));
    const whole = decodeChunks(split(bytes, "whole"));
    expect(whole.error).toBeUndefined();
    expect(whole.messages).toHaveLength(entry.frames);
    expect(whole.messages).toEqual(smithyDecodeStream(bytes));
    // Offsets are the frames' positions: consecutive, starting at 0, summing to the stream length.
    expect(whole.offsets[0]).toBe(0);
    for (const how of ["bytewise", { seed: entry.frames, max: 7 }, { seed: 11, max: 700 }, { seed: 5, max: 5000 }] as const) {
      const r = decodeChunks(split(bytes, how));
      expect(r.error).toBeUndefined();
      expect(r.offsets).toEqual(whole.offsets);
      expect(r.messages).toEqual(whole.messages);
    }

    // Bedrock layer, closure form, random chunks.
    const events: BedrockStreamEvent[] = [];
    const decoder = createBedrockEventDecoder({ onEvent: (e) => events.push(e) });
    for (const piece of split(bytes, { seed: 99, max: 300 })) decoder.feed(piece);
    decoder.end();
    expect(events).toEqual(whole.messages.map((m) => expectedEvent(m.headers, m.payload)));

    // TransformStream form gives the same events.
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const piece of split(bytes, { seed: 3, max: 1000 })) controller.enqueue(piece);
        controller.close();
      },
    });
    const streamedEvents: BedrockStreamEvent[] = [];
    for await (const e of body.pipeThrough(new BedrockEventStream())) streamedEvents.push(e);
    expect(streamedEvents).toEqual(events);

    const last = events[events.length - 1]!;
    if (entry.operation === "invoke-with-response-stream") {
      expect(events.every((e) => e.type === "chunk")).toBe(true);
      // A stream whose input a guardrail blocked ends with the guardrail's verdict instead of the metrics (one
      // recording: openllmetry test_guardrail_invoke_stream).
      if (!Object.hasOwn(last.data as object, "amazon-bedrock-invocationMetrics")) {
        expect(last.data).toMatchObject({ "amazon-bedrock-guardrailAction": "INTERVENED" });
        guardrailEnded.push(file);
      } else {
        expect(last.data).toHaveProperty(["amazon-bedrock-invocationMetrics", "inputTokenCount"]);
      }
    } else {
      expect(events[0]!.type).toBe("messageStart");
      expect(last.type).toBe("metadata");
      expect(last.data).toHaveProperty(["usage", "inputTokens"]);
      expect(events.some((e) => Object.hasOwn(e.data as object, "p"))).toBe(false);
    }
  });

  it("saw exactly one guardrail-blocked stream without invocation metrics", () => {
    expect(guardrailEnded).toEqual(["amazon-titan-text/invoke-with-response-stream/openllmetry--test_guardrail_invoke_stream__0.json"]);
  });
});
