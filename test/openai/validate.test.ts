/**
 * The structural check of chat params: each malformed value is a ConfigurationError whose `field` is its JSON path
 * and whose message says what is expected there, thrown before any download or request (the injected fetch is
 * never called), on the Converse route and on the family's native body alike. Well-formed params still reach Bedrock.
 */
import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import { ConfigurationError } from "../../src/errors";
import type { ChatCompletionCreateParams } from "../../src/api/chat-types";

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const ROUTES = [`bedrock/${HAIKU}`, `bedrock/invoke/${HAIKU}`, "bedrock/invoke/amazon.nova-lite-v1:0", "bedrock/invoke/meta.llama3-8b-instruct-v1:0", "bedrock/invoke/cohere.command-r-v1:0"];
const HELLO = { role: "user", content: "Hello" };

function client() {
  let calls = 0;
  const fetch = (async () => {
    calls++;
    throw new Error("no request may be sent");
  }) as typeof globalThis.fetch;
  const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_CREDENTIALS, fetch, maxRetries: 0 });
  return { bedrock, calls: () => calls };
}

async function rejection(promise: Promise<unknown>): Promise<ConfigurationError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigurationError);
  return error as ConfigurationError;
}

async function expectRefused(params: Record<string, unknown>, field: string, expected: RegExp, routes = ROUTES): Promise<void> {
  for (const model of routes) {
    const { bedrock, calls } = client();
    for (const stream of [false, true]) {
      const error = await rejection(bedrock.completion({ model, stream, ...params } as unknown as ChatCompletionCreateParams));
      expect({ model, field: error.field }).toEqual({ model, field });
      expect(error.message).toMatch(expected);
    }
    expect(calls()).toBe(0);
  }
}

describe("malformed chat params are a ConfigurationError naming the JSON path, before any request", () => {
  it("a null message", async () => {
    await expectRefused({ messages: [null] }, "messages[0]", /^`messages\[0\]` must be an object; got null\.$/);
    await expectRefused({ messages: [HELLO, 42] }, "messages[1]", /must be an object; got 42/);
  });

  it("tools that are not an array, on every route", async () => {
    await expectRefused({ messages: [HELLO], tools: "x" }, "tools", /^`tools` must be an array; got a string\.$/);
    await expectRefused({ messages: [HELLO], tools: { type: "function" } }, "tools", /must be an array; got an object/);
  });

  it("thinking_blocks that are not an array", async () => {
    const messages = [HELLO, { role: "assistant", content: "Hi.", thinking_blocks: {} }, HELLO];
    await expectRefused({ messages }, "messages[1].thinking_blocks", /must be an array; got an object/);
  });

  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["a message without a role", { messages: [{ content: "hi" }] }, "messages[0].role", /must be one of "system", "developer", "user", "assistant", "tool"; got nothing/],
    ["an unknown role", { messages: [{ role: "bot", content: "hi" }] }, "messages[0].role", /must be one of "system"/],
    ["content that is a number", { messages: [{ role: "user", content: 42 }] }, "messages[0].content", /must be a string or an array of content parts; got 42/],
    ["a null content part", { messages: [{ role: "user", content: [{ type: "text", text: "a" }, null] }] }, "messages[0].content[1]", /must be an object; got null/],
    ["a part of no known type", { messages: [{ role: "user", content: [{ type: "audio" }] }] }, "messages[0].content[0].type", /must be one of "text", "image_url", "file"/],
    ["a text part without text", { messages: [{ role: "user", content: [{ type: "text" }] }] }, "messages[0].content[0].text", /must be a string; got nothing/],
    [
      "an image URL that is not a string",
      { messages: [HELLO, { role: "assistant", content: "?" }, { role: "user", content: [{ type: "text", text: "a" }, { type: "text", text: "b" }, { type: "image_url", image_url: { url: 7 } }] }] },
      "messages[2].content[2].image_url.url",
      /must be a string; got 7/,
    ],
    ["a file name that is not a string", { messages: [{ role: "user", content: [{ type: "file", file: { file_data: "data:application/pdf;base64,JVBERi0xLjQK", filename: 5 } }] }] }, "messages[0].content[0].file.filename", /must be a string; got 5/],
    ["a tool call without its function", { messages: [HELLO, { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function" }] }] }, "messages[1].tool_calls[0].function", /must be an object; got nothing/],
    ["a tool call whose arguments are an object", { messages: [HELLO, { role: "assistant", tool_calls: [{ id: "c1", type: "function", function: { name: "f", arguments: {} } }] }] }, "messages[1].tool_calls[0].function.arguments", /must be a string; got an object/],
    [
      "a thinking block whose signature is a number",
      { messages: [HELLO, { role: "assistant", content: "a" }, HELLO, { role: "assistant", content: "b", thinking_blocks: [{ type: "thinking", thinking: "hm", signature: 1 }] }, HELLO] },
      "messages[3].thinking_blocks[0].signature",
      /must be a string; got 1/,
    ],
    ["a redacted thinking block without data", { messages: [HELLO, { role: "assistant", content: "b", thinking_blocks: [{ type: "redacted_thinking" }] }, HELLO] }, "messages[1].thinking_blocks[0].data", /must be a string; got nothing/],
    ["a tool that is null", { messages: [HELLO], tools: [null] }, "tools[0]", /must be an object; got null/],
    ["a tool_choice naming no function", { messages: [HELLO], tools: [{ type: "function", function: { name: "f" } }], tool_choice: { type: "function", function: {} } }, "tool_choice.function.name", /must be a string; got nothing/],
    ["an unknown tool_choice string", { messages: [HELLO], tool_choice: "always" }, "tool_choice", /must be one of "none", "auto", "required"/],
    ["a stop list holding a number", { messages: [HELLO], stop: ["END", 5] }, "stop[1]", /must be a string; got 5/],
    ["a temperature that is a string", { messages: [HELLO], temperature: "hot" }, "temperature", /must be a finite number; got a string/],
    ["max_tokens that is a fraction", { messages: [HELLO], max_tokens: 1.5 }, "max_tokens", /must be an integer; got 1\.5/],
    ["stream that is a string", { messages: [HELLO], stream: "yes" }, "stream", /must be true or false; got a string/],
    ["stream_options.include_usage that is a string", { messages: [HELLO], stream_options: { include_usage: "yes" } }, "stream_options.include_usage", /must be true or false/],
    ["a response_format of null", { messages: [HELLO], response_format: null }, "response_format", /must be an object; got null/],
    ["a json_schema whose name is a number", { messages: [HELLO], response_format: { type: "json_schema", json_schema: { name: 1, schema: {} } } }, "response_format.json_schema.name", /must be a string; got 1/],
    ["an unknown response_format type", { messages: [HELLO], response_format: { type: "xml" } }, "response_format.type", /must be one of "text", "json_object", "json_schema"/],
    ["reasoning_effort that is a number", { messages: [HELLO], reasoning_effort: 3 }, "reasoning_effort", /must be a string; got 3/],
    ["thinking with a string budget", { messages: [HELLO], thinking: { type: "enabled", budget_tokens: "many" } }, "thinking.budget_tokens", /must be an integer/],
    ["a guardrailConfig without its identifier", { messages: [HELLO], guardrailConfig: { guardrailVersion: "1" } }, "guardrailConfig.guardrailIdentifier", /must be a string; got nothing/],
    ["tools that are null", { messages: [HELLO], tools: null }, "tools", /must be an array; got null/],
  ];

  it.each(cases)("%s", async (_name, params, field, expected) => {
    await expectRefused(params, field, expected);
  });

  it("a tool name that is not a string, on the routes with tool use (the others refuse `tools` as such)", async () => {
    const tools = [{ type: "function", function: { name: 3 } }];
    await expectRefused({ messages: [HELLO], tools }, "tools[0].function.name", /must be 1–64 letters, digits/, ROUTES.filter((m) => !/llama/.test(m)));
  });

  it("strings in a message are never echoed in the error", async () => {
    const { bedrock } = client();
    const secret = "sk-live-do-not-echo-me";
    const error = await rejection(bedrock.completion({ model: `bedrock/${HAIKU}`, messages: [{ role: secret, content: "hi" }] } as never));
    expect(error.message).not.toContain(secret);
  });
});

describe("embedding and image params are checked the same way", () => {
  const embeddings: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["dimensions as a string", { model: "bedrock/amazon.titan-embed-text-v2:0", input: "hi", dimensions: "256" }, "dimensions", /must be an integer; got a string/],
    ["a user that is a number", { model: "bedrock/amazon.titan-embed-text-v2:0", input: "hi", user: 5 }, "user", /must be a string; got 5/],
  ];
  it.each(embeddings)("embedding: %s", async (_name, params, field, expected) => {
    const { bedrock, calls } = client();
    const error = await rejection(bedrock.embedding(params as never));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(expected);
    expect(calls()).toBe(0);
  });

  const images: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ["a negative_prompt that is a number (named as itself, not as prompt)", { model: "bedrock/amazon.titan-image-generator-v2:0", prompt: "otter", negative_prompt: 5 }, "negative_prompt", /must be a string; got 5/],
    ["a size that is a number", { model: "bedrock/stability.stable-diffusion-xl-v1", prompt: "otter", size: 1024 }, "size", /must be a string; got 1024/],
    ["a style that is an array", { model: "bedrock/amazon.nova-canvas-v1:0", prompt: "otter", style: ["PHOTOREALISM"] }, "style", /must be a string; got an array/],
  ];
  it.each(images)("image: %s", async (_name, params, field, expected) => {
    const { bedrock, calls } = client();
    const error = await rejection(bedrock.imageGeneration(params as never));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(expected);
    expect(calls()).toBe(0);
  });
});

describe("well-formed params still reach Bedrock", () => {
  it("every optional field at its documented type, on Converse and on the native Claude body", async () => {
    const emulator = createEmulator();
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => emulator(new Request(input, init))) as typeof globalThis.fetch;
    const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_CREDENTIALS, fetch });
    // Extended thinking needs a model that has it (Claude 3.7 Sonnet; Claude 3 Haiku refuses `thinking`).
    const thinker = "anthropic.claude-3-7-sonnet-20250219-v1:0";
    for (const model of [`bedrock/${thinker}`, `bedrock/invoke/${thinker}`]) {
      const answer = await bedrock.completion({
        model,
        messages: [
          { role: "system", content: [{ type: "text", text: "Be brief.", cache_control: { type: "ephemeral" } }] },
          { role: "user", content: "Look it up." },
          { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":"otter"}' } }] },
          { role: "tool", tool_call_id: "c1", content: "An otter." },
          { role: "assistant", content: "An otter.", thinking_blocks: [{ type: "thinking", thinking: "Hm.", signature: "c2ln" }, { type: "redacted_thinking", data: "ZGF0YQ==" }] },
          { role: "user", content: "Thanks." },
        ],
        tools: [{ type: "function", function: { name: "lookup", description: "Looks up.", parameters: { type: "object" }, strict: true } }],
        tool_choice: "auto",
        temperature: 0.3,
        top_p: null,
        max_tokens: 50,
        stop: null,
        stream_options: null,
        thinking: { type: "enabled", budget_tokens: 1024 },
        user: "u1",
      });
      expect(answer.object).toBe("chat.completion");
    }
  });
});
