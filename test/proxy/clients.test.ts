/**
 * The three clients of LiteLLM's Bedrock page ("OpenAI Proxy Usage": curl, the openai SDK, LangChain's ChatOpenAI)
 * against the proxy, served on loopback in front of the emulator, also on loopback.
 */
import { ChatOpenAI } from "@langchain/openai";
import { HumanMessage, SystemMessage } from "@langchain/core/messages";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { post, startStack, type Stack } from "./helpers";

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack.close());

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_current_weather",
    description: "Get the current weather in a given location",
    parameters: {
      type: "object",
      properties: {
        location: { type: "string", description: "The city and state, e.g. San Francisco, CA" },
        unit: { type: "string", enum: ["celsius", "fahrenheit"] },
      },
      required: ["location"],
    },
  },
};

describe("curl (raw HTTP)", () => {
  it("answers the page's request at /chat/completions without a key (no master_key set)", async () => {
    // curl --location 'http://0.0.0.0:4000/chat/completions' --header 'Content-Type: application/json' --data '...'
    const response = await post(`${stack.proxy.url}/chat/completions`, ` {
      "model": "bedrock-claude-v1",
      "messages": [
        {
          "role": "user",
          "content": "what llm are you"
        }
      ]
    }
`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    const body = (await response.json()) as OpenAI.ChatCompletion;
    expect(body.object).toBe("chat.completion");
    expect(body.choices[0]!.message.content).toContain("what llm are you");
    expect(body.choices[0]!.finish_reason).toBe("stop");
    expect(body.usage!.total_tokens).toBe(body.usage!.prompt_tokens + body.usage!.completion_tokens);
    expect(stack.upstream.requests.at(-1)!.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse");
  });
});

describe("openai npm client", () => {
  const client = () => new OpenAI({ apiKey: "anything", baseURL: stack.baseURL, maxRetries: 0 });

  it("chat", async () => {
    const response = await client().chat.completions.create({
      model: "bedrock-claude-v1",
      messages: [{ role: "user", content: "this is a test request, write a short poem" }],
    });
    expect(response.choices[0]!.message.role).toBe("assistant");
    expect(response.choices[0]!.message.content).toContain("this is a test request");
  });

  it("streaming, read by the SDK's own SSE reader", async () => {
    const stream = await client().chat.completions.create({
      model: "bedrock-claude-v1",
      messages: [{ role: "user", content: "stream a short poem" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = "";
    const finishes: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      text += chunk.choices[0]?.delta.content ?? "";
      const finish = chunk.choices[0]?.finish_reason;
      if (finish) finishes.push(finish);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toContain("stream a short poem");
    expect(finishes).toEqual(["stop"]);
    expect(usage!.completion_tokens).toBeGreaterThan(0);
    // ConverseStream upstream.
    expect(stack.upstream.requests.at(-1)!.path).toMatch(/\/converse-stream$/);
  });

  it("tools, with and without streaming", async () => {
    const messages = [{ role: "user" as const, content: "What's the weather like in Boston today?" }];
    const response = await client().chat.completions.create({ model: "bedrock-claude-v1", messages, tools: [weatherTool], tool_choice: "auto" });
    const call = response.choices[0]!.message.tool_calls![0]!;
    expect(response.choices[0]!.finish_reason).toBe("tool_calls");
    expect(call.type === "function" && call.function.name).toBe("get_current_weather");
    expect(JSON.parse(call.type === "function" ? call.function.arguments : "{}")).toHaveProperty("location");

    const stream = client().chat.completions.stream({ model: "bedrock-claude-v1", messages, tools: [weatherTool] });
    const final = await stream.finalChatCompletion();
    const streamed = final.choices[0]!.message.tool_calls![0]!;
    expect(streamed.type === "function" && streamed.function.name).toBe("get_current_weather");
    expect(JSON.parse(streamed.type === "function" ? streamed.function.arguments : "")).toHaveProperty("location");
  });

  it("embeddings (the SDK asks for base64 and decodes it)", async () => {
    const response = await client().embeddings.create({ model: "titan-embed", input: ["good morning from litellm", "hi"] });
    expect(response.data).toHaveLength(2);
    expect(response.data[0]!.embedding.length).toBeGreaterThan(100);
    expect(response.data[0]!.embedding.every((x) => Number.isFinite(x))).toBe(true);
    expect(response.data[1]!.index).toBe(1);
  });

  it("images", async () => {
    const response = await client().images.generate({ model: "sdxl", prompt: "A cute baby sea otter", size: "1024x1024" });
    const png = Buffer.from(response.data![0]!.b64_json!, "base64");
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  it("lists the models", async () => {
    const ids: string[] = [];
    for await (const model of client().models.list()) ids.push(model.id);
    expect(ids).toEqual(["bedrock-claude-v1", "titan-embed", "sdxl"]);
  });

  it("unknown model → the SDK's NotFoundError with OpenAI's error fields", async () => {
    const error = await client().chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi" }] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe("model_not_found");
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).param).toBe("model");
  });
});

describe("LangChain ChatOpenAI", () => {
  const chat = () =>
    new ChatOpenAI({ model: "bedrock-claude-v1", temperature: 0.1, apiKey: "anything", maxRetries: 0, configuration: { baseURL: stack.baseURL } });
  const messages = [
    new SystemMessage("You are a helpful assistant that im using to make a test request to."),
    new HumanMessage("test from litellm. tell me why it's amazing in 1 sentence"),
  ];

  it("invoke", async () => {
    const response = await chat().invoke(messages);
    expect(response.content).toContain("test from litellm");
    const sent = stack.upstream.requests.at(-1)!.body;
    expect(sent.system).toEqual([{ text: "You are a helpful assistant that im using to make a test request to." }]);
    expect(sent.inferenceConfig).toMatchObject({ temperature: 0.1 });
    // Nothing LangChain adds (n, stream_options, ...) leaks into the model body as a provider-specific field.
    expect(sent.additionalModelRequestFields).toBeUndefined();
  });

  it("stream", async () => {
    let text = "";
    let chunks = 0;
    for await (const chunk of await chat().stream(messages)) {
      text += typeof chunk.content === "string" ? chunk.content : "";
      chunks++;
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text).toContain("test from litellm");
  });
});
