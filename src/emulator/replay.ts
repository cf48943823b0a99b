/**
 * Replay: answer with recorded exchanges (the schema of the shared `exchanges/` folder) instead of generating.
 * A request matches a recording with the same operation and model id whose body is equal as parsed JSON; when no
 * body is equal, any recording of the same operation and model will do. Several recordings matching the same
 * request are served in turn (the first call gets the first, and so on, wrapping around), like a cassette.
 */
import { fromBase64 } from "./bytes";
import { frameStream, splitFrames, type StreamShape } from "./frames";
import type { RecordedExchange } from "./types";

const DROPPED_HEADERS = new Set(["connection", "content-length", "transfer-encoding", "set-cookie", "date", "via"]);

/** JSON with object keys sorted, so that equal documents compare equal as strings. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** Finds recordings for requests, serving repeated matches in turn. */
export function createReplayer(exchanges: readonly RecordedExchange[]) {
  const served = new Map<string, number>();
  const bodyKeys = exchanges.map((e) => canonicalJson(e.request.body ?? null));
  function pick(key: string, candidates: number[]): RecordedExchange {
    const n = served.get(key) ?? 0;
    served.set(key, n + 1);
    return exchanges[candidates[n % candidates.length]!]!;
  }
  return {
    /** The recording that answers `operation` on `modelId` (null for guardrails) with `body`, if any. */
    find(operation: string, modelId: string | null, body: unknown): RecordedExchange | undefined {
      const same: number[] = [];
      exchanges.forEach((e, i) => {
        if (e.operation === operation && (modelId === null || e.modelId === modelId)) same.push(i);
      });
      if (same.length === 0) return undefined;
      const bodyKey = canonicalJson(body);
      const equal = same.filter((i) => bodyKeys[i] === bodyKey);
      const prefix = `${operation}\n${modelId ?? ""}\n`;
      return equal.length > 0 ? pick(prefix + bodyKey, equal) : pick(prefix, same);
    },
  };
}

/** The recorded answer as a `Response`; event-stream bodies are re-sent frame by frame (so stream faults apply). */
export function replayResponse(exchange: RecordedExchange, requestId: string, stream: StreamShape): Response {
  const headers = new Headers();
  for (const [name, value] of Object.entries(exchange.response.headers ?? {})) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) headers.set(name, value);
  }
  if (!headers.has("x-amzn-requestid")) headers.set("x-amzn-RequestId", requestId);
  const { status, bodyBase64, body } = exchange.response;
  if (bodyBase64 !== undefined) {
    // `bodyBase64` is how the schema stores event streams; some recorders redacted the content type itself.
    headers.set("content-type", "application/vnd.amazon.eventstream");
    return new Response(frameStream(splitFrames(fromBase64(bodyBase64)), stream), { status, headers });
  }
  if (!headers.has("content-type")) headers.set("content-type", "application/json");
  return new Response(body === undefined ? null : JSON.stringify(body), { status, headers });
}
