/**
 * The access log of `bedrock-fetch emulate` (and the line writer `serve` uses for the proxy's own `onAccess` records):
 * one JSON line per request, written when its answer has been sent in full (a stream included), as a wrapper around
 * the web handler.
 *
 * A line holds the time the request arrived, its method, its path (never the query string, where a presigned URL
 * carries its signature), the status, the milliseconds until the answer ended and the model of the emulator's path.
 * Never a header or a body; path and model also pass through the library's redaction of anything shaped like a
 * secret.
 */
import { onBodyEnd, type BodyEnding } from "../internal/on-body-end";
import { redact } from "../internal/redact";

type Handler = (request: Request) => Response | Promise<Response>;

/** Where log lines go (the CLI: standard error). */
export type LogWriter = (line: string) => void;

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

/**
 * `handler` with an access log: each request writes one line through `write` once its answer has ended (a client
 * that hung up first gets `"aborted": true`, an answer that failed mid-body `"failed": true`), naming the model of a
 * Bedrock Runtime path (`/model/{modelId}/…`). The proxy logs through its own `onAccess` instead, which knows more.
 */
export function withAccessLog(handler: Handler, write: LogWriter): (request: Request) => Promise<Response> {
  return async (request) => {
    const arrived = new Date();
    const started = performance.now();
    const url = new URL(request.url);
    const log = (status: number, ending?: BodyEnding) => {
      const name = modelInPath(url.pathname);
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
      response = await handler(request);
    } catch (error) {
      log(500, "failed"); // the server answers a handler that throws with a 500
      throw error;
    }
    return onBodyEnd(response, (ending) => {
      // Held until here: a Request's signal follows the server's only while that Request lives.
      void request;
      log(response.status, ending);
    });
  };
}
