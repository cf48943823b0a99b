/**
 * Server-sent events from the proxy: clean parsing with eventsource-parser, errors after the stream started, a client
 * disconnect cancelling the upstream Bedrock body, and backpressure (the upstream is read only as the client reads).
 */
import { createParser, type EventSourceMessage } from "eventsource-parser";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { createProxy } from "../../src/proxy/index";
import { CHAT_MODEL, ENV, params, post, startStack, type Stack, type Upstream } from "./helpers";

const chatBody = (content: string) => ({ model: "bedrock-claude-v1", stream: true as const, messages: [{ role: "user" as const, content }] });

/** Reads an SSE body to the end through eventsource-parser, feeding it the network chunks as they come. */
async function parseEvents(response: Response): Promise<EventSourceMessage[]> {
  const events: EventSourceMessage[] = [];
  const parser = createParser({
    onEvent: (event) => events.push(event),
    onError: (error) => {
      throw error;
    },
  });
  const decoder = new TextDecoder();
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parser.feed(decoder.decode(chunk, { stream: true }));
  return events;
}

describe("SSE format", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(() => stack.close());

  it("parses cleanly with eventsource-parser: one JSON chunk per event, then [DONE]", async () => {
    const response = await post(`${stack.baseURL}/chat/completions`, chatBody("hello there streaming world"));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const events = await parseEvents(response);
    expect(events.at(-1)!.data).toBe("[DONE]");
    expect(events.slice(0, -1).every((e) => e.event === undefined)).toBe(true);
    const chunks = events.slice(0, -1).map((e) => JSON.parse(e.data) as OpenAI.ChatCompletionChunk);
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.id === chunks[0]!.id)).toBe(true);
    expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toContain("hello there streaming world");
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe("stop");
  });

  it("is byte-exact `data: <json>\\n\\n` framing", async () => {
    const text = await (await post(`${stack.baseURL}/chat/completions`, chatBody("framing"))).text();
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    for (const block of text.split("\n\n").slice(0, -1)) expect(block).toMatch(/^data: (\{.*\}|\[DONE\])$/s);
  });
});

describe("an error after the stream started", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack(undefined, { emulator: { faults: "stream-error:3" } });
  });
  afterAll(() => stack.close());

  it("arrives as one `data: {\"error\": ...}` event, then the stream closes without [DONE]", async () => {
    const response = await post(`${stack.baseURL}/chat/completions`, chatBody("this stream breaks"));
    expect(response.status).toBe(200);
    const events = await parseEvents(response);
    const last = JSON.parse(events.at(-1)!.data) as { error: { message: string; type: string; code: string } };
    expect(last.error).toEqual({
      message: "The model stream failed while generating a response.",
      type: "server_error",
      param: null,
      code: "ModelStreamErrorException",
    });
    expect(events.some((e) => e.data === "[DONE]")).toBe(false);
    expect(events.length).toBeGreaterThan(1);
  });

  it("makes the openai client's stream throw an APIError", async () => {
    const client = new OpenAI({ apiKey: "x", baseURL: stack.baseURL, maxRetries: 0 });
    const stream = await client.chat.completions.create({ ...chatBody("this stream breaks"), stream: true });
    let content = "";
    const error = await (async () => {
      for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? "";
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as Error).message).toContain("The model stream failed");
    expect(content.length).toBeGreaterThan(0);
  });
});

describe("client disconnect", () => {
  let stack: Stack;
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  beforeAll(async () => {
    // After its first frame, the emulator waits on `gate` before each frame: the stream stays open until released.
    stack = await startStack(undefined, { emulator: { faults: "drip:1", sleep: () => gate } });
  });
  afterAll(async () => {
    release();
    await stack.close();
  });

  it("cancels the upstream Bedrock body, and the proxy keeps serving", async () => {
    const aborter = new AbortController();
    const response = await fetch(`${stack.baseURL}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(chatBody("a long answer I will not wait for")),
      signal: aborter.signal,
    });
    const reader = response.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toMatch(/^data: \{/);
    aborter.abort();
    // Resolves only when the emulator-side response body was cancelled.
    expect(await stack.upstream.cancelled).toMatch(/\/converse-stream$/);

    const next = await post(`${stack.baseURL}/chat/completions`, { model: "bedrock-claude-v1", messages: [{ role: "user", content: "still there?" }] });
    expect(next.status).toBe(200);
  });
});

describe("backpressure", () => {
  it("reads upstream frames only as the client reads events", async () => {
    let frames = 1; // the emulator "drips" before each frame after the first; count those waits
    const emulator = createEmulator({ faults: "drip:1", sleep: async () => void frames++ });
    const upstream = { url: "http://127.0.0.1:9" } as Upstream;
    const proxy = createProxy({ model_list: [{ model_name: "m", litellm_params: params(upstream, CHAT_MODEL) }] }, {
      env: ENV,
      fetch: async (input, init) => emulator(new Request(input, init)),
    });
    const response = await proxy(new Request("http://proxy/v1/chat/completions", {
      method: "POST",
      body: JSON.stringify({ model: "m", stream: true, messages: [{ role: "user", content: "one two three four five six seven eight nine ten eleven twelve" }] }),
    }));
    const reader = response.body!.getReader();
    await reader.read();
    const afterOne = frames;
    await reader.read();
    await reader.read();
    const afterThree = frames;
    let total = 3;
    while (!(await reader.read()).done) total++;
    expect(afterOne).toBeLessThanOrEqual(3);
    expect(afterThree).toBeLessThanOrEqual(afterOne + 3);
    expect(frames).toBeGreaterThan(afterThree + 3);
    expect(total).toBeGreaterThan(6);
  });
});
