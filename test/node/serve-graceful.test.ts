/**
 * `serve()`'s graceful close: new connections are refused and idle ones closed at once, in-flight requests and
 * streams (HTTP/1.1 and HTTP/2) run to their end, and the grace period bounds the wait.
 */
import { connect as connectHttp2 } from "node:http2";
import { describe, expect, it } from "vitest";
import { serve } from "../../src/node/server";
import { openRaw, refused } from "./helpers";

/** A handler whose `/stream` answer sends "first", then waits for `release()` before "last". */
function gated() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const encoder = new TextEncoder();
  const handler = (request: Request) => {
    if (new URL(request.url).pathname !== "/stream") return new Response("ok");
    return new Response(
      new ReadableStream<Uint8Array>({
        async start(controller) {
          controller.enqueue(encoder.encode("first\n"));
          await gate;
          controller.enqueue(encoder.encode("last\n"));
          controller.close();
        },
      }),
    );
  };
  return { handler, release };
}

async function readAll(reader: ReadableStreamDefaultReader<Uint8Array>, text = ""): Promise<string> {
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += decoder.decode(value, { stream: true });
  }
}

describe("serve(): graceful close", () => {
  it("HTTP/1.1: refuses new connections, closes idle ones, lets the in-flight stream finish, then resolves", async () => {
    const { handler, release } = gated();
    const server = await serve(handler);
    const idle = await openRaw(server.url);
    idle.socket.write("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
    while (!idle.received().includes("ok")) await new Promise((r) => setTimeout(r, 5));

    const response = await fetch(`${server.url}/stream`);
    const reader = response.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toBe("first\n");
    expect(server.inFlight).toBe(1);

    let closed = false;
    const closing = server.close(30_000).then(() => (closed = true));
    await idle.closed; // the idle keep-alive connection is closed at once
    expect(await refused(server.url)).toBe(true);
    expect(closed).toBe(false);

    release();
    expect(await readAll(reader, first)).toBe("first\nlast\n");
    await closing;
    expect(server.inFlight).toBe(0);
  });

  it("HTTP/2: the in-flight stream finishes on its session, then close resolves", async () => {
    const { handler, release } = gated();
    const server = await serve(handler);
    const session = connectHttp2(server.url);
    session.on("error", () => {});
    const sessionClosed = new Promise<void>((resolve) => session.once("close", () => resolve()));
    const stream = session.request({ ":path": "/stream" });
    let text = "";
    const ended = new Promise<void>((resolve) => stream.once("end", () => resolve()));
    await new Promise<void>((resolve) =>
      stream.on("data", (d: Buffer) => {
        text += d.toString();
        resolve();
      }),
    );
    expect(text).toBe("first\n");
    expect(server.inFlight).toBe(1);

    const closing = server.close(30_000);
    expect(await refused(server.url)).toBe(true);
    release();
    await ended;
    expect(text).toBe("first\nlast\n");
    await closing;
    await sessionClosed;
    expect(server.inFlight).toBe(0);
  });

  it("a stream still open when the grace period runs out is cut, and close resolves", async () => {
    const { handler, release } = gated();
    const server = await serve(handler, { gracePeriod: 50 });
    try {
      const response = await fetch(`${server.url}/stream`);
      const reader = response.body!.getReader();
      await reader.read();
      await server.close();
      await expect(readAll(reader)).rejects.toThrow();
      expect(server.inFlight).toBe(0);
    } finally {
      release();
    }
  });
});
