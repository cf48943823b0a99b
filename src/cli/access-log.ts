/**
 * The access log of `bedrock-fetch serve` and `emulate`: one JSON line per request, written when its answer has been
 * sent in full (a stream included), as a wrapper around the web handler.
 *
 * A line holds the time the request arrived, its method, its path (never the query string, where a presigned URL
 * carries its signature), the status, the milliseconds until the answer ended and the model the request names (in
 * the emulator's path, or in the JSON body the proxy read: a request refused before its body was read has none).
 * Never a header or a body; path and model also pass through the library's redaction of anything shaped like a
 * secret.
 */
import { redact } from "../internal/redact";
import { createJsonFieldScanner } from "./json-field-scanner";

type Handler = (request: Request) => Response | Promise<Response>;

/** Where log lines go (the CLI: standard error). */
export type LogWriter = (line: string) => void;

/** Which model a request names, for the log line. */
export type ModelSource =
  /** The `model` field of a JSON request body, read as the handler reads the body (the proxy). */
  | "json-body"
  /** The model id in a Bedrock Runtime path, `/model/{modelId}/{operation}` (the emulator). */
  | "bedrock-path";

const MAX_PATH = 512;
const MAX_TEXT = 256;

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}…` : text);

/** Writes one JSON log line: `time` (ISO 8601), `event`, then `fields`. */
export function logEvent(write: LogWriter, event: string, fields: Record<string, unknown> = {}, time = new Date()): void {
  write(JSON.stringify({ time: time.toISOString(), event, ...fields }));
}

function modelInPath(pathname: string): string | undefined {
  const match = /^\/model\/([^/]+)\//.exec(pathname);
  if (!match) return undefined;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return match[1];
  }
}

/** The request with its body passed through `scan` on the way to the handler. */
function scanBody(request: Request, scan: (bytes: Uint8Array) => void): Request {
  if (request.body === null) return request;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        scan(chunk);
        controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request, { body, duplex: "half" } as RequestInit);
}

/**
 * `handler` with an access log: each request writes one line through `write` once its answer has ended (a client
 * that hung up first gets `"aborted": true`, an answer that failed mid-body `"failed": true`).
 *
 * @param model - where the model of a request is read from, if anywhere
 */
export function withAccessLog(handler: Handler, write: LogWriter, model?: ModelSource): (request: Request) => Promise<Response> {
  return async (request) => {
    const arrived = new Date();
    const started = performance.now();
    const url = new URL(request.url);
    const scanner = model === "json-body" && request.method === "POST" ? createJsonFieldScanner("model", MAX_TEXT) : undefined;
    const forwarded = scanner ? scanBody(request, scanner.feed) : request;
    let logged = false;
    const log = (status: number, ending?: "aborted" | "failed") => {
      if (logged) return;
      logged = true;
      const name = model === "bedrock-path" ? modelInPath(url.pathname) : scanner?.value();
      logEvent(
        write,
        "request",
        {
          method: clip(request.method, 32),
          path: redact(clip(url.pathname, MAX_PATH)),
          status,
          ms: Math.round(performance.now() - started),
          ...(name !== undefined ? { model: redact(clip(name, MAX_TEXT)) } : {}),
          ...(ending ? { [ending]: true } : {}),
        },
        arrived,
      );
    };

    let response: Response;
    try {
      response = await handler(forwarded);
    } catch (error) {
      log(500, "failed"); // the server answers a handler that throws with a 500
      throw error;
    }
    if (response.body === null) {
      log(response.status);
      return response;
    }
    const reader = response.body.getReader();
    const body = new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          let next: ReadableStreamReadResult<Uint8Array>;
          try {
            next = await reader.read();
          } catch (error) {
            log(response.status, "failed");
            throw error;
          }
          if (next.done) {
            controller.close();
            log(response.status);
          } else {
            controller.enqueue(next.value);
          }
        },
        cancel(reason) {
          log(response.status, "aborted");
          // Held until here: the forwarded Request's signal follows the server's only while that Request lives.
          void forwarded;
          return reader.cancel(reason);
        },
      },
      { highWaterMark: 0 },
    );
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
