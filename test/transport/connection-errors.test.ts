/**
 * A request that gets no answer says what failed and where: the endpoint's origin (never its path or a query) and
 * the system's reason found in the error's `cause` chain (`ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`), with the
 * text passed on redacted. Real failures on loopback with the platform's fetch, and the shapes undici nests them in.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrockRuntime } from "../../src/runtime-client";
import type { BedrockOptions } from "../../src/runtime-client";
import { APIConnectionError, type BedrockError } from "../../src/errors";
import { encodeEventStreamMessage } from "../../src/event-stream";

const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLECONNECT01",
  secretAccessKey: "connectSecretAccessKey/0123456789abcdefghijklmn",
  sessionToken: "IQoJb3JpZ2luX2VjEConnectSessionToken+/0123456789abcdefghijklmnopqrstuvwxyz==",
};
const input = { modelId: "amazon.nova-micro-v1:0", messages: [{ role: "user" as const, content: [{ text: "hi" }] }] };

const client = (options: BedrockOptions) =>
  createBedrockRuntime({ region: "us-east-1", credentials: CREDENTIALS, env: {}, maxRetries: 0, ...options });

async function rejection(promise: Promise<unknown>): Promise<BedrockError> {
  try {
    await promise;
  } catch (error) {
    return error as BedrockError;
  }
  throw new Error("expected a rejection");
}

/** A loopback port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/** What undici throws: `TypeError: fetch failed` wrapping the system error. */
function undiciError(cause: unknown): TypeError {
  return new TypeError("fetch failed", { cause });
}
const systemError = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("a refused connection on loopback, with the platform's fetch", () => {
  it("names the origin and ECONNREFUSED, never the endpoint's path", async () => {
    const port = await closedPort();
    const error = await rejection(client({ endpoint: `http://127.0.0.1:${port}/private/route-7f3a` }).runtime.converse(input));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(`Converse: could not connect to http://127.0.0.1:${port} (ECONNREFUSED).`);
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.status).toBeUndefined();
    expect(error.retryable).toBe(true);
    expect(error.message).not.toContain("route-7f3a");
  });

  it("the same for a stream's first request", async () => {
    const port = await closedPort();
    const error = await rejection(client({ endpoint: `http://127.0.0.1:${port}` }).runtime.converseStream(input));
    expect(error.message).toBe(`ConverseStream: could not connect to http://127.0.0.1:${port} (ECONNREFUSED).`);
  });
});

describe("a stream broken mid-way", () => {
  let server: Server;
  let url = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/vnd.amazon.eventstream" });
        const frame = encodeEventStreamMessage({
          headers: { ":message-type": "event", ":event-type": "messageStart", ":content-type": "application/json" },
          payload: new TextEncoder().encode('{"role":"assistant"}'),
        });
        // One whole event, half of the next, then the connection goes away.
        res.write(frame);
        res.write(frame.subarray(0, 10), () => res.socket?.destroy());
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("names the origin and the socket's reason after the events that arrived", async () => {
    const stream = await client({ endpoint: `${url}/base/path` }).runtime.converseStream(input);
    const types: string[] = [];
    const error = await rejection((async () => {
      for await (const event of stream) types.push(event.type);
    })());
    expect(types).toEqual(["messageStart"]);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(`ConverseStream: the response stream broke off; the request to ${url} failed (UND_ERR_SOCKET: other side closed).`);
    expect(error.code).toBe("UND_ERR_SOCKET");
    expect(error.message).not.toContain("/base/path");
  });
});

describe("the cause chains runtimes throw", () => {
  const failingWith = (thrown: unknown) => client({ endpoint: "https://bedrock.internal.example/v1", fetch: async () => {
    throw thrown;
  } });

  it("an unknown host: ENOTFOUND", async () => {
    const error = await rejection(failingWith(undiciError(systemError("getaddrinfo ENOTFOUND bedrock.internal.example", "ENOTFOUND"))).runtime.converse(input));
    expect(error.message).toBe("Converse: could not connect to https://bedrock.internal.example (ENOTFOUND).");
    expect(error.code).toBe("ENOTFOUND");
  });

  it("one refusal per address tried (an AggregateError with no message of its own)", async () => {
    const both = Object.assign(new AggregateError([
      systemError("connect ECONNREFUSED ::1:4010", "ECONNREFUSED"),
      systemError("connect ECONNREFUSED 127.0.0.1:4010", "ECONNREFUSED"),
    ]), { code: "ECONNREFUSED" });
    const error = await rejection(failingWith(undiciError(both)).runtime.converse(input));
    expect(error.message).toBe("Converse: could not connect to https://bedrock.internal.example (ECONNREFUSED).");
  });

  it("a TLS refusal keeps the system's message beside its code", async () => {
    const error = await rejection(failingWith(undiciError(systemError("certificate has expired", "CERT_HAS_EXPIRED"))).runtime.converse(input));
    expect(error.message).toBe("Converse: could not connect to https://bedrock.internal.example (CERT_HAS_EXPIRED: certificate has expired).");
  });

  it("a reset after connecting is not called a refused connection", async () => {
    const error = await rejection(failingWith(undiciError(systemError("read ECONNRESET", "ECONNRESET"))).runtime.converse(input));
    expect(error.message).toBe("Converse: the request to https://bedrock.internal.example failed (ECONNRESET).");
  });

  it("no code at all (a browser's TypeError): its message", async () => {
    const error = await rejection(failingWith(new TypeError("Failed to fetch")).runtime.converse(input));
    expect(error.message).toBe("Converse: the request to https://bedrock.internal.example failed (Failed to fetch).");
    expect(error.code).toBeUndefined();
  });

  it("a code that is not an identifier is not passed on", async () => {
    const error = await rejection(failingWith(undiciError(systemError("boom", "<script>"))).runtime.converse(input));
    expect(error.message).toBe("Converse: the request to https://bedrock.internal.example failed (boom).");
    expect(error.code).toBeUndefined();
  });

  it("text that quotes what was sent is redacted, in the message and the cause", async () => {
    let signature = "";
    const error = await rejection(client({
      endpoint: "https://bedrock.internal.example",
      fetch: async (_input, init) => {
        const headers = new Headers(init?.headers);
        signature = /Signature=([0-9a-f]+)/.exec(headers.get("authorization") ?? "")![1]!;
        throw undiciError(systemError(`bad header ${signature} ${headers.get("x-amz-security-token")}`, "UND_ERR_INVALID_ARG"));
      },
    }).runtime.converse(input));
    expect(signature).toMatch(/^[0-9a-f]{64}$/);
    expect(error.message).toBe("Converse: the request to https://bedrock.internal.example failed (UND_ERR_INVALID_ARG: bad header [redacted] [redacted]).");
    const text = `${error.message} ${error.stack} ${String((error.cause as Error).message)}`;
    expect(text).not.toContain(signature);
    expect(text).not.toContain(CREDENTIALS.sessionToken);
  });

  it("a credentials provider that fails is named as such, not as the endpoint", async () => {
    const error = await rejection(client({
      endpoint: "https://bedrock.internal.example",
      credentials: async () => {
        throw undiciError(systemError("connect ECONNREFUSED 10.0.0.9:8080", "ECONNREFUSED"));
      },
    }).runtime.converse(input));
    expect(error.name).toBe("BedrockError");
    expect(error.message).toBe("The credentials provider failed (ECONNREFUSED); see `cause`.");
    expect(error.code).toBe("CredentialsProviderError");
  });
});
