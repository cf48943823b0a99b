/**
 * What goes wrong, at the API level: bad input is a typed ConfigurationError naming the field and the fix, thrown
 * before any request; remote images are downloaded from a trusted loopback server with a size cap; the emulator's faults
 * (`x-bedrock-fetch-fault`, syntax in src/emulator/faults.ts) surface as typed errors from `completion()`; and
 * leaving a streamed completion early cancels the response body.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  APIUserAbortError,
  ConfigurationError,
  ModelError,
  RateLimitError,
  ServiceUnavailableError,
} from "../../src/errors";
import { EventStreamError } from "../../src/event-stream/errors";
import { FAULT_HEADER, TEST_CREDENTIALS } from "../../src/emulator/index";
import { serve } from "../../src/node/server";
import type { RunningServer } from "../../src/node/server";
import { completion, embedding, imageGeneration } from "../../src/one-shot";
import type { ChatCompletionChunk, ChatCompletionCreateParamsBase, ChatCompletionMessageParam } from "../../src/api/chat-types";
import { base64, buildPng, clientFor, createHarness, modelPath, REGION } from "./helpers";
import type { Harness, Transport } from "./helpers";

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const HELLO: ChatCompletionMessageParam[] = [{ role: "user", content: "Hello, how are you today, my friend?" }];
const TRANSPORTS: readonly Transport[] = ["in-process", "loopback"];

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a rejection");
    },
    (error: unknown) => error,
  );
}

function expectConfigError(error: unknown, field: string, fix: RegExp): void {
  expect(error).toBeInstanceOf(ConfigurationError);
  const e = error as ConfigurationError;
  expect(e.name).toBe("ConfigurationError");
  expect(e.code).toBe("InvalidConfiguration");
  expect(e.status).toBeUndefined();
  expect(e.field).toBe(field);
  expect(e.message).toMatch(fix);
  expect(e.message).not.toContain(TEST_CREDENTIALS.secretAccessKey);
}

// ---------------------------------------------------------------------------------------------------------------

describe("bad input is a ConfigurationError naming the field and the fix, before any request", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness("in-process");
  });
  afterEach(async () => {
    // Not one request left the client: the injected fetch was never called.
    expect(h.fetchCalls()).toBe(0);
    expect(h.requests).toHaveLength(0);
    await h.close();
  });

  const notAnImage = `data:image/png;base64,${Buffer.from("GIF? no: this is plain text, not an image").toString("base64")}`;
  const chat: Array<[string, Record<string, unknown>, string, RegExp]> = [
    [
      "an unknown model family on invoke/",
      { model: "bedrock/invoke/writer.palmyra-x4-v1:0", messages: HELLO },
      "model",
      /no native request format on the `invoke\/` route\. Use the `converse\/` route \(e\.g\. `bedrock\/converse\/writer\.palmyra-x4-v1:0`\)/,
    ],
    [
      "an ARN with no family on invoke/",
      { model: "bedrock/invoke/arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abc", messages: HELLO },
      "model",
      /pass the base model as `model`.*as `model_id`/,
    ],
    [
      "an image that is not an image (Converse)",
      { model: `bedrock/${HAIKU}`, messages: [{ role: "user", content: [{ type: "text", text: "What is it?" }, { type: "image_url", image_url: { url: notAnImage } }] }] },
      "messages[0].content[1].image_url.url",
      /is not a PNG, JPEG, GIF or WebP image \(declared as `image\/png`\)\. Send the image's own bytes/,
    ],
    [
      "an image that is not an image (invoke/)",
      { model: `bedrock/invoke/${HAIKU}`, messages: [{ role: "user", content: [{ type: "text", text: "What is it?" }, { type: "image_url", image_url: { url: notAnImage } }] }] },
      "messages[0].content[1].image_url.url",
      /is not a PNG, JPEG, GIF or WebP image/,
    ],
    [
      "an image sent to a text-only family",
      { model: "bedrock/invoke/meta.llama3-8b-instruct-v1:0", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: `data:image/png;base64,${base64(buildPng(1, 1))}` } }] }] },
      "messages[0].content[0]",
      /accepts text only\. Send text, or use a model that accepts images/,
    ],
    [
      "a tool schema whose top level is not an object",
      { model: `bedrock/${HAIKU}`, messages: HELLO, tools: [{ type: "function", function: { name: "lookup", parameters: { type: "array", items: { type: "string" } } } }] },
      "tools[0].function.parameters",
      /must be a JSON Schema object with `type: "object"` at the top level/,
    ],
    [
      "a tool schema that is not an object at all (invoke/)",
      { model: `bedrock/invoke/${HAIKU}`, messages: HELLO, tools: [{ type: "function", function: { name: "lookup", parameters: "{ type: object }" } }] },
      "tools[0].function.parameters",
      /must be a JSON Schema object/,
    ],
    [
      "a tool with an invalid name",
      { model: `bedrock/${HAIKU}`, messages: HELLO, tools: [{ type: "function", function: { name: "look up!", parameters: { type: "object" } } }] },
      "tools[0].function.name",
      /must be 1–64 letters, digits, `_` or `-`/,
    ],
    [
      "a tool that is not a function tool",
      { model: `bedrock/${HAIKU}`, messages: HELLO, tools: [{ type: "retrieval" }] },
      "tools[0]",
      /must be `\{ type: "function", function: \{ name/,
    ],
    ["n > 1 on Converse", { model: `bedrock/${HAIKU}`, messages: HELLO, n: 2 }, "n", /Remove it, or pass `drop_params: true`/],
    ["n > 1 on invoke/", { model: "bedrock/invoke/meta.llama3-8b-instruct-v1:0", messages: HELLO, n: 3 }, "n", /Remove it, or pass `drop_params: true`/],
    ["empty messages", { model: `bedrock/${HAIKU}`, messages: [] }, "messages", /must be a non-empty array of \{ role, content \} messages/],
    ["messages that are not an array", { model: `bedrock/${HAIKU}`, messages: "hello" }, "messages", /must be a non-empty array/],
    ["a missing model", { messages: HELLO }, "model", /Set `model`, e\.g\. "bedrock\/anthropic\./],
    ["a model that is not a Bedrock id", { model: "gpt-4o", messages: HELLO }, "model", /is not a Bedrock model id.*Use `\[bedrock\/\]\[converse\/\|invoke\/\]<id>`/],
    ["an empty model_id", { model: `bedrock/${HAIKU}`, model_id: " ", messages: HELLO }, "model_id", /must be a non-empty model id or ARN/],
    ["a tool result sent to Claude 2 text completions", { model: "bedrock/invoke/anthropic.claude-v2", messages: [...HELLO, { role: "tool", tool_call_id: "t1", content: "42" }] }, "messages[1]", /Use a Claude 3\+ model/],
  ];

  it.each(chat)("chat: %s", async (_name, params, field, fix) => {
    const bedrock = clientFor(h);
    expectConfigError(await rejection(bedrock.completion(params as unknown as ChatCompletionCreateParamsBase)), field, fix);
    // The same through the LiteLLM-style one-shot call, streamed this time.
    const oneShot = completion(
      { ...(params as unknown as ChatCompletionCreateParamsBase), stream: true, aws_access_key_id: TEST_CREDENTIALS.accessKeyId, aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey, aws_region_name: REGION },
      { env: {}, fetch: h.fetch },
    );
    expectConfigError(await rejection(oneShot), field, fix);
  });

  const embeddings: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["an empty string input", { model: "bedrock/amazon.titan-embed-text-v2:0", input: "" }, "input", /give at least one non-empty text/],
    ["an empty array input", { model: "bedrock/cohere.embed-english-v3", input: [] }, "input", /give at least one text/],
    ["an empty text inside the input", { model: "bedrock/cohere.embed-english-v3", input: ["a", ""] }, "input[1]", /Bedrock rejects empty texts/],
    [
      "97 Cohere texts with batch: false",
      { model: "bedrock/cohere.embed-multilingual-v3", input: Array.from({ length: 97 }, (_, i) => `text ${i}`), batch: false },
      "input",
      /has 97 texts; .* at most 96 per call and `batch: false` forbids splitting\. Remove `batch: false`/,
    ],
    ["Titan v2 with dimensions 300", { model: "bedrock/amazon.titan-embed-text-v2:0", input: "hi", dimensions: 300 }, "dimensions", /must be one of 256, 512, 1024 for Titan Text Embeddings V2; got 300/],
    ["a model with no embedding family", { model: "bedrock/anthropic.claude-3-haiku-20240307-v1:0", input: "hi" }, "model", /./],
  ];

  it.each(embeddings)("embedding: %s", async (_name, params, field, fix) => {
    expectConfigError(await rejection(clientFor(h).embedding(params as never)), field, fix);
    const auth = { aws_access_key_id: TEST_CREDENTIALS.accessKeyId, aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey, aws_region_name: REGION };
    expectConfigError(await rejection(embedding({ ...params, ...auth } as never, { env: {}, fetch: h.fetch })), field, fix);
  });

  const images: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["SDXL 1.0 at a size it cannot make", { model: "bedrock/stability.stable-diffusion-xl-v1", prompt: "otter", size: "1000x1000" }, "size", /cannot make a 1000x1000 image\. `size` must be one of 1024x1024, 1152x896/],
    ["SDXL 0.8 at a size that is not a multiple of 64", { model: "bedrock/stability.stable-diffusion-xl-v0", prompt: "otter", size: "100x100" }, "size", /cannot make a 100x100 image\. `size` must be a multiple of 64/],
    ["a size that is not WxH", { model: "bedrock/stability.stable-diffusion-xl-v1", prompt: "otter", size: "large" }, "size", /must be "<width>x<height>" in pixels, e\.g\. "1024x1024"/],
    ["an empty prompt", { model: "bedrock/stability.stable-diffusion-xl-v1", prompt: "" }, "prompt", /a non-empty description of the image/],
  ];

  it.each(images)("image: %s", async (_name, params, field, fix) => {
    expectConfigError(await rejection(clientFor(h).imageGeneration(params as never)), field, fix);
    const auth = { aws_access_key_id: TEST_CREDENTIALS.accessKeyId, aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey, aws_region_name: REGION };
    expectConfigError(await rejection(imageGeneration({ ...params, ...auth } as never, { env: {}, fetch: h.fetch })), field, fix);
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe("remote image URLs: fetched from a loopback server trusted with media.allowHosts, with a size cap", () => {
  const png = buildPng(16, 16);
  let media: RunningServer;
  let mediaHits: string[];
  let endlessCancelled: Promise<void>;
  let onEndlessCancel: () => void = () => {};

  beforeAll(async () => {
    media = await serve(async (request) => {
      const path = new URL(request.url).pathname;
      mediaHits.push(path);
      if (path === "/otter.png") return new Response(png, { headers: { "content-type": "image/png", "content-length": String(png.length) } });
      if (path === "/big.png") {
        const big = new Uint8Array(4096);
        big.set(png);
        return new Response(big, { headers: { "content-type": "image/png", "content-length": String(big.length) } });
      }
      if (path === "/endless.png") {
        // No content-length and no end: only the size cap stops the download.
        let sent = 0;
        const body = new ReadableStream<Uint8Array>({
          pull(controller) {
            controller.enqueue(sent++ === 0 ? png : new Uint8Array(1024));
          },
          cancel() {
            onEndlessCancel();
          },
        }, { highWaterMark: 0 });
        return new Response(body, { headers: { "content-type": "image/png" } });
      }
      if (path === "/page.html") return new Response("<!doctype html><title>not an image</title>", { headers: { "content-type": "text/html" } });
      return new Response("not found", { status: 404 });
    });
  });
  afterAll(async () => {
    await media.close();
  });
  // The media server is on loopback, which the default policy refuses: these tests trust its host:port.
  const trusted = () => ({ media: { allowHosts: [new URL(media.url).host] } });

  function expectMediaError(error: unknown, code: string, fix: RegExp): void {
    expect(error).toBeInstanceOf(ConfigurationError);
    const e = error as ConfigurationError;
    expect(e.code).toBe(code);
    expect(e.status).toBeUndefined();
    expect(e.field).toBe("messages[0].content[1].image_url.url");
    expect(e.message).toMatch(fix);
  }

  describe.each(TRANSPORTS)("Bedrock %s", (transport) => {
    let h: Harness;
    beforeEach(async () => {
      h = await createHarness(transport);
      mediaHits = [];
      endlessCancelled = new Promise<void>((resolve) => {
        onEndlessCancel = resolve;
      });
    });
    afterEach(async () => {
      await h.close();
    });

    const imageMessage = (url: string): ChatCompletionMessageParam[] => [
      { role: "user", content: [{ type: "text", text: "What is in this image?" }, { type: "image_url", image_url: { url } }] },
    ];

    it.each(["", "invoke/"])("an http image URL becomes the image's bytes in the Bedrock body (%s)", async (route) => {
      const response = await clientFor(h).completion({ model: `bedrock/${route}${HAIKU}`, messages: imageMessage(`${media.url}/otter.png`) }, trusted());
      expect(mediaHits).toEqual(["/otter.png"]);
      expect(h.requests).toHaveLength(1);
      const part = h.requests[0]!.json.messages[0].content[1];
      if (route === "") expect(part).toEqual({ image: { format: "png", source: { bytes: base64(png) } } });
      else expect(part).toEqual({ type: "image", source: { type: "base64", media_type: "image/png", data: base64(png) } });
      expect(response.choices[0]!.message.content).toMatch(/^Echo: What is in this image/);
    });

    it("without media.allowHosts the loopback media server is refused, and it receives nothing", async () => {
      const error = await rejection(clientFor(h).completion({ model: `bedrock/${HAIKU}`, messages: imageMessage(`${media.url}/otter.png`) }));
      expectMediaError(error, "MediaRefused", /private, loopback or reserved host.*media\.allowHosts/);
      expect(mediaHits).toEqual([]);
      expect(h.requests).toHaveLength(0);
    });

    it("an image over the cap (declared by content-length) is refused before the Bedrock request", async () => {
      const error = await rejection(clientFor(h).completion({ model: `bedrock/${HAIKU}`, messages: imageMessage(`${media.url}/big.png`) }, { ...trusted(), maxMediaBytes: 1000 }));
      expectMediaError(error, "MediaRefused", /big\.png is over 1000 bytes \(`media\.maxItemBytes`\)/);
      expect(h.requests).toHaveLength(0);
    });

    it("an endless image with no content-length stops at the cap, and the download is cancelled", async () => {
      const error = await rejection(
        clientFor(h).completion({ model: `bedrock/${HAIKU}`, messages: imageMessage(`${media.url}/endless.png`) }, { ...trusted(), maxMediaBytes: 8192 }),
      );
      expectMediaError(error, "MediaRefused", /is over 8192 bytes/);
      expect(h.requests).toHaveLength(0);
      await endlessCancelled;
    });

    it("a URL that answers 404 names the part and the fix, not the status", async () => {
      const error = await rejection(clientFor(h).completion({ model: `bedrock/${HAIKU}`, messages: imageMessage(`${media.url}/gone.png?sig=secret`) }, trusted()));
      expectMediaError(error, "MediaUnavailable", /gone\.png could not be downloaded as a PNG, JPEG, GIF or WebP image.*send a data: URL/);
      expect((error as Error).message).not.toContain("404");
      // A signed query is never echoed.
      expect((error as Error).message).not.toContain("sig=secret");
      expect(h.requests).toHaveLength(0);
    });

    it("a URL that serves HTML is not an image (the bytes decide, not the content-type)", async () => {
      const error = await rejection(clientFor(h).completion({ model: `bedrock/${HAIKU}`, messages: imageMessage(`${media.url}/page.html`) }, trusted()));
      expectMediaError(error, "MediaUnavailable", /page\.html could not be downloaded as a PNG, JPEG, GIF or WebP image/);
      expect(h.requests).toHaveLength(0);
    });

    it("bad input elsewhere fails before the image is even downloaded", async () => {
      const error = await rejection(clientFor(h).completion({ model: `bedrock/${HAIKU}`, messages: imageMessage(`${media.url}/otter.png`), n: 2 }, trusted()));
      expectConfigError(error, "n", /drop_params/);
      expect(mediaHits).toEqual([]);
      expect(h.requests).toHaveLength(0);
    });
  });
});

// ---------------------------------------------------------------------------------------------------------------

describe.each(TRANSPORTS)("emulator faults surface as typed errors from completion() (%s)", (transport) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(transport);
  });
  afterEach(async () => {
    await h.close();
  });
  const fault = (spec: string) => ({ headers: { [FAULT_HEADER]: spec } });

  it.each(["", "invoke/"])("throttle:2 is retried with backoff and then succeeds (%s)", async (route) => {
    const waits: number[] = [];
    const bedrock = clientFor(h, { sleep: async (ms) => void waits.push(ms) });
    const response = await bedrock.completion({ model: `bedrock/${route}${HAIKU}`, messages: HELLO }, fault("throttle:2"));
    expect(response.choices[0]!.message.content).toMatch(/^Echo: Hello, how are you today/);
    // Three attempts reached the emulator, each signed (the emulator verified them), with two waits between them.
    expect(h.requests).toHaveLength(3);
    expect(h.fetchCalls()).toBe(3);
    for (const r of h.requests) expect(r.headers.get("authorization")).toMatch(/^AWS4-HMAC-SHA256 /);
    expect(waits).toHaveLength(2);
    expect(waits.every((ms) => ms >= 0)).toBe(true);
  });

  it("a throttled streamed completion is retried before its first event, then streams", async () => {
    const bedrock = clientFor(h);
    const stream = await bedrock.completion({ model: `bedrock/${HAIKU}`, messages: HELLO, stream: true }, fault("throttle:1"));
    let text = "";
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    expect(text).toMatch(/^Echo: Hello, how are you today/);
    expect(h.requests).toHaveLength(2);
  });

  it("throttling beyond maxRetries is a RateLimitError, from the client and from the one-shot call", async () => {
    const error = await rejection(clientFor(h, { maxRetries: 1 }).completion({ model: `bedrock/${HAIKU}`, messages: HELLO }, fault("throttle:5")));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).status).toBe(429);
    expect((error as RateLimitError).code).toBe("ThrottlingException");
    expect((error as RateLimitError).retryable).toBe(true);
    expect(h.requests).toHaveLength(2);

    const oneShot = await rejection(
      completion(
        { model: `bedrock/${HAIKU}`, messages: HELLO, aws_access_key_id: TEST_CREDENTIALS.accessKeyId, aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey, aws_region_name: REGION, ...(h.endpoint ? { aws_bedrock_runtime_endpoint: h.endpoint } : {}) },
        { env: {}, fetch: h.fetch, maxRetries: 0, ...fault("throttle:1") },
      ),
    );
    expect((oneShot as Error).name).toBe("RateLimitError");
    expect(h.requests).toHaveLength(3);
  });

  it("error:503 on every call is a ServiceUnavailableError after the retries", async () => {
    const error = await rejection(clientFor(h).completion({ model: `bedrock/invoke/${HAIKU}`, messages: HELLO }, fault("error:503")));
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect((error as ServiceUnavailableError).status).toBe(503);
    expect(h.requests).toHaveLength(3);
  });

  it.each(["", "invoke/"])("an exception frame mid-stream is thrown from the iterator after some content (%s)", async (route) => {
    const stream = await clientFor(h).completion({ model: `bedrock/${route}${HAIKU}`, messages: HELLO, stream: true }, fault("stream-error:4"));
    const seen: ChatCompletionChunk[] = [];
    const error = await rejection((async () => {
      for await (const chunk of stream) seen.push(chunk);
    })());
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).name).toBe("ModelError");
    expect((error as ModelError).code).toBe("ModelStreamErrorException");
    expect((error as ModelError).status).toBe(424);
    expect((error as ModelError).message).toContain("The model stream failed");
    const text = seen.map((c) => c.choices[0]?.delta.content ?? "").join("");
    expect(text).toMatch(/^Echo: Hello/);
    // Never a silent stop: no chunk carried a finish_reason.
    expect(seen.some((c) => c.choices[0]?.finish_reason != null)).toBe(false);
    // Content had reached the caller: no retry.
    expect(h.requests).toHaveLength(1);
  });

  it("a throttlingException frame mid-stream is a RateLimitError, not retried", async () => {
    const stream = await clientFor(h).completion({ model: `bedrock/${HAIKU}`, messages: HELLO, stream: true }, fault("stream-error:3:throttlingException"));
    let text = "";
    const error = await rejection((async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    })());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(text.length).toBeGreaterThan(0);
    expect(h.requests).toHaveLength(1);
  });

  it.each(["", "invoke/"])("a stream cut inside a frame is an EventStreamError of type truncated (%s)", async (route) => {
    const stream = await clientFor(h).completion({ model: `bedrock/${route}${HAIKU}`, messages: HELLO, stream: true }, fault("cut:4"));
    let text = "";
    const error = await rejection((async () => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
    })());
    expect(error).toBeInstanceOf(EventStreamError);
    expect((error as EventStreamError).name).toBe("EventStreamError");
    expect((error as EventStreamError).type).toBe("truncated");
    expect(text).toMatch(/^Echo: Hello/);
    expect(h.requests).toHaveLength(1);
  });

  it.each(["", "invoke/"])("breaking out of a streamed completion early cancels the response body (%s)", async (route) => {
    const cancelled = h.nextCancel();
    // drip keeps the emulator's stream open, so the only way it ends early is the client's cancel.
    const stream = await clientFor(h).completion({ model: `bedrock/${route}${HAIKU}`, messages: HELLO, stream: true }, fault("drip:5"));
    let received = 0;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) received++;
      if (received === 1) break;
    }
    await cancelled;
    expect(h.cancelled()).toBe(1);
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]!.path).toBe(modelPath(HAIKU, route === "" ? "converse-stream" : "invoke-with-response-stream"));
    // The stream is spent: it cannot be iterated again.
    expect(() => stream[Symbol.asyncIterator]()).toThrow(/already been iterated/);
  });

  // Stream.abort() is documented (src/stream.ts) to cancel the body and make a later next() reject with
  // APIUserAbortError, whatever fetch was injected: the in-process fetch, like many wrappers, ignores init.signal.
  it("stream.abort() mid-stream cancels the body and the pending read rejects with APIUserAbortError", async () => {
    const cancelled = h.nextCancel();
    const stream = await clientFor(h).completion({ model: `bedrock/${HAIKU}`, messages: HELLO, stream: true }, fault("drip:5"));
    const iterator = stream[Symbol.asyncIterator]();
    const first = await iterator.next();
    expect(first.done).toBe(false);
    stream.abort();
    const error = await rejection((async () => {
      for (;;) if ((await iterator.next()).done) return;
    })());
    expect(error).toBeInstanceOf(APIUserAbortError);
    await cancelled;
    expect(h.cancelled()).toBe(1);
  });
});
