/**
 * An injected `fetch` for client tests: records every request (method, URL, headers, body text) and answers from a
 * handler, typically a recorded exchange. No network.
 */
import { encodeEventStreamMessage } from "../../src/event-stream";
import type { Exchange } from "../helpers/shared";
import { streamBytes } from "../helpers/shared";

export interface Call {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  signal: AbortSignal | undefined;
}

export type Handler = (call: Call, index: number) => Response | Promise<Response>;

export interface FakeFetch {
  fetch: typeof globalThis.fetch;
  calls: Call[];
}

export function fakeFetch(handler: Handler | Array<Response | (() => Response) | Error>): FakeFetch {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const body = init?.body;
    const text = typeof body === "string" ? body : body instanceof Uint8Array ? new TextDecoder().decode(body) : "";
    const call: Call = { method: init?.method ?? "GET", url: String(input), headers, body: text, signal: init?.signal ?? undefined };
    calls.push(call);
    const index = calls.length - 1;
    if (typeof handler === "function") return handler(call, index);
    const next = handler[Math.min(index, handler.length - 1)]!;
    if (next instanceof Error) throw next;
    return typeof next === "function" ? next() : next.clone();
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

// Recordings stored pretty-printed bodies with the original Content-Length; fetch recomputes it.
const DROP = new Set(["content-length", "transfer-encoding", "connection", "content-encoding"]);

/** The recorded response of an exchange as a fetch `Response`. */
export function recordedResponse(exchange: Exchange): Response {
  const headers = new Headers();
  for (const [k, v] of Object.entries(exchange.response.headers)) if (!DROP.has(k.toLowerCase())) headers.set(k, v);
  const body =
    exchange.response.bodyBase64 !== undefined
      ? streamBytes(exchange)
      : typeof exchange.response.body === "string"
        ? exchange.response.body
        : JSON.stringify(exchange.response.body);
  return new Response(body as BodyInit, { status: exchange.response.status, headers });
}

/** A JSON response. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", ...headers } });
}

/** An AWS error response as Bedrock sends it. */
export function awsError(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return jsonResponse(status, { message }, {
    "x-amzn-errortype": `${code}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
    "x-amzn-requestid": `req-${code}`,
    ...headers,
  });
}

export interface PulledBody {
  stream: ReadableStream<Uint8Array>;
  /** How many chunks the consumer pulled so far. */
  pulls: () => number;
  cancelled: () => boolean;
}

/** A body that hands out `chunks` one per pull, recording pulls and cancellation (for backpressure tests). */
export function pulledBody(chunks: Uint8Array[]): PulledBody {
  let i = 0;
  let cancelled = false;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (i < chunks.length) controller.enqueue(chunks[i++]!);
        else controller.close();
      },
      cancel() {
        cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulls: () => i, cancelled: () => cancelled };
}

/** One Bedrock event frame. */
export function eventFrame(type: string, data: unknown): Uint8Array {
  return encodeEventStreamMessage({
    headers: { ":event-type": type, ":content-type": "application/json", ":message-type": "event" },
    payload: JSON.stringify(data),
  });
}

/** One Bedrock exception frame, e.g. `throttlingException`. */
export function exceptionFrame(type: string, message: string): Uint8Array {
  return encodeEventStreamMessage({
    headers: { ":exception-type": type, ":content-type": "application/json", ":message-type": "exception" },
    payload: JSON.stringify({ message }),
  });
}

/** A 200 event-stream response over the given body. */
export function streamResponse(body: ReadableStream<Uint8Array> | Uint8Array, requestId = "stream-req"): Response {
  return new Response(body as BodyInit, {
    status: 200,
    headers: { "content-type": "application/vnd.amazon.eventstream", "x-amzn-requestid": requestId },
  });
}

/** A full, valid ConverseStream answer as frames. */
export function converseFrames(text = "Hello"): Uint8Array[] {
  return [
    eventFrame("messageStart", { role: "assistant" }),
    eventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text } }),
    eventFrame("contentBlockStop", { contentBlockIndex: 0 }),
    eventFrame("messageStop", { stopReason: "end_turn" }),
    eventFrame("metadata", { usage: { inputTokens: 3, outputTokens: 1, totalTokens: 4 }, metrics: { latencyMs: 10 } }),
  ];
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** A sleep that records its delays and returns at once (no timed assertions). */
export function recordingSleep(): { sleep: (ms: number, signal?: AbortSignal) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep: async (ms, signal) => {
      delays.push(ms);
      if (signal?.aborted) {
        const { APIUserAbortError } = await import("../../src/errors");
        throw new APIUserAbortError();
      }
    },
  };
}

export const TEST_CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
