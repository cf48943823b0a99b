/**
 * `serve()` facing hostile or careless clients on loopback: TCP resets at every stage of a request (HTTP/1.1 and
 * HTTP/2), connections that send nothing or drip bytes, too many connections, and requests `new Request()` refuses.
 * The server must stay up, close what it should, and answer in the OpenAI error shape.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors";
import { serve, type RunningServer } from "../../src/node/server";
import { http2OverRaw, http2Request, openRaw, parseRaw, rawExchange, resetAfter, settle } from "./helpers";

const PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n";

/** What a handler saw of one request body. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// Seen before the test runner's own handler: a crash in the server is a failure of the test that caused it.
const uncaught: unknown[] = [];
const monitor = (error: unknown) => void uncaught.push(error);
beforeAll(() => void process.on("uncaughtExceptionMonitor", monitor));
afterAll(() => void process.off("uncaughtExceptionMonitor", monitor));
beforeEach(() => void uncaught.splice(0));

async function stillServes(url: string): Promise<void> {
  const response = await fetch(`${url}/next`);
  expect(uncaught).toEqual([]);
  expect(await response.text()).toBe("ok /next");
  expect(await http2Request(url, { ":path": "/h2" })).toEqual({ status: 200, body: "ok /h2" });
}

describe("serve(): a client that resets is never a crash", () => {
  let server: RunningServer;
  let started = deferred<void>();
  let outcome = deferred<string>();
  beforeAll(async () => {
    server = await serve(async (request) => {
      if (request.method === "POST") {
        started.resolve();
        outcome.resolve(await request.text().then((t) => `read ${t.length}`, () => "body failed"));
      }
      return new Response(`ok ${new URL(request.url).pathname}`);
    });
  });
  afterAll(() => server.close(0));

  it.each([
    ["before the first byte", ""],
    ["after a partial request line", "GET /par"],
    ["mid-headers", "GET / HTTP/1.1\r\nHost: x\r\nX-Long: abc"],
    ["after a partial HTTP/2 preface", PREFACE.slice(0, 10)],
    ["after the whole HTTP/2 preface", PREFACE],
  ])("a reset %s leaves the server answering HTTP/1.1 and HTTP/2", async (_, bytes) => {
    await resetAfter(server.url, bytes);
    await stillServes(server.url);
  });

  it("a reset mid-body (HTTP/1.1) fails the handler's body read, and the server keeps answering", async () => {
    started = deferred();
    outcome = deferred();
    const raw = await openRaw(server.url);
    raw.socket.write("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc");
    await started.promise;
    raw.socket.resetAndDestroy();
    expect(await outcome.promise).toBe("body failed");
    await stillServes(server.url);
  });

  it("a reset mid-body (HTTP/2) fails the handler's body read, and the server keeps answering", async () => {
    started = deferred();
    outcome = deferred();
    const { session, raw } = await http2OverRaw(server.url);
    const stream = session.request({ ":path": "/slow", ":method": "POST" }, { endStream: false });
    stream.on("error", () => {});
    stream.write("abc");
    await started.promise;
    raw.socket.resetAndDestroy();
    expect(await outcome.promise).toBe("body failed");
    await stillServes(server.url);
  });

  it("a reset while a streamed answer is being written leaves the server answering", async () => {
    const ticks = () =>
      new ReadableStream<Uint8Array>({
        pull: async (controller) => {
          await settle(5);
          controller.enqueue(new TextEncoder().encode("data: tick\n\n"));
        },
      });
    const streaming = await serve((request) => new Response(new URL(request.url).pathname === "/stream" ? ticks() : "ok"));
    try {
      const raw = await openRaw(streaming.url);
      raw.socket.write("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n");
      while (!raw.received().includes("tick")) await settle(5);
      raw.socket.resetAndDestroy();
      await raw.closed;
      expect(await rawExchange(streaming.url, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      await streaming.close(0);
    }
  });
});

describe("serve(): deadlines", () => {
  let server: RunningServer;
  let outcome = deferred<string>();
  beforeAll(async () => {
    server = await serve(
      async (request) => {
        if (request.method === "POST") outcome.resolve(await request.text().then(() => "read", () => "body failed"));
        return new Response(`ok ${new URL(request.url).pathname}`);
      },
      { headersTimeout: 200, requestTimeout: 600, keepAliveTimeout: 200 },
    );
  });
  afterAll(() => server.close(0));

  it("a connection that sends nothing is closed", { timeout: 10_000 }, async () => {
    const raw = await openRaw(server.url);
    await raw.closed;
    expect(raw.received()).toBe("");
  });

  it("a connection that stops inside the HTTP/2 preface is closed", { timeout: 10_000 }, async () => {
    const raw = await openRaw(server.url);
    raw.socket.write(PREFACE.slice(0, 16));
    await raw.closed;
  });

  it("a request head dripped a byte at a time is closed by the head deadline (408)", { timeout: 10_000 }, async () => {
    const raw = await openRaw(server.url);
    const head = `GET / HTTP/1.1\r\nHost: x\r\nX-Drip: ${"a".repeat(500)}`;
    let i = 0;
    const drip = setInterval(() => raw.socket.write(head[i++ % head.length]!), 20);
    await raw.closed;
    clearInterval(drip);
    if (raw.received() !== "") expect(parseRaw(raw.received()).status).toBe(408);
  });

  it("a request body dripped a byte at a time is cut by the request deadline", { timeout: 10_000 }, async () => {
    outcome = deferred();
    const raw = await openRaw(server.url);
    raw.socket.write("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n");
    const drip = setInterval(() => raw.socket.write("a"), 20);
    await raw.closed;
    clearInterval(drip);
    expect(await outcome.promise).toBe("body failed");
  });

  it("an HTTP/2 request body dripped a byte at a time is cancelled by the request deadline", { timeout: 10_000 }, async () => {
    outcome = deferred();
    const { session, raw } = await http2OverRaw(server.url);
    const stream = session.request({ ":path": "/", ":method": "POST" }, { endStream: false });
    stream.on("error", () => {});
    const drip = setInterval(() => stream.write("a"), 20);
    await new Promise<void>((resolve) => stream.once("close", () => resolve()));
    clearInterval(drip);
    expect(stream.rstCode).toBe(8); // NGHTTP2_CANCEL
    expect(await outcome.promise).toBe("body failed");
    raw.socket.destroy();
  });

  it("an HTTP/2 session that opens no stream is closed", { timeout: 10_000 }, async () => {
    const { raw } = await http2OverRaw(server.url);
    await raw.closed;
  });

  it("an HTTP/2 session left idle after its request is closed", { timeout: 10_000 }, async () => {
    const { session, raw } = await http2OverRaw(server.url);
    const status = await new Promise<number>((resolve) => {
      const stream = session.request({ ":path": "/" });
      stream.on("response", (h) => resolve(Number(h[":status"])));
      stream.resume();
    });
    expect(status).toBe(200);
    await raw.closed;
  });

  it("an HTTP/1.1 keep-alive connection left idle after its request is closed", { timeout: 10_000 }, async () => {
    const raw = await openRaw(server.url);
    raw.socket.write("GET /kept HTTP/1.1\r\nHost: x\r\n\r\n");
    await raw.closed;
    expect(raw.received()).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*ok \/kept/);
  });
});

describe("serve(): connection cap", () => {
  it("with maxConnections 2, a third connection is closed while two are held open", { timeout: 10_000 }, async () => {
    const server = await serve(() => new Response("ok /next"), { maxConnections: 2 });
    try {
      const held = [await openRaw(server.url), await openRaw(server.url)];
      let heldClosed = false;
      for (const h of held) void h.closed.then(() => (heldClosed = true));
      await settle();
      const third = await openRaw(server.url);
      await third.closed;
      expect(third.received()).toBe("");
      expect(heldClosed).toBe(false);
      // A freed slot serves again.
      held[0]!.socket.destroy();
      await held[0]!.closed;
      await settle();
      expect(await rawExchange(server.url, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 200 OK[\s\S]*ok \/next/);
      held[1]!.socket.destroy();
    } finally {
      await server.close(0);
    }
  });
});

describe("serve(): requests that cannot become a Request", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await serve((request) => {
      if (new URL(request.url).pathname === "/throw") throw new Error("handler bug with a detail");
      return new Response("ok");
    });
  });
  afterAll(() => server.close(0));

  const notAllowed = (method: string) => ({
    error: {
      message: `The ${method} method is not supported here; use GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS.`,
      type: "invalid_request_error",
      param: null,
      code: "method_not_allowed",
    },
  });

  it("TRACE (HTTP/1.1) is a 405 with an OpenAI-shaped body and an Allow header, not a 500", async () => {
    const answer = parseRaw(await rawExchange(server.url, "TRACE / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe("GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS");
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(answer.body)).toEqual(notAllowed("TRACE"));
  });

  it("CONNECT (HTTP/1.1) is a 405 with an OpenAI-shaped body, then the connection closes", async () => {
    const answer = parseRaw(await rawExchange(server.url, "CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"));
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body)).toEqual(notAllowed("CONNECT"));
  });

  it("TRACK, which HTTP/1.1's parser does not know, is a 400 in the same shape", async () => {
    const answer = parseRaw(await rawExchange(server.url, "TRACK / HTTP/1.1\r\nHost: x\r\n\r\n"));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ error: { type: "invalid_request_error", param: null, code: "invalid_request" } });
  });

  it.each(["TRACE", "TRACK"])("%s over HTTP/2 is a 405 with an OpenAI-shaped body", async (method) => {
    const answer = await http2Request(server.url, { ":method": method });
    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body)).toEqual(notAllowed(method));
  });

  it("a request target the URL parser refuses is a 400 in the same shape", async () => {
    const answer = parseRaw(await rawExchange(server.url, "GET http://[ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"));
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: { message: "The request could not be read: check the URL, method and headers.", type: "invalid_request_error", param: null, code: "invalid_request" },
    });
  });

  it("bytes that are not HTTP are a 400 in the same shape, then the connection closes", async () => {
    const answer = parseRaw(await rawExchange(server.url, "HELLO THERE\r\n\r\n"));
    expect(answer.status).toBe(400);
    expect(answer.headers.connection).toBe("close");
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: "invalid_request" } });
  });

  it("a Response without a status text gets the standard reason phrase on HTTP/1.1", async () => {
    expect(await rawExchange(server.url, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")).toMatch(/^HTTP\/1\.1 200 OK\r\n/);
  });

  it("a handler that throws is a 500 in the same shape, without the error's text", async () => {
    const response = await fetch(`${server.url}/throw`);
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).not.toContain("detail");
    expect(JSON.parse(text)).toEqual({ error: { message: "Internal server error.", type: "server_error", param: null, code: "internal_error" } });
  });
});

describe("serve() options", () => {
  it.each([
    [{ headersTimeout: -1 }, "headersTimeout"],
    [{ requestTimeout: Number.NaN }, "requestTimeout"],
    [{ keepAliveTimeout: Infinity }, "keepAliveTimeout"],
    [{ gracePeriod: -5 }, "gracePeriod"],
    [{ maxConnections: 0 }, "maxConnections"],
    [{ headersTimeout: 2000, requestTimeout: 1000 }, "headersTimeout"],
  ])("%o is a ConfigurationError naming %s", async (options, field) => {
    const error = await serve(() => new Response(""), options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe(field);
    expect((error as Error).message).toContain(field);
  });
});
