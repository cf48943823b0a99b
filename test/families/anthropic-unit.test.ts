/**
 * Unit checks for the Claude mappers and the Converse builder: prompt layout as LiteLLM's Bedrock page shows it,
 * pre-fill, typed errors for bad input, cache_control, tool_choice and response_format.
 */
import { describe, expect, it } from "vitest";
import { anthropicMessages } from "../../src/families/anthropic-messages";
import { anthropicText } from "../../src/families/anthropic-text";
import { buildConverseRequest, parseConverseResponse } from "../../src/families/converse";
import type { MapperOptions } from "../../src/families/types";
import type { ChatCompletionCreateParamsBase } from "../../src/api/chat-types";

const claude2: MapperOptions = { modelId: "anthropic.claude-v2:1", dropParams: false, stream: false };
const claude3: MapperOptions = { modelId: "anthropic.claude-3-haiku-20240307-v1:0", dropParams: false, stream: false };
const nova: MapperOptions = { modelId: "us.amazon.nova-lite-v1:0", dropParams: false, stream: false };
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";
const params = (p: Partial<ChatCompletionCreateParamsBase>): ChatCompletionCreateParamsBase => ({ model: "m", messages: [{ role: "user", content: "hi" }], ...p });
const configError = (field: string) => expect.objectContaining({ name: "ConfigurationError", field });
const weather = { type: "function" as const, function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };

describe("Claude text completions (LiteLLM Bedrock page)", () => {
  it("puts a Claude 2.1 system prompt first, exactly as the page shows", () => {
    const body = anthropicText.buildRequest(
      params({ messages: [{ role: "system", content: "You are a snarky assistant." }, { role: "user", content: "How do I boil water?" }] }),
      claude2,
    );
    expect(body.prompt).toBe("You are a snarky assistant.\n\nHuman: How do I boil water?\n\nAssistant:");
  });

  it("writes a pre-fill after `Assistant:`, exactly as the page shows", () => {
    const user = 'How do you say \'Hello\' in German? Return your answer as a JSON object, like this:\n\n{ "Hello": "Hallo" }';
    const body = anthropicText.buildRequest(params({ messages: [{ role: "user", content: user }, { role: "assistant", content: "{" }] }), claude2);
    expect(body.prompt).toBe(`\n\nHuman: ${user}\n\nAssistant: {`);
  });

  it("refuses images and tools with typed errors", () => {
    const image = params({ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: `data:image/png;base64,${PNG}` } }] }] });
    expect(() => anthropicText.buildRequest(image, claude2)).toThrowError(configError("messages[0].content[0]"));
    expect(() => anthropicText.buildRequest(params({ tools: [weather] }), claude2)).toThrowError(configError("tools"));
    expect(anthropicText.buildRequest(params({ tools: [weather] }), { ...claude2, dropParams: true })).not.toHaveProperty("tools");
  });
});

describe("Claude Messages API", () => {
  it("keeps a final assistant message as pre-fill and returns only the continuation", () => {
    const body = anthropicMessages.buildRequest(params({ messages: [{ role: "user", content: "JSON please" }, { role: "assistant", content: "{ " }] }), claude3);
    expect(body.messages).toEqual([{ role: "user", content: "JSON please" }, { role: "assistant", content: "{" }]);
    expect(body.max_tokens).toBe(4096);
    const answer = anthropicMessages.parseResponse(
      { content: [{ type: "text", text: '"Hello": "Hallo" }' }], stop_reason: "end_turn", usage: { input_tokens: 5, output_tokens: 7 } },
      claude3,
    );
    expect(answer.content).toBe('"Hello": "Hallo" }');
  });

  it("rejects an image that is not an image, naming the message and part", () => {
    const notImage = params({ messages: [{ role: "user", content: "a" }, { role: "assistant", content: "b" }, { role: "user", content: [{ type: "text", text: "look" }, { type: "image_url", image_url: { url: `data:image/png;base64,${btoa("%PDF-1.4 not an image")}` } }] }] });
    expect(() => anthropicMessages.buildRequest(notImage, claude3)).toThrowError(configError("messages[2].content[1].image_url.url"));
    expect(() => buildConverseRequest(notImage, claude3)).toThrowError(configError("messages[2].content[1].image_url.url"));
  });

  it("rejects a malformed tool schema and n > 1 (unless drop_params)", () => {
    const bad = params({ tools: [{ type: "function", function: { name: "x", parameters: { type: "array" } } }] });
    expect(() => anthropicMessages.buildRequest(bad, claude3)).toThrowError(configError("tools[0].function.parameters"));
    expect(() => buildConverseRequest(bad, claude3)).toThrowError(configError("tools[0].function.parameters"));
    const badName = params({ tools: [{ type: "function", function: { name: "has space" } }] });
    expect(() => buildConverseRequest(badName, claude3)).toThrowError(configError("tools[0].function.name"));
    expect(() => anthropicMessages.buildRequest(params({ n: 2 }), claude3)).toThrowError(expect.objectContaining({ field: "n", message: expect.stringContaining("drop_params: true") }));
    expect(() => buildConverseRequest(params({ n: 2 }), claude3)).toThrowError(configError("n"));
    expect(buildConverseRequest(params({ n: 2 }), { ...claude3, dropParams: true })).not.toHaveProperty("n");
  });

  it("maps tool_choice variants", () => {
    const choice = (tool_choice: ChatCompletionCreateParamsBase["tool_choice"] | undefined, extra: Partial<ChatCompletionCreateParamsBase> = {}) =>
      anthropicMessages.buildRequest(params({ tools: [weather], ...(tool_choice === undefined ? {} : { tool_choice }), ...extra }), claude3).tool_choice;
    expect(choice("auto")).toEqual({ type: "auto" });
    expect(choice("required")).toEqual({ type: "any" });
    expect(choice("none")).toEqual({ type: "none" });
    expect(choice({ type: "function", function: { name: "get_weather" } })).toEqual({ type: "tool", name: "get_weather" });
    expect(choice(undefined, { parallel_tool_calls: false })).toEqual({ type: "auto", disable_parallel_tool_use: true });
    expect(() => choice({ type: "function", function: { name: "nope" } })).toThrowError(configError("tool_choice"));
  });

  it("passes cache_control through on blocks, system and tools", () => {
    const body = anthropicMessages.buildRequest(
      params({
        messages: [
          { role: "system", content: [{ type: "text", text: "long system", cache_control: { type: "ephemeral" } }] },
          { role: "user", content: [{ type: "text", text: "q", cache_control: { type: "ephemeral" } }] },
        ],
        tools: [{ ...weather, cache_control: { type: "ephemeral" } }],
      }),
      claude3,
    );
    expect(body.system).toEqual([{ type: "text", text: "long system", cache_control: { type: "ephemeral" } }]);
    expect(body.messages).toEqual([{ role: "user", content: [{ type: "text", text: "q", cache_control: { type: "ephemeral" } }] }]);
    expect((body.tools as any[])[0]).toMatchObject({ name: "get_weather", cache_control: { type: "ephemeral" } });
  });
});

describe("Converse builder", () => {
  it("turns cache_control into cachePoint blocks after the marked block, in system, messages and tools", () => {
    const body = buildConverseRequest(
      params({
        messages: [
          { role: "system", content: [{ type: "text", text: "sys", cache_control: { type: "ephemeral" } }] },
          { role: "user", content: [{ type: "text", text: "doc", cache_control: { type: "ephemeral" } }, { type: "text", text: "q" }] },
        ],
        tools: [{ ...weather, cache_control: { type: "ephemeral" } }],
      }),
      claude3,
    );
    expect(body.system).toEqual([{ text: "sys" }, { cachePoint: { type: "default" } }]);
    expect(body.messages).toEqual([{ role: "user", content: [{ text: "doc" }, { cachePoint: { type: "default" } }, { text: "q" }] }]);
    expect((body.toolConfig as any).tools).toEqual([
      { toolSpec: { name: "get_weather", inputSchema: { json: weather.function.parameters } } },
      { cachePoint: { type: "default" } },
    ]);
  });

  it("maps tool_choice variants and tool messages", () => {
    const tc = (tool_choice: NonNullable<ChatCompletionCreateParamsBase["tool_choice"]>) => (buildConverseRequest(params({ tools: [weather], tool_choice }), claude3).toolConfig as any)?.toolChoice;
    expect(tc("auto")).toEqual({ auto: {} });
    expect(tc("required")).toEqual({ any: {} });
    expect(tc({ type: "function", function: { name: "get_weather" } })).toEqual({ tool: { name: "get_weather" } });
    expect(buildConverseRequest(params({ tools: [weather], tool_choice: "none" }), claude3)).not.toHaveProperty("toolConfig");
    const body = buildConverseRequest(
      params({
        tools: [weather],
        messages: [
          { role: "user", content: "weather in Paris and Rome?" },
          { role: "assistant", content: null, tool_calls: [{ id: "a", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }, { id: "b", type: "function", function: { name: "get_weather", arguments: '{"city":"Rome"}' } }] },
          { role: "tool", tool_call_id: "a", content: "sunny" },
          { role: "tool", tool_call_id: "b", content: "rain" },
        ],
      }),
      claude3,
    );
    expect((body.messages as any[])[2]).toEqual({ role: "user", content: [{ toolResult: { toolUseId: "a", content: [{ text: "sunny" }] } }, { toolResult: { toolUseId: "b", content: [{ text: "rain" }] } }] });
  });

  it("puts top_k where each family reads it, and reasoning_effort as Claude thinking", () => {
    expect(buildConverseRequest(params({ top_k: 5 }), claude3).additionalModelRequestFields).toEqual({ top_k: 5 });
    expect(buildConverseRequest(params({ top_k: 5 }), nova).additionalModelRequestFields).toEqual({ inferenceConfig: { topK: 5 } });
    expect(buildConverseRequest(params({ reasoning_effort: "low" }), claude3).additionalModelRequestFields).toEqual({ thinking: { type: "enabled", budget_tokens: 1024 } });
  });

  it("sends images by their real format and json_object as a forced tool whose input becomes the content", () => {
    const body = buildConverseRequest(params({ messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: `data:image/jpeg;base64,${PNG}` } }] }] }), claude3);
    expect(body.messages).toEqual([{ role: "user", content: [{ image: { format: "png", source: { bytes: PNG } } }] }]);
    const json = buildConverseRequest(params({ response_format: { type: "json_object" } }), claude3);
    expect((json.toolConfig as any).toolChoice).toEqual({ tool: { name: "json_tool_call" } });
    const answer = parseConverseResponse({ output: { message: { role: "assistant", content: [{ toolUse: { toolUseId: "t", name: "json_tool_call", input: { a: 1 } } }] } }, stopReason: "tool_use", usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } });
    expect(answer).toMatchObject({ content: '{"a":1}', finish_reason: "stop" });
    expect(answer.tool_calls).toBeUndefined();
  });
});
