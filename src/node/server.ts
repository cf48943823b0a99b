/**
 * Serves web handlers (the emulator, the proxy) on Node: `serve(handler)`. The conversion of each request and
 * response between Node and web types is in `./web-exchange`.
 *
 * One port speaks both HTTP/1.1 and cleartext HTTP/2 (prior knowledge): the AWS SDK's Bedrock Runtime client uses
 * HTTP/2 by default, so pointing it at the emulator must work. Each connection's first bytes are read until they
 * match or leave the HTTP/2 preface (RFC 9113 §3.4), then the socket is handed to the matching server.
 *
 * Every connection is hostile until proven otherwise: each socket, session and stream has an error listener (a TCP
 * reset is a client leaving, never a crash), and each wait has a deadline (protocol sniffing and request heads:
 * `headersTimeout`; whole requests: `requestTimeout`; connections with no request in progress: `keepAliveTimeout`).
 */
import { createServer, STATUS_CODES, type IncomingMessage, type ServerResponse } from "node:http";
import {
  constants,
  createServer as createHttp2Server,
  type Http2ServerRequest,
  type Http2ServerResponse,
  type ServerHttp2Session,
} from "node:http2";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { ConfigurationError } from "../errors";
import { toWebRequest, writeWebResponse } from "./web-exchange";

export { toWebRequest, writeWebResponse };

const PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");
const NOOP = () => {};
/** Uses a value, so that it stays reachable until this call. */
const keep: (value: unknown) => void = NOOP;

/** Options of {@link serve}. Durations are in milliseconds; 0 turns a deadline off. */
export interface ServeOptions {
  /** TCP port; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Interface to listen on. @defaultValue "127.0.0.1" */
  host?: string;
  /**
   * How long a client may take to send a request head (request line and headers). A new connection must also send
   * its first bytes, and an HTTP/2 connection its preface and first request, within this time.
   * @defaultValue 30_000
   */
  headersTimeout?: number;
  /** How long a request may take to arrive in full, head and body; at least `headersTimeout`. @defaultValue 300_000 */
  requestTimeout?: number;
  /** How long a connection may stay open with no request in progress (HTTP/1.1 keep-alive, an HTTP/2 session with no stream). @defaultValue 5_000 */
  keepAliveTimeout?: number;
  /** Open connections at most; a connection beyond it is closed at once. @defaultValue 1024 */
  maxConnections?: number;
  /** How long {@link RunningServer.close} lets in-flight requests and streams finish before cutting them. @defaultValue 10_000 */
  gracePeriod?: number;
}

/** A running server. */
export interface RunningServer {
  /** Base URL, e.g. `http://127.0.0.1:43123`. */
  url: string;
  port: number;
  /** Requests being answered, open streams included. */
  readonly inFlight: number;
  /**
   * Stops accepting connections and closes idle ones; in-flight requests and streams may finish (each connection is
   * closed after its response) for up to `gracePeriod` ms, then the rest are cut. Resolves once every connection is closed.
   * @param gracePeriod - milliseconds. @defaultValue the `gracePeriod` option
   */
  close(gracePeriod?: number): Promise<void>;
}

/** The OpenAI error shape (https://platform.openai.com/docs/guides/error-codes), which the proxy's clients parse. */
function errorJson(status: number, code: string, message: string): string {
  return JSON.stringify({ error: { message, type: status >= 500 ? "server_error" : "invalid_request_error", param: null, code } });
}

/** An answer written straight to a socket the HTTP/1.1 parser has given up on (bad syntax, deadline, CONNECT). */
function rawAnswer(status: number, code: string, message: string, extra = ""): string {
  const body = errorJson(status, code, message);
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/json\r\ncontent-length: ${body.length}\r\n${extra}connection: close\r\n\r\n${body}`;
}

// `new Request()` refuses these methods: https://fetch.spec.whatwg.org/#forbidden-method . RFC 9110 §15.5.6: a 405 lists what is allowed.
const FORBIDDEN_METHOD = /^(connect|trace|track)$/i;
const ALLOW = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";
const methodNotAllowed = (method: string) => [405, "method_not_allowed", `The ${method} method is not supported here; use ${ALLOW}.`] as const;

function duration(value: number | undefined, fallback: number, field: string): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) throw new ConfigurationError(field, `${field} must be a number of milliseconds, 0 or more.`);
  return value;
}

/**
 * Serves a web handler over `node:http`, HTTP/1.1 and cleartext HTTP/2 on one port.
 *
 * A method `Request` refuses (TRACE, TRACK, CONNECT) is answered 405 and any other request that cannot become a
 * `Request` 400, both as OpenAI-style JSON errors; a handler that throws is a 500 unless the client has already gone.
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
  const headersTimeout = duration(options.headersTimeout, 30_000, "headersTimeout");
  const requestTimeout = duration(options.requestTimeout, 300_000, "requestTimeout");
  const keepAliveTimeout = duration(options.keepAliveTimeout, 5_000, "keepAliveTimeout");
  const defaultGrace = duration(options.gracePeriod, 10_000, "gracePeriod");
  const maxConnections = options.maxConnections ?? 1024;
  if (!Number.isInteger(maxConnections) || maxConnections < 1) throw new ConfigurationError("maxConnections", "maxConnections must be a whole number, 1 or more.");
  if (requestTimeout > 0 && headersTimeout > requestTimeout) {
    throw new ConfigurationError("headersTimeout", "headersTimeout must not exceed requestTimeout: raise requestTimeout or set it to 0.");
  }

  let origin = "";
  let inFlight = 0;
  let draining = false;
  let drained: (() => void) | undefined;
  const closeIdle = () => http1.closeIdleConnections();
  // The HTTP/1.1 response in progress on each socket: once its head is written, an error answer would corrupt it.
  const responding = new WeakMap<Socket, ServerResponse>();

  const onRequest = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    inFlight++;
    const http1Response = "stream" in res ? undefined : res;
    if (http1Response) responding.set(http1Response.socket as Socket, http1Response);
    const aborter = new AbortController();
    req.on("error", NOOP); // a client reset mid-body: the body stream reports it to whoever reads it
    res.on("error", NOOP);
    res.once("close", () => {
      if (!res.writableFinished) aborter.abort();
      if (--inFlight === 0) drained?.();
      // While closing, this connection may be idle now: close it rather than wait for its keep-alive timeout.
      if (draining) setImmediate(closeIdle);
    });
    const answer = async (): Promise<void> => {
      let response: Response;
      let request: Request | undefined;
      try {
        request = toWebRequest(req, origin, aborter.signal);
        response = await handler(request);
      } catch {
        if (aborter.signal.aborted) return void res.destroy(); // the client left: nothing to answer, nothing to report
        const method = req.method ?? "";
        const [status, code, message] = request
          ? [500, "internal_error", "Internal server error."]
          : FORBIDDEN_METHOD.test(method)
            ? methodNotAllowed(method)
            : [400, "invalid_request", "The request could not be read: check the URL, method and headers."];
        const body = errorJson(status, code, message);
        response = new Response(body, {
          status,
          headers: { "content-type": "application/json", "content-length": `${body.length}`, ...(status === 405 ? { allow: ALLOW } : {}) },
        });
      }
      if (draining) http1Response?.setHeader("connection", "close");
      await writeWebResponse(response, res);
      // Held until the answer is written: a web Request follows the signal it was made with only while the Request
      // itself is alive (undici links them through a weak reference), so a handler that kept just `request.signal`
      // would otherwise miss the client hanging up once the Request had been collected.
      keep(request);
    };
    answer().catch(() => res.destroy());
  };

  const http1 = createServer(onRequest);
  http1.headersTimeout = headersTimeout;
  http1.requestTimeout = requestTimeout;
  http1.keepAliveTimeout = keepAliveTimeout;
  // Node checks the head and request deadlines on this interval (default 30 s): make it fine enough for short ones.
  const shortest = Math.min(...[headersTimeout, requestTimeout].filter((ms) => ms > 0), 4_000);
  (http1 as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = Math.max(10, Math.floor(shortest / 4));
  http1.on("clientError", (error: NodeJS.ErrnoException, socket: Socket) => {
    // Node's default answer is a bare status line; this one carries the OpenAI error body. A reset needs no answer.
    const busy = responding.get(socket)?.headersSent;
    if (!socket.writable || busy || error.code === "ECONNRESET" || error.code === "EPIPE") return void socket.destroy();
    const [status, code, message] =
      error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "request_timeout", "The request did not arrive in time."]
        : error.code === "HPE_HEADER_OVERFLOW"
          ? [431, "headers_too_large", "The request headers are too large."]
          : [400, "invalid_request", "The request is not valid HTTP/1.1."];
    socket.end(rawAnswer(status, code, message), () => socket.destroy());
  });
  http1.on("connect", (req: IncomingMessage, socket: Socket) => {
    socket.on("error", NOOP);
    const [status, code, message] = methodNotAllowed(req.method ?? "CONNECT");
    socket.end(rawAnswer(status, code, message, `allow: ${ALLOW}\r\n`), () => socket.destroy());
  });

  // RFC 9113 §6.5.2 recommends allowing at least 100 concurrent streams; more than that per connection is not needed.
  const http2 = createHttp2Server({ settings: { maxConcurrentStreams: 100 } }, onRequest);
  const sessions = new Set<ServerHttp2Session>();
  http2.on("sessionError", NOOP);
  http2.on("session", (session: ServerHttp2Session) => {
    sessions.add(session);
    session.on("error", NOOP);
    let open = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const idleFor = (ms: number) => {
      clearTimeout(timer);
      if (ms > 0) timer = setTimeout(() => session.destroy(), ms);
    };
    idleFor(headersTimeout);
    session.on("stream", (stream) => {
      open++;
      clearTimeout(timer);
      stream.on("error", NOOP);
      // requestTimeout for HTTP/2: a request whose body has not fully arrived in time is cancelled (RST_STREAM).
      const late = requestTimeout > 0 ? setTimeout(() => stream.state.remoteClose || stream.close(constants.NGHTTP2_CANCEL), requestTimeout) : undefined;
      stream.once("close", () => {
        clearTimeout(late);
        if (--open === 0 && !draining) idleFor(keepAliveTimeout); // when draining, close() ends it now
      });
    });
    session.once("close", () => {
      clearTimeout(timer);
      sessions.delete(session);
    });
    if (draining) session.close();
  });

  const sockets = new Set<Socket>();
  const sniffing = new Set<Socket>();
  const sniff = (socket: Socket) => {
    let head = Buffer.alloc(0);
    const timer = headersTimeout > 0 ? setTimeout(() => socket.destroy(), headersTimeout) : undefined;
    const stop = () => {
      clearTimeout(timer);
      sniffing.delete(socket);
      socket.off("readable", onReadable);
      socket.off("end", onEnd);
    };
    const onEnd = () => {
      stop();
      socket.destroy();
    };
    const onReadable = () => {
      for (let chunk: Buffer | null; (chunk = socket.read() as Buffer | null) !== null; ) head = Buffer.concat([head, chunk]);
      const n = Math.min(head.length, PREFACE.length);
      const h2 = n > 0 && head.subarray(0, n).equals(PREFACE.subarray(0, n));
      if (head.length === 0 || (h2 && n < PREFACE.length)) return; // undecided: wait for more (until the deadline)
      stop();
      socket.unshift(head);
      (h2 ? http2 : http1).emit("connection", socket);
    };
    sniffing.add(socket);
    socket.on("readable", onReadable);
    socket.once("end", onEnd);
    socket.once("close", stop);
  };
  const server = createNetServer((socket) => {
    socket.on("error", NOOP); // a reset before or after the protocol is known is the client leaving
    if (draining) return void socket.destroy();
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
    // Small writes (an SSE event, a stream frame) go out at once: with Nagle's algorithm each waited for the client's
    // delayed ACK, tens of milliseconds per event (measured on the proxy one request at a time: p50 +12 ms, p90 +50 ms).
    socket.setNoDelay(true);
    sniff(socket);
  });
  server.maxConnections = maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  // Sockets reach the HTTP/1.1 server by `emit("connection")`, never by its own listen(); its deadline checker and
  // idle-connection tracking start on "listening".
  http1.emit("listening");
  const address = server.address() as AddressInfo;
  const urlHost = address.family === "IPv6" || address.address.includes(":") ? `[${address.address}]` : address.address;
  origin = `http://${urlHost}:${address.port}`;
  let closing: Promise<void> | undefined;
  return {
    url: origin,
    port: address.port,
    get inFlight() {
      return inFlight;
    },
    close(gracePeriod?: number) {
      const grace = duration(gracePeriod, defaultGrace, "gracePeriod");
      return (closing ??= new Promise<void>((resolve) => {
        draining = true;
        const cut = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, grace);
        server.close(() => {
          clearTimeout(cut);
          http1.close(NOOP); // stops its deadline checker; it never listened itself
          // Responses report their end just after their connection's.
          if (inFlight === 0) resolve();
          else drained = resolve;
        });
        for (const socket of sniffing) socket.destroy();
        for (const session of sessions) session.close();
        closeIdle();
      }));
    },
  };
}
