/**
 * Every operation over real fetch on loopback (serve() on port 0), signed by aws4fetch; PNG validity; the Node
 * adapter's streaming, backpressure and disconnect handling.
 */
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { serve, type RunningServer } from "../../src/node/index";
import { aws, decodeFrames, modelPath, signedPost } from "./helpers";

let server: RunningServer;
beforeAll(async () => {
  server = await serve(createEmulator({ blockedWords: ["forbidden"] }));
});
afterAll(() => server.close());

async function post(path: string, body: unknown) {
  return fetch(await signedPost(path, body, server.url));
}
async function get(path: string) {
  return fetch(await aws.sign(`${server.url}${path}`, { method: "GET" }));
}

const CLAUDE = "us.anthropic.claude-3-5-haiku-20241022-v1:0";
const WEATHER_TOOL = { name: "get_weather", description: "Get the current weather for a city",
  schema: { type: "object", properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["city", "unit"] } };

function pngInfo(base64: string) {
  const png = Buffer.from(base64, "base64");
  expect(png.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  let at = 8;
  const idat: Buffer[] = [];
  while (at < png.length) {
    const len = png.readUInt32BE(at);
    const type = png.subarray(at + 4, at + 8).toString("ascii");
    if (type === "IDAT") idat.push(png.subarray(at + 8, at + 8 + len));
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat)); // checks zlib framing and Adler-32
  expect(raw.length).toBe(height * (Math.ceil(width / 8) + 1));
  return { width, height };
}

describe("every operation over loopback", () => {
  it("server URL is on 127.0.0.1 with a real port", () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("invoke: deterministic echo that honours max_tokens", async () => {
    const res = await post(modelPath(CLAUDE, "invoke"), { anthropic_version: "bedrock-2023-05-31", max_tokens: 4,
      messages: [{ role: "user", content: "Please summarise the history of Rome" }] });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-amzn-bedrock-output-token-count")).toBe("4");
    expect(await res.json()).toMatchObject({ content: [{ type: "text", text: "Echo: Please summarise the" }], stop_reason: "max_tokens" });
  });

  it("invoke-with-response-stream: Anthropic tool_use with arguments from the schema", async () => {
    const res = await post(modelPath(CLAUDE, "invoke-with-response-stream"), { anthropic_version: "bedrock-2023-05-31", max_tokens: 300,
      tools: [{ name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, input_schema: WEATHER_TOOL.schema }],
      messages: [{ role: "user", content: "What is the weather in San Francisco?" }] });
    const events = decodeFrames(new Uint8Array(await res.arrayBuffer())).map((f) => f.json);
    expect(events.map((e) => e.type)).toContain("content_block_start");
    const json = events.filter((e) => (e.delta as { type?: string } | undefined)?.type === "input_json_delta")
      .map((e) => (e.delta as { partial_json: string }).partial_json).join("");
    expect(JSON.parse(json)).toEqual({ city: "San Francisco", unit: "celsius" });
    expect(events.at(-2)).toMatchObject({ type: "message_delta", delta: { stop_reason: "tool_use" } });
    expect(events.at(-1)).toMatchObject({ type: "message_stop" });
  });

  it("converse and converse-stream, with a tool call", async () => {
    const body = { messages: [{ role: "user", content: [{ text: "Use get_weather for Paris" }] }],
      toolConfig: { tools: [{ toolSpec: { name: WEATHER_TOOL.name, description: WEATHER_TOOL.description, inputSchema: { json: WEATHER_TOOL.schema } } }] } };
    const res = await post(modelPath("amazon.nova-lite-v1:0", "converse"), body);
    const answer = (await res.json()) as { output: { message: { content: { toolUse?: { input: unknown } }[] } }; stopReason: string; usage: object; metrics: object };
    expect(answer.stopReason).toBe("tool_use");
    expect(answer.output.message.content.find((b) => b.toolUse)?.toolUse?.input).toEqual({ city: "Paris", unit: "celsius" });
    expect(Object.keys(answer.usage).sort()).toEqual(["inputTokens", "outputTokens", "totalTokens"]);
    const stream = await post(modelPath("amazon.nova-lite-v1:0", "converse-stream"), body);
    const frames = decodeFrames(new Uint8Array(await stream.arrayBuffer()));
    const types = frames.map((f) => f.headers[":event-type"]);
    expect(types[0]).toBe("messageStart");
    expect(types).toContain("contentBlockStart");
    expect(types.slice(-2)).toEqual(["messageStop", "metadata"]);
    const input = frames.filter((f) => (f.json.delta as { toolUse?: unknown } | undefined)?.toolUse)
      .map((f) => (f.json.delta as { toolUse: { input: string } }).toolUse.input).join("");
    expect(JSON.parse(input)).toEqual({ city: "Paris", unit: "celsius" });
  });

  it("converse with a guardrailConfig intervenes on a blocked word", async () => {
    const res = await post(modelPath("amazon.nova-lite-v1:0", "converse"), { messages: [{ role: "user", content: [{ text: "say something forbidden" }] }],
      guardrailConfig: { guardrailIdentifier: "g1", guardrailVersion: "1" } });
    expect(await res.json()).toMatchObject({ stopReason: "guardrail_intervened" });
  });

  it("count-tokens for invokeModel and converse inputs", async () => {
    const native = Buffer.from(JSON.stringify({ anthropic_version: "bedrock-2023-05-31", max_tokens: 10,
      messages: [{ role: "user", content: "one two three" }] })).toString("base64");
    const a = await post(modelPath("anthropic.claude-3-haiku-20240307-v1:0", "count-tokens"), { input: { invokeModel: { body: native } } });
    expect(await a.json()).toEqual({ inputTokens: 3 });
    const b = await post(modelPath("anthropic.claude-3-haiku-20240307-v1:0", "count-tokens"),
      { input: { converse: { messages: [{ role: "user", content: [{ text: "four five" }] }] } } });
    expect(await b.json()).toEqual({ inputTokens: 2 });
    const profile = await post(modelPath(CLAUDE, "count-tokens"), { input: { invokeModel: { body: native } } });
    expect(profile.status).toBe(400);
    expect(await profile.json()).toEqual({ message: "The provided model doesn't support counting tokens." });
  });

  it("apply-guardrail: NONE, and GUARDRAIL_INTERVENED for a blocked word", async () => {
    const ok = await post("/guardrail/g1/version/1/apply", { source: "INPUT", content: [{ text: { text: "hello" } }] });
    expect(await ok.json()).toMatchObject({ action: "NONE", outputs: [] });
    const blocked = await post("/guardrail/g1/version/1/apply", { source: "INPUT", content: [{ text: { text: "This is Forbidden." } }] });
    expect(await blocked.json()).toMatchObject({ action: "GUARDRAIL_INTERVENED", outputs: [{ text: "Sorry, the model cannot answer this question." }],
      assessments: [{ wordPolicy: { customWords: [{ match: "forbidden", action: "BLOCKED", detected: true }] } }] });
  });

  it("async invoke: start, get (InProgress then Completed), list", async () => {
    const start = await post("/async-invoke", { modelId: "amazon.nova-reel-v1:0", clientRequestToken: "token-1",
      modelInput: { taskType: "TEXT_VIDEO" }, outputDataConfig: { s3OutputDataConfig: { s3Uri: "s3://bucket/out" } } });
    const { invocationArn } = (await start.json()) as { invocationArn: string };
    expect(invocationArn).toMatch(/^arn:aws:bedrock:us-east-1:\d{12}:async-invoke\/\w+$/);
    const path = `/async-invoke/${encodeURIComponent(invocationArn)}`;
    expect(await (await get(path)).json()).toMatchObject({ invocationArn, status: "InProgress", clientRequestToken: "token-1" });
    expect(await (await get(path)).json()).toMatchObject({ status: "Completed", endTime: expect.any(String) });
    const list = (await (await get("/async-invoke?statusEquals=Completed")).json()) as { asyncInvokeSummaries: { invocationArn: string }[] };
    expect(list.asyncInvokeSummaries.map((s) => s.invocationArn)).toContain(invocationArn);
  });

  it("embeddings: Titan v2 honours dimensions; Cohere returns one vector per text", async () => {
    const titan = (await (await post(modelPath("amazon.titan-embed-text-v2:0", "invoke"), { inputText: "hi", dimensions: 256 })).json()) as { embedding: number[] };
    expect(titan.embedding).toHaveLength(256);
    expect(Math.hypot(...titan.embedding)).toBeCloseTo(1, 6);
    const cohere = (await (await post(modelPath("cohere.embed-english-v3", "invoke"), { texts: ["a", "b"], input_type: "search_document" })).json()) as { embeddings: number[][] };
    expect(cohere.embeddings).toHaveLength(2);
  });

  it("images: valid PNGs at the requested size for each image family", async () => {
    const sdxl = (await (await post(modelPath("stability.stable-diffusion-xl-v1", "invoke"), { text_prompts: [{ text: "a red fox" }], width: 64, height: 32 })).json()) as { artifacts: { base64: string; finishReason: string }[] };
    expect(pngInfo(sdxl.artifacts[0]!.base64)).toEqual({ width: 64, height: 32 });
    const sd3 = (await (await post(modelPath("stability.sd3-5-large-v1:0", "invoke"), { prompt: "a fox", aspect_ratio: "16:9" })).json()) as { images: string[]; seeds: number[] };
    const { width, height } = pngInfo(sd3.images[0]!);
    expect(width / height).toBeCloseTo(16 / 9, 1);
    for (const model of ["amazon.titan-image-generator-v2:0", "amazon.nova-canvas-v1:0"]) {
      const res = (await (await post(modelPath(model, "invoke"), { taskType: "TEXT_IMAGE", textToImageParams: { text: "a fox" },
        imageGenerationConfig: { numberOfImages: 2, width: 320, height: 160 } })).json()) as { images: string[] };
      expect(res.images).toHaveLength(2);
      expect(pngInfo(res.images[1]!)).toEqual({ width: 320, height: 160 });
    }
  });

  it("unknown models and routes get Bedrock's errors", async () => {
    const bad = await post(modelPath("does-not-exist", "converse"), { messages: [] });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: "The provided model identifier is invalid." });
    const route = await post("/nowhere", {});
    expect(route.status).toBe(404);
  });
});

describe("node adapter", () => {
  it("streams a request body into the handler and cancels the response body when the client disconnects", async () => {
    let cancelled!: () => void;
    const cancel = new Promise<void>((resolve) => (cancelled = resolve));
    const own = await serve(async (request) => {
      const text = await request.text();
      let n = 0;
      return new Response(new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(new TextEncoder().encode(`${text}:${n++}\n`));
        },
        cancel() {
          cancelled();
        },
      }));
    });
    try {
      const aborter = new AbortController();
      const res = await fetch(own.url, { method: "POST", body: "ping", signal: aborter.signal });
      const reader = res.body!.getReader();
      const first = await reader.read();
      expect(new TextDecoder().decode(first.value)).toMatch(/^ping:0\n/);
      aborter.abort();
      await cancel; // resolves only if the adapter cancelled the endless body
    } finally {
      await own.close();
    }
  });

  it("rejects a bad port with a ConfigurationError naming the field", async () => {
    await expect(serve(async () => new Response(""), { port: 70000 })).rejects.toMatchObject({ name: "ConfigurationError", field: "port" });
  });
});
