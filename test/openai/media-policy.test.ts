/**
 * The remote-media policy against server-side request forgery: internal addresses in every spelling are refused
 * before any connection (a loopback sink server counts what reaches it), public hosts pass, redirects are followed by
 * hand and each hop is checked again, `createMediaFetch()` checks the address it actually connects to, and the
 * `allowHosts` / `allowPrivateNetwork` opt-ins let trusted hosts through.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { TEST_CREDENTIALS } from "../../src/emulator/index";
import { ConfigurationError } from "../../src/errors";
import { createMediaFetch, guardedLookup } from "../../src/node/media-fetch";
import type { MediaLookup } from "../../src/node/media-fetch";
import { checkMediaUrl, isPublicAddress, resolveMediaPolicy } from "../../src/openai/media-policy";
import type { MediaPolicy } from "../../src/openai/media-policy";
import type { ChatCompletionMessageParam } from "../../src/api/chat-types";
import { base64, buildPng, callerFor, createHarness, REGION } from "./helpers";
import type { Harness } from "./helpers";

const HAIKU = "bedrock/anthropic.claude-3-haiku-20240307-v1:0";
const AWS_HOST = `https://bedrock-runtime.${REGION}.amazonaws.com`;
const png = buildPng(8, 8);

/** A loopback server that answers every request with a PNG and records the paths it was asked for. */
interface Sink {
  port: number;
  url: string;
  hits: string[];
  close(): Promise<void>;
}

async function startSink(answer?: (path: string) => { status: number; headers?: Record<string, string>; body?: Uint8Array | string }): Promise<Sink> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(req.url ?? "");
    const a = answer?.(req.url ?? "") ?? { status: 200, headers: { "content-type": "image/png" }, body: png };
    res.writeHead(a.status, a.headers);
    res.end(a.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function rejection(promise: Promise<unknown>): Promise<any> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

const imageMessage = (url: string): ChatCompletionMessageParam[] => [
  { role: "user", content: [{ type: "text", text: "What is in this image?" }, { type: "image_url", image_url: { url } }] },
];
const fileMessage = (url: string): ChatCompletionMessageParam[] => [
  { role: "user", content: [{ type: "text", text: "Summarise this." }, { type: "file", file: { file_data: url, filename: "notes.pdf" } }] },
];

function expectRefused(error: any, field = "messages[0].content[1].image_url.url"): void {
  expect(error).toBeInstanceOf(ConfigurationError);
  expect(error.code).toBe("MediaRefused");
  expect(error.field).toBe(field);
  expect(error.message).toContain(`\`${field}\``);
}

let sink: Sink;
let h: Harness;
/** URLs the client's fetch was asked for, other than Bedrock's. */
let fetched: string[];

/** Hosts (as the URL parser writes them) that reach the loopback sink for real. */
const LOOPBACK = /^(127\.\d+\.\d+\.\d+|0\.0\.0\.0|(media\.)?localhost\.?|\[::1?\]|\[::ffff:7f00:1\])$/;

/**
 * A client whose fetch answers Bedrock from the emulator and sends everything else to the sink: a loopback spelling
 * with the sink's port goes there for real, any other host is answered by the sink too, as an internal service would
 * answer (never the network). So a URL the policy lets through always reaches the sink.
 */
function client(media?: MediaPolicy, own?: typeof globalThis.fetch) {
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.url.startsWith(AWS_HOST)) return h.fetch(request);
    fetched.push(request.url);
    if (own) return own(input, init);
    const target = new URL(request.url);
    if (target.port === String(sink.port) && LOOPBACK.test(target.hostname)) return globalThis.fetch(request);
    return globalThis.fetch(`${sink.url}${target.pathname}`, { signal: init?.signal ?? null, redirect: "manual" });
  };
  return createBedrock({ region: REGION, credentials: TEST_CREDENTIALS, fetch, env: {}, maxRetries: 0, media });
}

beforeAll(async () => {
  sink = await startSink();
});
afterAll(async () => {
  await sink.close();
});
beforeEach(async () => {
  h = await createHarness("in-process");
  fetched = [];
  sink.hits.length = 0;
});
afterEach(async () => {
  await h.close();
});

// ---------------------------------------------------------------------------------------------------------------

// PORT stands for the sink's port: those spellings reach the loopback sink when fetched.
const INTERNAL: readonly string[] = [
  "http://127.0.0.1:PORT/a.png",
  "http://2130706433:PORT/a.png",
  "http://0177.0.0.1:PORT/a.png",
  "http://0x7f.1:PORT/a.png",
  "http://0x7F000001:PORT/a.png",
  "http://017700000001:PORT/a.png",
  "http://0x7f.0x0.0x0.0x1:PORT/a.png",
  "http://127.1:PORT/a.png",
  "http://127.0.1:PORT/a.png",
  "http://127.0.0.1.:PORT/a.png",
  "http://%31%32%37.0.0.1:PORT/a.png",
  "http://１２７.０.０.１:PORT/a.png",
  "http://127。0。0。1:PORT/a.png",
  "http://127.0.0.2:PORT/a.png",
  "http://localhost:PORT/a.png",
  "http://LOCALHOST:PORT/a.png",
  "http://localhost.:PORT/a.png",
  "http://media.localhost:PORT/a.png",
  "http://0:PORT/a.png",
  "http://0.0.0.0:PORT/a.png",
  "http://[::]:PORT/a.png",
  "http://[::1]:PORT/a.png",
  "http://[0:0:0:0:0:0:0:1]:PORT/a.png",
  "http://[::ffff:127.0.0.1]:PORT/a.png",
  "http://[::ffff:7f00:1]:PORT/a.png",
  "http://[::127.0.0.1]:PORT/a.png",
  "http://[::ffff:0:7f00:1]:PORT/a.png",
  "http://[64:ff9b::7f00:1]:PORT/a.png",
  "http://[2002:7f00:1::]:PORT/a.png",
  "https://127.0.0.1:PORT/a.png",
  "HTTP://LocalHost.:PORT/a.png",
  // Cloud metadata and credentials endpoints.
  "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
  "http://0xa9fea9fe/latest/meta-data/",
  "http://2852039166/latest/meta-data/",
  "http://[::ffff:169.254.169.254]/latest/meta-data/",
  "http://[fd00:ec2::254]/latest/meta-data/",
  "http://169.254.170.2/v2/credentials/abc",
  "http://100.100.100.200/latest/meta-data/",
  "http://metadata.google.internal/computeMetadata/v1/",
  "http://metadata.google.internal./computeMetadata/v1/",
  "http://metadata/computeMetadata/v1/",
  "http://[64:ff9b::a9fe:a9fe]/latest/meta-data/",
  "http://[2002:a9fe:a9fe::]/latest/meta-data/",
  // Private, shared, link-local, unique-local, multicast, broadcast, reserved, benchmarking and documentation ranges.
  "http://10.0.0.1/a.png",
  "http://172.16.5.4/a.png",
  "http://172.31.255.255/a.png",
  "http://192.168.1.1/a.png",
  "http://100.64.0.1/a.png",
  "http://169.254.1.1/a.png",
  "http://[fe80::1]/a.png",
  "http://[fc00::1]/a.png",
  "http://[fd12:3456::1]/a.png",
  "http://[ff02::1]/a.png",
  "http://224.0.0.1/a.png",
  "http://239.255.255.250/a.png",
  "http://255.255.255.255/a.png",
  "http://240.0.0.1/a.png",
  "http://198.18.0.1/a.png",
  "http://192.0.0.8/a.png",
  "http://192.0.2.1/a.png",
  "http://198.51.100.7/a.png",
  "http://203.0.113.7/a.png",
  "http://[2001:db8::1]/a.png",
  "http://[64:ff9b:1::a00:1]/a.png",
  "http://[100::1]/a.png",
  // Names that resolve only inside a network.
  "http://printer.local/a.png",
  "http://db.internal/a.png",
  "http://router.home.arpa/a.png",
  "http://intranet/a.png",
];

describe("internal addresses, in every spelling, are refused before any connection", () => {
  it("the matrix is large enough to mean something", () => {
    expect(INTERNAL.length).toBeGreaterThanOrEqual(30);
  });

  it.each(INTERNAL)("%s", async (spelling) => {
    const url = spelling.replace("PORT", String(sink.port));
    const error = await rejection(client().completion({ model: HAIKU, messages: imageMessage(url) }));
    expectRefused(error);
    expect(error.message).toMatch(/is refused: a private, loopback or reserved host\. Trust it with `media\.allowHosts`, or send a data: URL\./);
    expect(fetched).toEqual([]);
    expect(sink.hits).toEqual([]);
    expect(h.requests).toHaveLength(0);
  });

  it("a file part is checked the same way, and the error names it", async () => {
    const error = await rejection(client().completion({ model: HAIKU, messages: fileMessage(`http://2130706433:${sink.port}/notes.pdf`) }));
    expectRefused(error, "messages[0].content[1].file.file_data");
    expect(sink.hits).toEqual([]);
  });

  it("one refused URL among public ones stops the request before any download", async () => {
    const messages: ChatCompletionMessageParam[] = [
      {
        role: "user",
        content: [
          { type: "text", text: "Compare" },
          { type: "image_url", image_url: { url: "https://images.example.com/one.png" } },
          { type: "image_url", image_url: { url: `http://127.1:${sink.port}/two.png` } },
        ],
      },
    ];
    const error = await rejection(client().completion({ model: HAIKU, messages }));
    expectRefused(error, "messages[0].content[2].image_url.url");
    expect(fetched).toEqual([]);
    expect(sink.hits).toEqual([]);
  });

  it("a URL with a user name or password is refused, and the password is not echoed", async () => {
    const error = await rejection(client().completion({ model: HAIKU, messages: imageMessage("https://user:hunter2-secret@images.example.com/a.png") }));
    expectRefused(error);
    expect(error.message).toMatch(/only http\(s\) URLs without a user name or password/);
    expect(error.message).not.toContain("hunter2-secret");
    expect(fetched).toEqual([]);
  });
});

describe("public hosts pass", () => {
  const PUBLIC = [
    "https://images.example.com/cat.png",
    "https://cdn.example.org./cat.png",
    "http://93.184.216.34/cat.png",
    "http://8.8.8.8:8080/cat.png",
    "https://[2606:4700:4700::1111]/cat.png",
    "https://[::ffff:8.8.8.8]/cat.png",
    "https://[64:ff9b::808:808]/cat.png",
    "https://[2002:808:808::]/cat.png",
    "https://local.example.com/cat.png",
  ];
  it.each(PUBLIC)("%s is downloaded into the Bedrock request", async (url) => {
    const response = await client().completion({ model: HAIKU, messages: imageMessage(url) });
    expect(fetched).toEqual([new URL(url).href]);
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]!.json.messages[0].content[1]).toEqual({ image: { format: "png", source: { bytes: base64(png) } } });
    expect(response.choices[0]!.message.content).toMatch(/^Echo:/);
  });

  it("the classifier agrees on resolved addresses, as a resolver writes them", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "93.184.216.34", "2606:4700:4700::1111", "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"]) {
      expect([ip, isPublicAddress(ip)]).toEqual([ip, true]);
    }
    for (const ip of [
      "127.0.0.1", "10.1.2.3", "172.20.0.1", "192.168.0.10", "169.254.169.254", "169.254.170.2", "100.100.100.200", "0.0.0.0",
      "::", "::1", "::ffff:127.0.0.1", "::ffff:7f00:1", "fe80::1%eth0", "fd00:ec2::254", "ff02::1", "64:ff9b::a9fe:a9fe",
      "2002:c0a8:101::1", "2001:db8::5", "not an address", "", "1.2.3.256", "::1::", "12345::",
    ]) {
      expect([ip, isPublicAddress(ip)]).toEqual([ip, false]);
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** A fetch that answers redirects from a table and sends anything else to the sink for real. */
function redirecting(table: Record<string, string>, seen: RequestInit[]): typeof globalThis.fetch {
  return async (input, init) => {
    seen.push(init ?? {});
    const url = new Request(input).url;
    const location = table[url];
    if (location !== undefined) return new Response(null, { status: 302, headers: { location } });
    if (new URL(url).port === String(sink.port)) return globalThis.fetch(url, init);
    return new Response(png, { headers: { "content-type": "image/png" } });
  };
}

describe("redirects are followed by hand, and every hop is checked again", () => {
  it("public → public → 127.0.0.1 is refused at the third hop; the sink receives nothing", async () => {
    const seen: RequestInit[] = [];
    const fetch = redirecting(
      {
        "https://a.example.com/1": "https://b.example.com/2",
        "https://b.example.com/2": "/3",
        "https://b.example.com/3": `http://127.0.0.1:${sink.port}/secret`,
      },
      seen,
    );
    const error = await rejection(client(undefined, fetch).completion({ model: HAIKU, messages: imageMessage("https://a.example.com/1") }));
    expectRefused(error);
    expect(error.message).toContain(`http://127.0.0.1:${sink.port}/secret is refused`);
    expect(fetched).toEqual(["https://a.example.com/1", "https://b.example.com/2", "https://b.example.com/3"]);
    expect(seen.every((init) => init.redirect === "manual")).toBe(true);
    expect(sink.hits).toEqual([]);
    expect(h.requests).toHaveLength(0);
  });

  it("a relative Location is resolved against the current URL and the final image is used", async () => {
    const fetch = redirecting({ "https://a.example.com/img": "/images/real.png" }, []);
    await client(undefined, fetch).completion({ model: HAIKU, messages: imageMessage("https://a.example.com/img") });
    expect(fetched).toEqual(["https://a.example.com/img", "https://a.example.com/images/real.png"]);
    expect(h.requests).toHaveLength(1);
  });

  it("more than maxRedirects hops are refused (3 by default), and a policy may allow more", async () => {
    const chain = {
      "https://r.example.com/0": "https://r.example.com/1",
      "https://r.example.com/1": "https://r.example.com/2",
      "https://r.example.com/2": "https://r.example.com/3",
      "https://r.example.com/3": "https://r.example.com/4",
    };
    const error = await rejection(client(undefined, redirecting(chain, [])).completion({ model: HAIKU, messages: imageMessage("https://r.example.com/0") }));
    expectRefused(error);
    expect(error.message).toMatch(/redirects more than 3 times \(`media\.maxRedirects`\): pass the final URL/);
    expect(fetched).toHaveLength(4);

    fetched = [];
    await client({ maxRedirects: 4 }, redirecting(chain, [])).completion({ model: HAIKU, messages: imageMessage("https://r.example.com/0") });
    expect(fetched).toHaveLength(5);

    fetched = [];
    const none = await rejection(client({ maxRedirects: 0 }, redirecting(chain, [])).completion({ model: HAIKU, messages: imageMessage("https://r.example.com/3") }));
    expect(none.message).toMatch(/redirects more than 0 times/);
  });

  it("an opaque redirect (a browser's manual redirect hides its target) is refused, asking for the final URL", async () => {
    const opaque: typeof globalThis.fetch = async () => {
      const response = new Response(null, { status: 200 });
      Object.defineProperty(response, "type", { value: "opaqueredirect" });
      return response;
    };
    const error = await rejection(client(undefined, opaque).completion({ model: HAIKU, messages: imageMessage("https://a.example.com/1") }));
    expectRefused(error);
    expect(error.message).toMatch(/redirects, and this fetch hides where to: pass the final URL/);
  });

  it("with the real fetch, a trusted loopback server's 307 to an untrusted loopback port is refused; that port receives nothing", async () => {
    const target = await startSink();
    const hop = await startSink(() => ({ status: 307, headers: { location: `${target.url}/private.png` } }));
    try {
      const bedrock = createBedrock({
        region: REGION,
        credentials: TEST_CREDENTIALS,
        fetch: h.fetch,
        env: {},
        media: { allowHosts: [`127.0.0.1:${hop.port}`] },
      });
      const error = await rejection(bedrock.completion({ model: HAIKU, messages: imageMessage(`${hop.url}/start.png`) }));
      expectRefused(error);
      expect(hop.hits).toEqual(["/start.png"]);
      expect(target.hits).toEqual([]);
    } finally {
      await hop.close();
      await target.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("allowHosts and allowPrivateNetwork", () => {
  it.each<[string, MediaPolicy]>([
    ["host:port", { allowHosts: ["127.0.0.1:PORT"] }],
    ["host alone (any port)", { allowHosts: ["127.0.0.1"] }],
    ["allowPrivateNetwork", { allowPrivateNetwork: true }],
  ])("a loopback media server trusted by %s is downloaded", async (_label, policy) => {
    const media = { ...policy, allowHosts: policy.allowHosts?.map((host) => host.replace("PORT", String(sink.port))) };
    const response = await client(media).completion({ model: HAIKU, messages: imageMessage(`${sink.url}/ok.png`) });
    expect(sink.hits).toEqual(["/ok.png"]);
    expect(response.choices[0]!.message.content).toMatch(/^Echo:/);
  });

  it("a name in allowHosts matches case-insensitively and with a trailing dot", async () => {
    const response = await client({ allowHosts: [`LocalHost.:${sink.port}`] }).completion({ model: HAIKU, messages: imageMessage(`http://localhost:${sink.port}/ok.png`) });
    expect(response.choices[0]!.message.content).toMatch(/^Echo:/);
  });

  it("another port of a trusted host stays refused, and so do other hosts", async () => {
    const policy = resolveMediaPolicy({ allowHosts: [`127.0.0.1:${sink.port}`] });
    expect(() => checkMediaUrl(`http://127.0.0.1:${sink.port + 1}/a.png`, policy, "f")).toThrow(/is refused/);
    expect(() => checkMediaUrl("http://10.0.0.1/a.png", policy, "f")).toThrow(/is refused/);
    expect(checkMediaUrl(`http://127.0.0.1:${sink.port}/a.png`, policy, "f").port).toBe(String(sink.port));
  });

  it("the one-shot completion() takes the per-call policy too", async () => {
    const oneShot = callerFor(h, "one-shot aws_* params");
    const error = await rejection(oneShot.completion({ model: HAIKU, messages: imageMessage(`${sink.url}/ok.png`) }));
    expectRefused(error);
    expect(sink.hits).toEqual([]);
    await oneShot.completion({ model: HAIKU, messages: imageMessage(`${sink.url}/ok.png`) }, { media: { allowHosts: [`127.0.0.1:${sink.port}`] } });
    expect(sink.hits).toEqual(["/ok.png"]);
  });

  it("the per-call policy is merged over the client's", async () => {
    const bedrock = client({ maxItems: 5 });
    await bedrock.completion({ model: HAIKU, messages: imageMessage(`${sink.url}/ok.png`) }, { media: { allowHosts: [`127.0.0.1:${sink.port}`] } });
    expect(sink.hits).toEqual(["/ok.png"]);
  });

  it("a malformed policy is a ConfigurationError naming the field, at createBedrock", () => {
    const make = (media: unknown) => () => createBedrock({ region: REGION, credentials: TEST_CREDENTIALS, env: {}, media: media as MediaPolicy });
    expect(make({ maxItems: -1 })).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "media.maxItems" }));
    expect(make({ allowHosts: "127.0.0.1" })).toThrow(expect.objectContaining({ field: "media.allowHosts" }));
    expect(make({ allowPrivateNetwork: "yes" })).toThrow(expect.objectContaining({ field: "media.allowPrivateNetwork" }));
    expect(make({ fetch: 42 })).toThrow(expect.objectContaining({ field: "media.fetch" }));
    expect(make({ maxRedirects: 0, timeout: 1 })).not.toThrow();
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("createMediaFetch checks the address it actually connects to", () => {
  const answering = (...addresses: string[]): MediaLookup & { names: string[] } => {
    const names: string[] = [];
    const lookup = ((hostname, _options, callback) => {
      names.push(hostname);
      callback(null, addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
    }) as MediaLookup & { names: string[] };
    lookup.names = names;
    return lookup;
  };

  it("a public-looking name that resolves to 127.0.0.1 is refused before connecting; the sink receives nothing", async () => {
    const lookup = answering("127.0.0.1");
    const fetch = createMediaFetch({ lookup });
    const error = await rejection(fetch(`http://media.example.com:${sink.port}/a.png`));
    expect(error.code).toBe("EMEDIAREFUSED");
    expect(error.message).toMatch(/media\.example\.com resolves to 127\.0\.0\.1, which is not a public address/);
    expect(lookup.names).toEqual(["media.example.com"]);
    expect(sink.hits).toEqual([]);
  });

  it("through completion(), the URL check passes the name and the connection is refused: a uniform MediaUnavailable", async () => {
    const bedrock = createBedrock({
      region: REGION,
      credentials: TEST_CREDENTIALS,
      fetch: h.fetch,
      env: {},
      media: { fetch: createMediaFetch({ lookup: answering("203.0.113.9", "127.0.0.1") }) },
    });
    const error = await rejection(bedrock.completion({ model: HAIKU, messages: imageMessage(`http://rebind.example.com:${sink.port}/a.png`) }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.code).toBe("MediaUnavailable");
    expect(error.cause.code).toBe("EMEDIAREFUSED");
    expect(sink.hits).toEqual([]);
    expect(h.requests).toHaveLength(0);
  });

  it("an IP literal that is not public is refused without a lookup", async () => {
    const lookup = answering("8.8.8.8");
    const error = await rejection(createMediaFetch({ lookup })(`http://127.0.0.1:${sink.port}/a.png`));
    expect(error.code).toBe("EMEDIAREFUSED");
    expect(lookup.names).toEqual([]);
    expect(sink.hits).toEqual([]);
  });

  it("a trusted host (allowHosts, or allowPrivateNetwork) connects, and the body streams through", async () => {
    for (const options of [{ allowHosts: [`media.example.com:${sink.port}`] }, { allowPrivateNetwork: true }]) {
      sink.hits.length = 0;
      const response = await createMediaFetch({ ...options, lookup: answering("127.0.0.1") })(`http://media.example.com:${sink.port}/ok.png`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("image/png");
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
      expect(sink.hits).toEqual(["/ok.png"]);
    }
  });

  it("the lookup hook passes public answers on, in both of node's forms, and refuses when any address is not public", () => {
    const results: unknown[] = [];
    const record = (...args: unknown[]) => results.push(args);
    const hook = guardedLookup(answering("93.184.216.34", "2606:2800:220:1::1"), false);
    hook("example.com", { all: true }, record);
    hook("example.com", {}, record);
    expect(results).toEqual([
      [null, [{ address: "93.184.216.34", family: 4 }, { address: "2606:2800:220:1::1", family: 6 }]],
      [null, "93.184.216.34", 4],
    ]);
    results.length = 0;
    guardedLookup(answering("93.184.216.34", "fd00:ec2::254"), false)("example.com", { all: true }, record);
    expect((results[0] as [Error & { code: string }])[0].code).toBe("EMEDIAREFUSED");
    results.length = 0;
    guardedLookup(answering("10.0.0.7"), true)("example.com", {}, record);
    expect(results).toEqual([[null, "10.0.0.7", 4]]);
  });

  it("the body streams as it is read: cancelling it, or aborting the signal mid-body, closes the connection", async () => {
    let closes = 0;
    let onClose: () => void = () => {};
    const endless = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "image/png" });
      const chunk = new Uint8Array(64 * 1024);
      const pump = () => {
        while (!res.destroyed && res.write(chunk));
      };
      res.on("drain", pump);
      res.once("close", () => {
        closes++;
        onClose();
      });
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(endless.address() as AddressInfo).port}/endless.png`;
    const closed = () => new Promise<void>((resolve) => (onClose = resolve));
    try {
      const fetch = createMediaFetch({ allowPrivateNetwork: true });
      const first = await fetch(url);
      const reader = first.body!.getReader();
      expect((await reader.read()).done).toBe(false);
      let wait = closed();
      await reader.cancel();
      await wait;
      expect(closes).toBe(1);

      const controller = new AbortController();
      const second = await fetch(url, { signal: controller.signal });
      const reader2 = second.body!.getReader();
      await reader2.read();
      wait = closed();
      controller.abort();
      await expect(reader2.read()).rejects.toThrow();
      await wait;
      expect(closes).toBe(2);
    } finally {
      endless.closeAllConnections();
      await new Promise<void>((resolve) => endless.close(() => resolve()));
    }
  });

  it("a non-GET method is refused, and an aborted signal rejects without connecting", async () => {
    const fetch = createMediaFetch({ allowPrivateNetwork: true });
    await expect(fetch(`${sink.url}/a.png`, { method: "POST" })).rejects.toThrow(/GET requests only/);
    const controller = new AbortController();
    controller.abort();
    await expect(fetch(`${sink.url}/a.png`, { signal: controller.signal })).rejects.toThrow();
    expect(sink.hits).toEqual([]);
  });
});
