/**
 * Node request ↔ web `Request`/`Response`, for serving web handlers on `node:http` and `node:http2`: the request
 * body streams from the socket (`duplex: "half"`) and ends in an error when the client leaves mid-body; the response
 * body is written with backpressure (a `write()` that returns false waits for `drain`), and a client disconnect
 * cancels it so the handler stops producing.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Http2ServerRequest, Http2ServerResponse } from "node:http2";
import type { Readable } from "node:stream";

/**
 * The request body as a web stream. Not `Readable.toWeb`: on Node 20 a handler that cancels that stream (the proxy
 * does, for a body over its size limit) makes the later dump of the unread rest throw ERR_INVALID_STATE
 * ("Controller is already closed") as an uncaught exception. Here a cancel just discards the rest.
 */
function requestBody(req: Readable & { aborted?: boolean }): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const fail = (error: unknown) => {
          if (!done) controller.error(error);
          done = true;
        };
        // An HTTP/2 stream reset by the client ends its compat request like a complete one, after "aborted".
        const aborted = () => fail(new Error("The client closed the connection before sending the whole request body."));
        req.on("data", (chunk: Uint8Array) => {
          if (done) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => {
          if (req.aborted) aborted();
          if (!done) controller.close();
          done = true;
        });
        req.once("aborted", aborted);
        req.on("error", fail);
        req.pause();
      },
      pull() {
        req.resume();
      },
      cancel() {
        done = true;
        req.resume();
      },
    },
    { highWaterMark: 64 * 1024, size: (chunk) => chunk.byteLength },
  );
}

/** Converts a Node request to a web `Request` whose body streams from the socket. */
export function toWebRequest(req: IncomingMessage | Http2ServerRequest, origin: string, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!;
    // HTTP/2 pseudo-headers are not header fields; `:authority` is what HTTP/1.1 calls `host`.
    if (name === ":authority") headers.set("host", req.rawHeaders[i + 1]!);
    else if (!name.startsWith(":")) headers.append(name, req.rawHeaders[i + 1]!);
  }
  const method = req.method ?? "GET";
  const hasBody = method !== "GET" && method !== "HEAD";
  const init: RequestInit & { duplex?: "half" } = { method, headers, signal };
  if (hasBody) {
    init.body = requestBody(req);
    init.duplex = "half";
  }
  return new Request(new URL(req.url ?? "/", origin), init);
}

// Connection-specific fields are not allowed in HTTP/2 (RFC 9113 §8.2.2); Node throws on them.
const HOP_BY_HOP = /^(connection|keep-alive|proxy-connection|transfer-encoding|upgrade)$/;

/** Writes a web `Response` to a Node response, honouring backpressure; resolves when done or aborted. */
export async function writeWebResponse(response: Response, res: ServerResponse | Http2ServerResponse): Promise<void> {
  const http2 = "stream" in res;
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === "set-cookie" || (http2 && HOP_BY_HOP.test(name))) return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  // HTTP/2 has no reason phrase; without one of its own, an HTTP/1.1 status gets Node's standard phrase.
  if (http2 || !response.statusText) res.writeHead(response.status, headers);
  else res.writeHead(response.status, response.statusText, headers);
  if (response.body === null) {
    (res as ServerResponse).end();
    return;
  }
  // Both response kinds share this streaming surface (write/drain/close/destroy).
  const sink = res as ServerResponse;
  const reader = response.body.getReader();
  const onClose = () => {
    // The client went away: cancel the body so the producer (e.g. a dripping stream) stops.
    reader.cancel().catch(() => {});
  };
  sink.on("close", onClose);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (sink.destroyed) return;
      if (!sink.write(value)) {
        await new Promise<void>((resolve) => {
          const finish = () => {
            sink.off("drain", finish);
            sink.off("close", finish);
            resolve();
          };
          sink.on("drain", finish);
          sink.on("close", finish);
        });
      }
    }
    sink.end();
  } catch {
    sink.destroy();
  } finally {
    sink.off("close", onClose);
  }
}
