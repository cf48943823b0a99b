/**
 * A `node:http` adapter for web handlers (the emulator, the proxy): IncomingMessage → `Request` with a streaming
 * body (`duplex: "half"`), `Response` → ServerResponse with backpressure (a `write()` that returns false waits for
 * `drain`), and a client disconnect cancels the response body so the handler stops producing.
 *
 * One port speaks both HTTP/1.1 and cleartext HTTP/2 (prior knowledge): the AWS SDK's Bedrock Runtime client uses
 * HTTP/2 by default, so pointing it at the emulator must work. Each connection's first bytes are peeked for the
 * HTTP/2 preface (RFC 9113 §3.4) and the socket handed to the matching server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from "node:http2";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import type { Readable } from "node:stream";
import { ConfigurationError } from "../errors";

const PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/** Options of {@link serve}. */
export interface ServeOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Interface to listen on. @defaultValue "127.0.0.1" */
  host?: string;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:43123`. */
  url: string;
  port: number;
  /** Stops accepting connections and closes open ones. */
  close(): Promise<void>;
}

/**
 * The request body as a web stream. Not `Readable.toWeb`: on Node 20 a handler that cancels that stream (the proxy
 * does, for a body over its size limit) makes the later dump of the unread rest throw ERR_INVALID_STATE
 * ("Controller is already closed") as an uncaught exception. Here a cancel just discards the rest.
 */
function requestBody(req: Readable): ReadableStream<Uint8Array> {
  let done = false;
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        req.on("data", (chunk: Uint8Array) => {
          if (done) return;
          controller.enqueue(chunk);
          if ((controller.desiredSize ?? 0) <= 0) req.pause();
        });
        req.once("end", () => {
          if (!done) controller.close();
          done = true;
        });
        req.once("error", (error) => {
          if (!done) controller.error(error);
          done = true;
        });
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

/** Writes a web `Response` to a Node response, honouring backpressure; resolves when done or aborted. */
export async function writeWebResponse(response: Response, res: ServerResponse | Http2ServerResponse): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    if (name === "set-cookie") return;
    headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) headers["set-cookie"] = cookies;
  if ("stream" in res) res.writeHead(response.status, headers); // HTTP/2 has no reason phrase
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

/**
 * Serves a web handler over `node:http`.
 *
 * @example
 * ```ts
 * import { createEmulator } from "bedrock-fetch/emulator";
 * import { serve } from "bedrock-fetch/node";
 * const server = await serve(createEmulator(), { port: 4010 });
 * console.log(server.url);
 * ```
 */
export async function serve(
  handler: (request: Request) => Response | Promise<Response>,
  options: ServeOptions = {},
): Promise<RunningServer> {
  if (typeof handler !== "function") throw new ConfigurationError("handler", "serve(handler) needs a function (request: Request) => Promise<Response>.");
  const port = options.port ?? 0;
  const host = options.host ?? "127.0.0.1";
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigurationError("port", "port must be an integer from 0 to 65535.");
  if (typeof host !== "string" || host === "") throw new ConfigurationError("host", "host must be a non-empty string.");

  let origin = "";
  const onRequest = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const aborter = new AbortController();
    res.on("close", () => {
      if (!res.writableFinished) aborter.abort();
    });
    (async () => {
      let response: Response;
      try {
        response = await handler(toWebRequest(req, origin, aborter.signal));
      } catch {
        response = new Response(JSON.stringify({ message: "Internal server error" }), { status: 500, headers: { "content-type": "application/json" } });
      }
      await writeWebResponse(response, res);
    })().catch(() => res.destroy());
  };
  const http1 = createServer(onRequest);
  const http2 = createHttp2Server(onRequest);
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    socket.once("readable", () => {
      const head: Buffer | null = socket.read(Math.min(PREFACE.length, socket.readableLength)) ?? socket.read();
      if (head === null) return void http1.emit("connection", socket);
      socket.unshift(head);
      (PREFACE.startsWith(head.toString("latin1")) && head.length > 0 ? http2 : http1).emit("connection", socket);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
  origin = `http://${urlHost}:${address.port}`;
  return {
    url: origin,
    port: address.port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        for (const socket of sockets) socket.destroy();
      }),
  };
}
