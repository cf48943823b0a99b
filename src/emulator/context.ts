/**
 * What every operation handler receives from the router: the request's parsed pieces and the emulator's
 * capabilities for this call.
 */
import type { StreamShape } from "./frames";

export interface OperationContext {
  requestId: string;
  /** The emulator's clock for this request (skew applied). */
  now: Date;
  /** Model id from the path, percent-decoded. */
  modelId: string;
  /** Parsed JSON body (`{}` when empty or not an object). */
  body: Record<string, unknown>;
  /** The parsed JSON body as it is (`null` when empty). */
  json: unknown;
  /** Stream faults and the sleep to drip with. */
  stream: StreamShape;
  /** Words that make guardrails intervene. */
  blockedWords: readonly string[];
  /** Region from the credential scope (or `us-east-1`). */
  region: string;
  /** The request's headers. */
  headers: Headers;
  /** Accept what Bedrock rejects (the emulator's `lenient` option). */
  lenient: boolean;
}

/** A JSON response with Bedrock's request id header. */
export function jsonResponse(body: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status: 200,
    headers: { "content-type": "application/json", "x-amzn-RequestId": requestId, ...headers },
  });
}

/** An event-stream response. */
export function eventStreamResponse(body: ReadableStream<Uint8Array>, requestId: string, headers: Record<string, string> = {}): Response {
  return new Response(body, {
    status: 200,
    headers: { "content-type": "application/vnd.amazon.eventstream", "x-amzn-RequestId": requestId, ...headers },
  });
}

/** Deterministic latencies to report, derived from the token counts. */
export function latencies(outputTokens: number): { invocationLatency: number; firstByteLatency: number } {
  return { invocationLatency: 120 + outputTokens * 4, firstByteLatency: 90 };
}
