/**
 * Remote media under hostile conditions: how many items a request may carry, how many download at once, how many
 * bytes each and all of them may take, stalled media servers (the call's deadline and the per-download timeout),
 * aborts, one uniform error whatever the failure (no port-scanner oracle), text documents only when allowed; and the
 * same policy through the proxy, answered as 400s.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { TEST_CREDENTIALS } from "../../src/emulator/index";
import { APITimeoutError, APIUserAbortError, ConfigurationError } from "../../src/errors";
import type { MediaPolicy } from "../../src/openai/media-policy";
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from "../../src/api/chat-types";
import { createProxy } from "../../src/proxy/index";
import { createProxy as createNodeProxy } from "../../src/node/index";
import { base64, buildPng, createHarness, REGION } from "./helpers";
import type { Harness } from "./helpers";
import { ENV, standardConfig, startUpstream } from "../proxy/helpers";
import type { Upstream } from "../proxy/helpers";

const HAIKU = "bedrock/anthropic.claude-3-haiku-20240307-v1:0";
const png = buildPng(8, 8);

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A loopback HTTP server with a counter of requests, requests in flight (and their peak) and closed responses. */
interface MediaServer {
  url: string;
  host: string;
  hits: string[];
  peak: number;
  /** Responses whose connection closed before they ended. */
  broken: number;
  /** Resolves once `n` responses have broken off. */
  brokenAt(n: number): Promise<void>;
  close(): Promise<void>;
}

const servers: Array<{ close(): Promise<void> }> = [];

async function mediaServer(handle: Handler): Promise<MediaServer> {
  let inFlight = 0;
  let waiters: Array<() => void> = [];
  const state = { hits: [] as string[], peak: 0, broken: 0 };
  const server: Server = createServer((req, res) => {
    state.hits.push(req.url ?? "");
    inFlight++;
    state.peak = Math.max(state.peak, inFlight);
    res.once("close", () => {
      inFlight--;
      if (!res.writableFinished) state.broken++;
      const w = waiters;
      waiters = [];
      for (const wake of w) wake();
    });
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const s = {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    get hits() {
      return state.hits;
    },
    get peak() {
      return state.peak;
    },
    get broken() {
      return state.broken;
    },
    async brokenAt(n: number) {
      while (state.broken < n) await new Promise<void>((resolve) => waiters.push(resolve));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

/** A TCP server that does `onSocket` with each connection (hold it, write garbage, close it). */
async function tcpServer(onSocket: (socket: Socket) => void): Promise<{ host: string; closed: Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let onClosed!: () => void;
  const closed = new Promise<void>((resolve) => (onClosed = resolve));
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    socket.once("close", () => {
      sockets.delete(socket);
      onClosed();
    });
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const s = {
    host: `127.0.0.1:${port}`,
    closed,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  servers.push(s);
  return s;
}

/** A port nothing listens on. */
async function closedPort(): Promise<string> {
  const t = await tcpServer(() => {});
  await t.close();
  servers.pop();
  return t.host;
}

const pngHandler: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "image/png", "content-length": String(png.length) });
  res.end(png);
};

/** Answers with an endless body of zeros after a PNG header, as fast as the reader takes it. */
const endlessHandler: Handler = (_req, res) => {
  res.writeHead(200, { "content-type": "image/png" });
  const chunk = new Uint8Array(16 * 1024);
  chunk.set(png);
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
  };
  res.on("drain", pump);
  pump();
};

async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

const images = (urls: string[]): ChatCompletionMessageParam[] => [
  { role: "user", content: [{ type: "text", text: "Look" }, ...urls.map((url): ChatCompletionContentPart => ({ type: "image_url", image_url: { url } }))] },
];
const file = (url: string, filename = "notes"): ChatCompletionMessageParam[] => [
  { role: "user", content: [{ type: "text", text: "Summarise" }, { type: "file", file: { file_data: url, filename } }] },
];

let h: Harness;
const client = (media?: MediaPolicy) =>
  createBedrock({ region: REGION, credentials: TEST_CREDENTIALS, fetch: h.fetch, env: {}, maxRetries: 0, media });

beforeEach(async () => {
  h = await createHarness("in-process");
});
afterEach(async () => {
  await h.close();
  for (const s of servers.splice(0)) await s.close();
});

// ---------------------------------------------------------------------------------------------------------------

describe("how many, how many at once, how large", () => {
  it("300 image URLs are refused before any download: the media server sees no request", async () => {
    const media = await mediaServer(pngHandler);
    const urls = Array.from({ length: 300 }, (_, i) => `${media.url}/${i}.png`);
    const error = await rejection(client({ allowHosts: [media.host] }).completion({ model: HAIKU, messages: images(urls) }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.code).toBe("MediaRefused");
    expect(error.field).toBe("messages");
    expect(error.message).toMatch(/300 remote images and documents; at most 25 are downloaded \(`media\.maxItems`\)/);
    expect(media.hits).toEqual([]);
    expect(h.requests).toHaveLength(0);
  });

  it("maxItems may be lowered", async () => {
    const media = await mediaServer(pngHandler);
    const error = await rejection(client({ allowHosts: [media.host], maxItems: 2 }).completion({ model: HAIKU, messages: images([1, 2, 3].map((i) => `${media.url}/${i}.png`)) }));
    expect(error.message).toMatch(/3 remote images and documents; at most 2/);
    expect(media.hits).toEqual([]);
  });

  it.each([[3], [undefined]])("at most `concurrency` downloads run at once (%s; default 4)", async (concurrency) => {
    const media = await mediaServer((req, res) => {
      // Held briefly so that downloads overlap if the client lets them.
      setTimeout(() => pngHandler(req, res), 25);
    });
    const urls = Array.from({ length: 12 }, (_, i) => `${media.url}/${i}.png`);
    await client({ allowHosts: [media.host], concurrency }).completion({ model: HAIKU, messages: images(urls) });
    expect(media.hits).toHaveLength(12);
    expect(media.peak).toBeGreaterThan(1);
    expect(media.peak).toBeLessThanOrEqual(concurrency ?? 4);
    // Every image reached Bedrock, in order.
    const content = h.requests[0]!.json.messages[0].content;
    expect(content.slice(1)).toEqual(urls.map(() => ({ image: { format: "png", source: { bytes: base64(png) } } })));
  });

  it("an item over maxItemBytes with no content-length is cut off as the bytes arrive, and its download cancelled", async () => {
    const media = await mediaServer(endlessHandler);
    const error = await rejection(client({ allowHosts: [media.host], maxItemBytes: 100_000 }).completion({ model: HAIKU, messages: images([`${media.url}/endless.png`]) }));
    expect(error.code).toBe("MediaRefused");
    expect(error.field).toBe("messages[0].content[1].image_url.url");
    expect(error.message).toMatch(/endless\.png is over 100000 bytes \(`media\.maxItemBytes`\)/);
    await media.brokenAt(1);
    expect(h.requests).toHaveLength(0);
  });

  it("the total cap stops every download once passed, and all of them are cancelled", async () => {
    const media = await mediaServer(endlessHandler);
    const urls = [1, 2, 3].map((i) => `${media.url}/${i}.png`);
    const error = await rejection(
      client({ allowHosts: [media.host], maxItemBytes: 10_000_000, maxTotalBytes: 200_000 }).completion({ model: HAIKU, messages: images(urls) }),
    );
    expect(error.code).toBe("MediaRefused");
    expect(error.field).toBe("messages");
    expect(error.message).toMatch(/over 200000 bytes together \(`media\.maxTotalBytes`\)/);
    await media.brokenAt(media.hits.length);
    expect(media.hits).toHaveLength(3);
    expect(h.requests).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("stalled media servers, aborts and deadlines", () => {
  // Once the download is given up, the stalled connection is closed: at once mid-body; before any answer, the
  // platform fetch (undici) closes it after its keep-alive timeout, so that case is not waited for.
  const stalls = {
    "accepts and never answers": async () => ({ ...(await tcpServer(() => {})), closed: Promise.resolve() }),
    "sends headers and part of the body, then stalls": async () => {
      const s = await tcpServer((socket) => {
        socket.write("HTTP/1.1 200 OK\r\ncontent-type: image/png\r\ncontent-length: 100000\r\n\r\n");
        socket.write(png.subarray(0, 20));
      });
      return s;
    },
  };

  it.each(Object.keys(stalls))("a server that %s: the call's deadline passing is APITimeoutError, and the connection is closed", async (kind) => {
    const stall = await stalls[kind as keyof typeof stalls]();
    const error = await rejection(
      client({ allowHosts: [stall.host], timeout: 60_000 }).completion({ model: HAIKU, messages: images([`http://${stall.host}/slow.png`]) }, { totalTimeout: 200 }),
    );
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toMatch(/deadline passed while downloading http:\/\/127\.0\.0\.1:\d+\/slow\.png for `messages\[0\]\.content\[1\]\.image_url\.url`/);
    await stall.closed;
    expect(h.requests).toHaveLength(0);
  });

  it.each(Object.keys(stalls))("a server that %s: the per-download timeout passing is MediaUnavailable", async (kind) => {
    const stall = await stalls[kind as keyof typeof stalls]();
    const error = await rejection(client({ allowHosts: [stall.host], timeout: 200 }).completion({ model: HAIKU, messages: images([`http://${stall.host}/slow.png`]) }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.code).toBe("MediaUnavailable");
    await stall.closed;
    expect(h.requests).toHaveLength(0);
  });

  it("the client's totalTimeout is the call's deadline too", async () => {
    const stall = await stalls["accepts and never answers"]();
    const bedrock = createBedrock({ region: REGION, credentials: TEST_CREDENTIALS, fetch: h.fetch, env: {}, totalTimeout: 200, media: { allowHosts: [stall.host] } });
    const error = await rejection(bedrock.completion({ model: HAIKU, messages: images([`http://${stall.host}/slow.png`]) }));
    expect(error).toBeInstanceOf(APITimeoutError);
  });

  it("an abort while the media server holds the request is APIUserAbortError, not a DOMException", async () => {
    const controller = new AbortController();
    const media = await mediaServer(() => controller.abort());
    const error = await rejection(client({ allowHosts: [media.host] }).completion({ model: HAIKU, messages: images([`${media.url}/a.png`]) }, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.name).toBe("APIUserAbortError");
    await media.brokenAt(1);
  });

  it("an abort in the middle of a body is APIUserAbortError, and the download is cancelled", async () => {
    const controller = new AbortController();
    const media = await mediaServer((req, res) => {
      endlessHandler(req, res);
      setTimeout(() => controller.abort(), 20);
    });
    const error = await rejection(
      client({ allowHosts: [media.host], maxItemBytes: 1e9, maxTotalBytes: 1e9 }).completion({ model: HAIKU, messages: images([`${media.url}/a.png`]) }, { signal: controller.signal }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    await media.brokenAt(1);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("one uniform error, whatever went wrong", () => {
  it("closed port, open non-HTTP port, reset, 404, 500 and non-image bytes all read the same", async () => {
    const closed = await closedPort();
    const garbage = await tcpServer((socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\n"));
    const reset = await tcpServer((socket) => socket.resetAndDestroy());
    const http = await mediaServer((req, res) => {
      if (req.url === "/404/a.png") res.writeHead(404).end("no");
      else if (req.url === "/500/a.png") res.writeHead(500).end("boom");
      else res.writeHead(200, { "content-type": "image/png" }).end("<html>not an image</html>");
    });
    const urls = [
      `http://${closed}/a.png`,
      `http://${garbage.host}/a.png`,
      `http://${reset.host}/a.png`,
      `${http.url}/404/a.png`,
      `${http.url}/500/a.png`,
      `${http.url}/html/a.png`,
    ];
    const hosts = [closed, garbage.host, reset.host, http.host];
    const messages = new Set<string>();
    for (const url of urls) {
      const error = await rejection(client({ allowHosts: hosts }).completion({ model: HAIKU, messages: images([url]) }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.code).toBe("MediaUnavailable");
      expect(error.field).toBe("messages[0].content[1].image_url.url");
      messages.add(error.message.replace(/http:\/\/127\.0\.0\.1:\d+(\/\d+|\/html)?\/a\.png/, "URL"));
    }
    expect([...messages]).toEqual([
      "`messages[0].content[1].image_url.url`: URL could not be downloaded as a PNG, JPEG, GIF or WebP image. Check the URL (private hosts need `media.allowHosts`), or send a data: URL.",
    ]);
    expect(h.requests).toHaveLength(0);
  });

  it("a media fetch that throws, even synchronously, is the same uniform error with the cause kept", async () => {
    const thrown = new TypeError("getaddrinfo ENOTFOUND media.example.com");
    const error = await rejection(
      client({
        fetch: () => {
          throw thrown;
        },
      }).completion({ model: HAIKU, messages: images(["https://media.example.com/a.png"]) }),
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.code).toBe("MediaUnavailable");
    expect(error.cause).toBe(thrown);
    expect(error.message).not.toContain("ENOTFOUND");
  });

  it("a signed query string is never echoed", async () => {
    const http = await mediaServer((_req, res) => res.writeHead(403).end());
    const error = await rejection(
      client({ allowHosts: [http.host] }).completion({ model: HAIKU, messages: images([`${http.url}/a.png?X-Amz-Signature=${"ab".repeat(32)}&X-Amz-Credential=AKIDEXAMPLE`]) }),
    );
    expect(error.message).not.toMatch(/Signature|AKIDEXAMPLE|abab/);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("what a file URL may be: the bytes decide", () => {
  const text = "internal: db password rotation is on Fridays";
  const serveText = (type: string, body: string | Uint8Array = text): Promise<MediaServer> =>
    mediaServer((_req, res) => res.writeHead(200, { "content-type": type }).end(body));

  it("a text/plain file URL is refused by default (an internal page must not become a document)", async () => {
    const media = await serveText("text/plain");
    const error = await rejection(client({ allowHosts: [media.host] }).completion({ model: HAIKU, messages: file(`${media.url}/notes.txt`) }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.code).toBe("MediaUnavailable");
    expect(error.field).toBe("messages[0].content[1].file.file_data");
    expect(error.message).toMatch(/could not be downloaded as a PDF, DOCX, XLSX, DOC, XLS or image file/);
    expect(h.requests).toHaveLength(0);
  });

  it("with allowText, a text document is sent as txt (csv when it says so)", async () => {
    const media = await serveText("text/plain");
    await client({ allowHosts: [media.host], allowText: true }).completion({ model: HAIKU, messages: file(`${media.url}/notes.txt`) });
    const doc = h.requests[0]!.json.messages[0].content[1].document;
    expect(doc.format).toBe("txt");
    expect(Buffer.from(doc.source.bytes, "base64").toString()).toBe(text);

    const csv = await serveText("text/csv; charset=utf-8", "a,b\n1,2\n");
    await client({ allowHosts: [csv.host], allowText: true }).completion({ model: HAIKU, messages: file(`${csv.url}/table`) });
    expect(h.requests[1]!.json.messages[0].content[1].document.format).toBe("csv");
  });

  it("a PDF served as text/plain is a PDF; bytes that are not UTF-8 text are refused even with allowText", async () => {
    const pdf = await serveText("text/plain", "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n");
    await client({ allowHosts: [pdf.host] }).completion({ model: HAIKU, messages: file(`${pdf.url}/doc`) });
    expect(h.requests[0]!.json.messages[0].content[1].document.format).toBe("pdf");

    const binary = await serveText("text/plain", new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0x81]));
    const error = await rejection(client({ allowHosts: [binary.host], allowText: true }).completion({ model: HAIKU, messages: file(`${binary.url}/x.txt`) }));
    expect(error.code).toBe("MediaUnavailable");
  });

  it("a ZIP container is a docx or xlsx only when its type or name says which", async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]);
    const media = await serveText("application/octet-stream", zip);
    await client({ allowHosts: [media.host] }).completion({ model: HAIKU, messages: file(`${media.url}/report.docx`, "report") });
    expect(h.requests[0]!.json.messages[0].content[1].document.format).toBe("docx");
    await client({ allowHosts: [media.host] }).completion({ model: HAIKU, messages: file(`${media.url}/blob`, "sheet.xlsx") });
    expect(h.requests[1]!.json.messages[0].content[1].document.format).toBe("xlsx");
    const error = await rejection(client({ allowHosts: [media.host] }).completion({ model: HAIKU, messages: file(`${media.url}/archive.zip`) }));
    expect(error.code).toBe("MediaUnavailable");
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** A chat request through a proxy handler, with `urls` as image parts. */
const chat = (handler: (r: Request) => Promise<Response>, urls: string[]) =>
  handler(
    new Request("http://proxy.test/v1/chat/completions", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "bedrock-claude-v1", messages: images(urls) }),
    }),
  );

describe("through the proxy: createProxy(config, { media })", () => {
  let upstream: Upstream;
  beforeEach(async () => {
    upstream = await startUpstream();
    servers.push({ close: () => upstream.server.close() });
  });


  it("300 image URLs: 400 naming messages, and neither the media server nor Bedrock sees a request", async () => {
    const media = await mediaServer(pngHandler);
    const proxy = createProxy(standardConfig(upstream), { env: ENV, media: { allowHosts: [media.host] } });
    const response = await chat(proxy, Array.from({ length: 300 }, (_, i) => `${media.url}/${i}.png`));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; type: string; param: string } };
    expect(body.error.type).toBe("invalid_request_error");
    expect(body.error.param).toBe("messages");
    expect(body.error.message).toMatch(/at most 25 are downloaded/);
    expect(media.hits).toEqual([]);
    expect(upstream.requests).toEqual([]);
  });

  it("a loopback URL is a 400 by default; the media server receives nothing", async () => {
    const media = await mediaServer(pngHandler);
    const proxy = createProxy(standardConfig(upstream), { env: ENV });
    const response = await chat(proxy, [`http://2130706433:${media.host.split(":")[1]}/a.png`]);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string; param: string } };
    expect(body.error.param).toBe("messages[0].content[1].image_url.url");
    expect(body.error.message).toMatch(/is refused: a private, loopback or reserved host/);
    expect(media.hits).toEqual([]);
    expect(upstream.requests).toEqual([]);
  });

  it("closed port and a stalled server are the same 400; a trusted host is downloaded", async () => {
    const closed = await closedPort();
    const stall = await tcpServer(() => {});
    const media = await mediaServer(pngHandler);
    const proxy = createProxy(standardConfig(upstream), { env: ENV, media: { allowHosts: [closed, stall.host, media.host], timeout: 200 } });
    const texts: string[] = [];
    for (const host of [closed, stall.host]) {
      const response = await chat(proxy, [`http://${host}/a.png`]);
      expect(response.status).toBe(400);
      const body = (await response.json()) as { error: { message: string } };
      texts.push(body.error.message.replace(host, "HOST"));
    }
    expect(texts[0]).toMatch(/could not be downloaded as a PNG, JPEG, GIF or WebP image/);
    expect(texts[1]).toBe(texts[0]);
    const ok = await chat(proxy, [`${media.url}/a.png`]);
    expect(ok.status).toBe(200);
    expect(media.hits).toEqual(["/a.png"]);
  });

  it("a malformed media option is refused when the proxy is created", () => {
    expect(() => createProxy(standardConfig(upstream), { env: ENV, media: { concurrency: 0 } })).toThrow(expect.objectContaining({ field: "media.concurrency" }));
  });
});

describe("through the proxy's configuration file: general_settings.media", () => {
  let upstream: Upstream;
  beforeEach(async () => {
    upstream = await startUpstream();
    servers.push({ close: () => upstream.server.close() });
  });

  const withMedia = (media: Record<string, unknown>) => {
    const config = standardConfig(upstream);
    return { ...config, general_settings: { ...config.general_settings, media } };
  };

  it("allow_hosts (also as os.environ/NAME) trusts a host, and the limits apply in MiB and seconds", async () => {
    const media = await mediaServer(pngHandler);
    const proxy = createProxy(withMedia({ allow_hosts: "os.environ/MEDIA_HOSTS", max_items: 2 }), { env: { ...ENV, MEDIA_HOSTS: media.host } });
    expect((await chat(proxy, [`${media.url}/a.png`])).status).toBe(200);
    const tooMany = await chat(proxy, [`${media.url}/1.png`, `${media.url}/2.png`, `${media.url}/3.png`]);
    expect(tooMany.status).toBe(400);
    expect(((await tooMany.json()) as { error: { message: string } }).error.message).toMatch(/at most 2 are downloaded/);
    expect(media.hits).toEqual(["/a.png"]);
  });

  it("the Node proxy's fetch trusts the hosts the file trusts, names included", async () => {
    const media = await mediaServer(pngHandler);
    const port = media.host.split(":")[1];
    const trusted = createNodeProxy(withMedia({ allow_hosts: [`localhost:${port}`] }), { env: ENV });
    expect((await chat(trusted, [`http://localhost:${port}/a.png`])).status).toBe(200);
    const untrusted = createNodeProxy(standardConfig(upstream), { env: ENV });
    const refused = await chat(untrusted, [`http://localhost:${port}/b.png`]);
    expect(refused.status).toBe(400);
    expect(media.hits).toEqual(["/a.png"]);
  });

  it.each([
    [{ max_item_mb: "lots" }, "general_settings.media.max_item_mb"],
    [{ concurrency: 0 }, "general_settings.media.concurrency"],
    [{ allow_hosts: 5 }, "general_settings.media.allow_hosts"],
    [{ allow_everything: true }, "general_settings.media.allow_everything"],
    [{ timeout: "os.environ/UNSET_MEDIA_TIMEOUT" }, "general_settings.media.timeout"],
  ])("a bad setting %j is refused when the proxy is created, naming %s", (media, field) => {
    expect(() => createProxy(withMedia(media), { env: ENV })).toThrow(expect.objectContaining({ name: "ConfigurationError", field }));
  });
});
