/**
 * A Bedrock endpoint that misbehaves, on loopback with the platform's own fetch: endless bodies, redirects to another
 * origin, answers that echo the signed request, stalls before the headers and in the middle of a stream, and a
 * credentials provider that never answers. Every call ends with a typed error within its deadline, costs bounded
 * memory, sends nothing to a redirect's target and puts no secret into an error. Nothing asserts on time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  ResponseTooLargeError,
  type BedrockError,
} from "../../src/errors";
import { encodeEventStreamMessage } from "../../src/event-stream";

// Session credentials whose every secret part is long and unmistakable, so a leak is found by plain search.
const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLEHOSTILE01",
  secretAccessKey: "hostileSecretAccessKey/0123456789abcdefghijklmn",
  sessionToken: "IQoJb3JpZ2luX2VjEHostileSessionToken+/0123456789abcdefghijklmnopqrstuvwxyz==",
};
const API_KEY = "ABSKQmVkcm9ja0FQSUtleS1ob3N0aWxlLWtleS0wMTIzNDU2Nzg5";
const input = { modelId: "amazon.nova-micro-v1:0", messages: [{ role: "user" as const, content: [{ text: "hi" }] }] };

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;
let handler: Handler = (_req, res) => res.end();
let hits = 0;
let server: Server;
let url = "";
// A second origin: a redirect's target. It must never receive anything.
let sinkHits: Array<{ url: string; headers: IncomingMessage["headers"] }> = [];
let sink: Server;
let sinkUrl = "";

async function listen(s: Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    // One connection per request: a test that leaves a connection hanging must not hand it to the next.
    res.setHeader("connection", "close");
    let body = "";
    req.on("data", (d: Buffer) => (body += d.toString()));
    req.on("end", () => handler(req, res, body));
  });
  url = await listen(server);
  sink = createServer((req, res) => {
    sinkHits.push({ url: req.url ?? "", headers: req.headers });
    res.end("{}");
  });
  sinkUrl = await listen(sink);
});
afterEach(() => {
  hits = 0;
  sinkHits = [];
});
afterAll(async () => {
  server.closeAllConnections();
  sink.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => sink.close(r))]);
});

const client = (options: Parameters<typeof createBedrock>[0] = {}) =>
  createBedrock({ region: "us-east-1", endpoint: url, credentials: CREDENTIALS, env: {}, maxRetries: 0, ...options });

async function rejection(promise: Promise<unknown>): Promise<BedrockError> {
  try {
    await promise;
  } catch (error) {
    return error as BedrockError;
  }
  throw new Error("expected a rejection");
}

/** Writes `chunk` every `ms` until the client goes away: an endless body. */
function endless(res: ServerResponse, chunk: string | Uint8Array, ms = 0): void {
  const write = () => {
    if (res.destroyed) return;
    if (res.write(chunk)) setTimeout(write, ms);
    else res.once("drain", () => setTimeout(write, ms));
  };
  write();
}

describe("response bodies are read with a size cap", () => {
  it("an endless 200 body stops at maxResponseBytes with ResponseTooLargeError, and the connection is dropped", async () => {
    let closed!: () => void;
    const gone = new Promise<void>((r) => (closed = r));
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.on("close", closed);
      endless(res, `{"pad":"${"x".repeat(16 * 1024)}",`);
    };
    const error = await rejection(client({ maxResponseBytes: 1024 * 1024 }).runtime.converse(input));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
    expect(error.code).toBe("ResponseTooLarge");
    expect(error.message).toMatch(/Converse: the response is larger than `maxResponseBytes` \(1048576 bytes\)/);
    expect(error.retryable).toBe(false);
    await gone;
  });

  it("a body that declares a length over the cap is refused without being read", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) });
      res.write("{");
    };
    const error = await rejection(client({ maxResponseBytes: 4096 }).runtime.invokeModel({ modelId: "m", body: "{}" }));
    expect(error).toBeInstanceOf(ResponseTooLargeError);
  });

  it("the cap is per call too, and a body within it is read whole", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ output: { message: { role: "assistant", content: [{ text: "y".repeat(5000) }] } }, stopReason: "end_turn", usage: {} }));
    };
    const bedrock = client({ maxResponseBytes: 100_000 });
    const ok = await bedrock.runtime.converse(input);
    expect(ok.output?.message?.content?.[0]).toEqual({ text: "y".repeat(5000) });
    expect(await rejection(bedrock.runtime.converse(input, { maxResponseBytes: 1000 }))).toBeInstanceOf(ResponseTooLargeError);
  });

  it("an endless error body is read only far enough for its message", async () => {
    handler = (_req, res) => {
      res.writeHead(500, { "content-type": "text/html" });
      endless(res, "<p>upstream trouble</p>".repeat(500));
    };
    const error = await rejection(client().runtime.converse(input));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message.startsWith("<p>upstream trouble</p>")).toBe(true);
    expect(error.message.length).toBeLessThanOrEqual(1000);
  });
});

describe("redirects from the Bedrock endpoint are not followed", () => {
  it.each([301, 302, 303, 307, 308])("a %i to another origin is a typed error and the other origin receives nothing", async (status) => {
    handler = (_req, res) => {
      res.writeHead(status, { location: `${sinkUrl}/model/x/converse` });
      res.end();
    };
    const error = await rejection(client({ maxRetries: 2 }).runtime.converse(input));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.code).toBe("UnexpectedRedirect");
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`(HTTP ${status} to ${sinkUrl})`);
    expect(error.message).toMatch(/set `endpoint` to the final URL/);
    expect(sinkHits).toEqual([]);
    expect(hits).toBe(1);
  });

  it("a streamed call is not redirected either", async () => {
    handler = (_req, res) => {
      res.writeHead(307, { location: `${sinkUrl}/` });
      res.end();
    };
    const error = await rejection(client().runtime.converseStream(input));
    expect(error.code).toBe("UnexpectedRedirect");
    expect(sinkHits).toEqual([]);
  });

  it("nor is a call with a Bedrock API key", async () => {
    handler = (_req, res) => {
      res.writeHead(308, { location: `${sinkUrl}/` });
      res.end();
    };
    const error = await rejection(createBedrock({ region: "us-east-1", endpoint: url, apiKey: API_KEY, env: {} }).runtime.converse(input));
    expect(error.code).toBe("UnexpectedRedirect");
    expect(sinkHits).toEqual([]);
  });
});

describe("upstream text that echoes the request carries no secret", () => {
  /** Every secret a leak could show, as sent on the wire. */
  function leaks(error: Error, sent: IncomingMessage["headers"]): string[] {
    const signature = /Signature=([0-9a-f]{64})/.exec(String(sent.authorization))?.[1];
    const secrets = [CREDENTIALS.sessionToken, CREDENTIALS.secretAccessKey, signature, API_KEY, encodeURIComponent(CREDENTIALS.sessionToken)];
    const text = `${error.message}\n${error.stack}`;
    return secrets.filter((s): s is string => !!s && text.includes(s));
  }

  it("an error answer that quotes the request's headers", async () => {
    let sent: IncomingMessage["headers"] = {};
    handler = (req, res, body) => {
      sent = req.headers;
      res.writeHead(400, { "content-type": "application/json", "x-amzn-errortype": "ValidationException" });
      res.end(JSON.stringify({ message: `Bad request. You sent: ${JSON.stringify(req.headers)} with ${body} (token=${String(req.headers["x-amz-security-token"])})` }));
    };
    const error = await rejection(client().runtime.converse(input));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(sent["x-amz-security-token"]).toBe(CREDENTIALS.sessionToken);
    expect(leaks(error, sent)).toEqual([]);
    expect(error.message).toContain("[redacted]");
    // What is not a secret stays: the service's words and the access key id.
    expect(error.message).toContain("Bad request. You sent:");
    expect(error.message).toContain(CREDENTIALS.accessKeyId);
  });

  it("an error answer that is the raw request text, URL-encoded token included", async () => {
    let sent: IncomingMessage["headers"] = {};
    handler = (req, res) => {
      sent = req.headers;
      res.writeHead(403);
      res.end(`POST ${req.url}?X-Amz-Security-Token=${encodeURIComponent(CREDENTIALS.sessionToken)}\nAuthorization: ${req.headers.authorization}`);
    };
    const error = await rejection(client().runtime.converse(input));
    expect(leaks(error, sent)).toEqual([]);
  });

  it("a bearer token quoted back", async () => {
    let sent: IncomingMessage["headers"] = {};
    handler = (req, res) => {
      sent = req.headers;
      res.writeHead(401, { "x-amzn-errortype": "UnrecognizedClientException" });
      res.end(JSON.stringify({ Message: `The key ${String(req.headers.authorization)} is not valid` }));
    };
    const error = await rejection(createBedrock({ region: "us-east-1", endpoint: url, apiKey: API_KEY, env: {} }).runtime.converse(input));
    expect(error.status).toBe(401);
    expect(leaks(error, sent)).toEqual([]);
  });

  it("an exception frame inside a stream that quotes the request", async () => {
    let sent: IncomingMessage["headers"] = {};
    handler = (req, res) => {
      sent = req.headers;
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      const frame = encodeEventStreamMessage({
        headers: { ":message-type": "exception", ":exception-type": "validationException", ":content-type": "application/json" },
        payload: new TextEncoder().encode(JSON.stringify({ message: `echo ${String(req.headers.authorization)} ${String(req.headers["x-amz-security-token"])}` })),
      });
      res.end(frame);
    };
    const stream = await client().runtime.converseStream(input);
    const error = await rejection((async () => {
      for await (const _event of stream) {
        // nothing arrives before the exception
      }
    })());
    expect(error.name).toBe("BadRequestError");
    expect(leaks(error, sent)).toEqual([]);
  });
});

describe("every wait has a deadline", () => {
  it("a server that never sends its headers: the call ends at totalTimeout, retries included", async () => {
    handler = () => {
      // accept, never answer
    };
    const error = await rejection(client({ maxRetries: 5, timeout: 60_000, totalTimeout: 300 }).runtime.converse(input));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toBe("Converse did not finish within its total timeout of 300 ms (`totalTimeout`).");
    expect(error.retryable).toBe(false);
    expect(hits).toBe(1);
  });

  it("a per-call totalTimeout wins over the client's", async () => {
    handler = () => {};
    const error = await rejection(client().runtime.converse(input, { totalTimeout: 200 }));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toContain("total timeout of 200 ms");
  });

  it("a server that drips stream bytes, each within the idle timeout, is cut at the call's deadline", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
      const frame = encodeEventStreamMessage({
        headers: { ":message-type": "event", ":event-type": "messageStart", ":content-type": "application/json" },
        payload: new TextEncoder().encode(JSON.stringify({ role: "assistant" })),
      });
      let i = 0;
      const drip = () => {
        if (res.destroyed) return;
        res.write(frame.subarray(i % frame.length, (i % frame.length) + 1));
        i++;
        setTimeout(drip, 10);
      };
      drip();
    };
    const stream = await client({ timeout: 60_000, totalTimeout: 400 }).runtime.converseStream(input);
    const error = await rejection((async () => {
      for await (const _event of stream) {
        // messageStart events arrive one byte at a time
      }
    })());
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toMatch(/ConverseStream did not finish within its total timeout of 400 ms/);
  });

  it("a server that stalls mid-body of a non-streamed answer ends at the timeout", async () => {
    handler = (_req, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.write('{"output":');
    };
    const error = await rejection(client({ timeout: 300 }).runtime.converse(input));
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toBe("Converse timed out after 300 ms.");
  });

  it("a credentials provider that never answers is bounded by the call's timeout and signal, and gets the signal", async () => {
    handler = (_req, res) => res.end("{}");
    const signals: Array<AbortSignal | undefined> = [];
    const stuck = (options?: { signal?: AbortSignal | undefined }) => {
      signals.push(options?.signal);
      return new Promise<never>(() => {});
    };
    const bedrock = client({ credentials: stuck, timeout: 200 });
    const timedOut = await rejection(bedrock.runtime.converse(input));
    expect(timedOut).toBeInstanceOf(APITimeoutError);
    expect(signals[0]?.aborted).toBe(true);

    const controller = new AbortController();
    const pending = rejection(client({ credentials: stuck }).runtime.converse(input, { signal: controller.signal }));
    await new Promise((r) => setTimeout(r, 10));
    controller.abort();
    expect(await pending).toBeInstanceOf(APIUserAbortError);
    expect(hits).toBe(0);
  });
});
