/**
 * The Messages API ↔ Converse translation of the proxy's Anthropic routes: requests block by block, and recorded
 * Claude answers from Converse and ConverseStream (../shared/exchanges) played back through the proxy to Anthropic's
 * SDK, which must rebuild exactly what Bedrock said.
 */
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createBedrockEventDecoder } from "../../src/event-stream/index";
import type { RecordedExchange } from "../../src/emulator/index";
import { base64ToBytes } from "../../src/internal/base64";
import { converseInput } from "../../src/proxy/anthropic/converse-request";
import { checkMessagesRequest } from "../../src/proxy/anthropic/validate";
import { hasShared, loadExchange, streamBytes, suiteIf } from "../helpers/shared";
import { params, startStack, type Stack } from "./helpers";

const PDF = "JVBERi0xLjQKJcfsj6IK";
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

const translate = (body: Record<string, unknown>, provider = "amazon") =>
  converseInput(checkMessagesRequest({ model: "m", max_tokens: 100, ...body }, []), "amazon.nova-pro-v1:0", provider);

describe("Messages API request → Converse", () => {
  it("maps every content block, cache points and merged turns", () => {
    const input = translate({
      system: [{ type: "text", text: "Be exact.", cache_control: { type: "ephemeral" } }],
      temperature: 0.5,
      top_p: 0.9,
      stop_sequences: ["END"],
      messages: [
        { role: "user", content: [
          { type: "text", text: "Read these." },
          { type: "image", source: { type: "base64", media_type: "image/png", data: PNG } },
          { type: "document", title: "Q3 report.pdf", source: { type: "base64", media_type: "application/pdf", data: PDF } },
          { type: "document", source: { type: "text", media_type: "text/plain", data: "plain words" }, cache_control: { type: "ephemeral" } },
        ] },
        { role: "user", content: "And answer." },
        { role: "assistant", content: [
          { type: "thinking", thinking: "Let me look.", signature: "sig-1" },
          { type: "redacted_thinking", data: "EmwKAhgB" },
          { type: "tool_use", id: "toolu_1", name: "lookup", input: { q: "x" } },
        ] },
        { role: "user", content: [
          { type: "tool_result", tool_use_id: "toolu_1", content: [{ type: "text", text: "found" }, { type: "image", source: { type: "base64", media_type: "image/png", data: PNG } }] },
          { type: "tool_result", tool_use_id: "toolu_2", content: "timed out", is_error: true },
        ] },
      ],
      tools: [{ name: "lookup", description: "Looks up", input_schema: { type: "object" } }],
    });
    expect(input).toEqual({
      modelId: "amazon.nova-pro-v1:0",
      system: [{ text: "Be exact." }, { cachePoint: { type: "default" } }],
      inferenceConfig: { maxTokens: 100, temperature: 0.5, topP: 0.9, stopSequences: ["END"] },
      messages: [
        { role: "user", content: [
          { text: "Read these." },
          { image: { format: "png", source: { bytes: PNG } } },
          { document: { format: "pdf", name: "Q3 report-pdf", source: { bytes: PDF } } },
          { document: { format: "txt", name: "Document 2", source: { bytes: btoa("plain words") } } },
          { cachePoint: { type: "default" } },
          { text: "And answer." },
        ] },
        { role: "assistant", content: [
          { reasoningContent: { reasoningText: { text: "Let me look.", signature: "sig-1" } } },
          { reasoningContent: { redactedContent: btoa("EmwKAhgB") } },
          { toolUse: { toolUseId: "toolu_1", name: "lookup", input: { q: "x" } } },
        ] },
        { role: "user", content: [
          { toolResult: { toolUseId: "toolu_1", content: [{ text: "found" }, { image: { format: "png", source: { bytes: PNG } } }] } },
          { toolResult: { toolUseId: "toolu_2", content: [{ text: "timed out" }], status: "error" } },
        ] },
      ],
      toolConfig: { tools: [{ toolSpec: { name: "lookup", description: "Looks up", inputSchema: { json: { type: "object" } } } }] },
    });
  });

  it("tool choices: auto, any and a named tool; none leaves the tools out", () => {
    const tools = [{ name: "t", input_schema: { type: "object" } }];
    const messages = [{ role: "user", content: "hi" }];
    expect(translate({ tools, messages, tool_choice: { type: "auto" } }).toolConfig).toMatchObject({ toolChoice: { auto: {} } });
    expect(translate({ tools, messages, tool_choice: { type: "any" } }).toolConfig).toMatchObject({ toolChoice: { any: {} } });
    expect(translate({ tools, messages, tool_choice: { type: "tool", name: "t", disable_parallel_tool_use: true } }).toolConfig).toMatchObject({ toolChoice: { tool: { name: "t" } } });
    expect(translate({ tools, messages, tool_choice: { type: "none" } }).toolConfig).toBeUndefined();
  });

  it("top_k and thinking in each provider's fields", () => {
    const messages = [{ role: "user", content: "hi" }];
    expect(translate({ messages, top_k: 5 }, "amazon").additionalModelRequestFields).toEqual({ inferenceConfig: { topK: 5 } });
    expect(translate({ messages, top_k: 5, thinking: { type: "enabled", budget_tokens: 2048 } }, "anthropic").additionalModelRequestFields)
      .toEqual({ top_k: 5, thinking: { type: "enabled", budget_tokens: 2048 } });
    expect(translate({ messages, thinking: { type: "enabled", budget_tokens: 16000 } }, "amazon").additionalModelRequestFields)
      .toEqual({ reasoningConfig: { type: "enabled", maxReasoningEffort: "high" } });
  });

  it("refuses what Converse cannot carry, naming the field", () => {
    const messages = [{ role: "user", content: "hi" }];
    expect(() => translate({ messages, tools: [{ type: "bash_20250124", name: "bash" }] })).toThrow(/`tools\[0\]\.type`: `bash_20250124` is an Anthropic tool for Claude models only/);
    expect(() => translate({ messages, output_format: { type: "json_schema" } })).toThrow(/`output_format`: is taken by Claude models only/);
    expect(() => translate({ messages: [{ role: "user", content: [{ type: "document", source: { type: "content", content: "x" } }] }] }))
      .toThrow(/`messages\[0\]\.content\[0\]\.source\.type`/);
    const history = [
      { role: "user", content: "hi" },
      { role: "assistant", content: [{ type: "tool_use", id: "a", name: "t", input: {} }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "a", content: "ok" }] },
    ];
    expect(() => translate({ messages: history, tools: [{ name: "t", input_schema: {} }], tool_choice: { type: "none" } })).toThrow(/`tool_choice\.type`/);
  });
});

/** The recorded ConverseStream events of an exchange, as `{ type, data }`. */
function recordedEvents(file: string): Array<{ type: string; data: Record<string, unknown> }> {
  const events: Array<{ type: string; data: Record<string, unknown> }> = [];
  const decoder = createBedrockEventDecoder({ onEvent: (event) => events.push(event as { type: string; data: Record<string, unknown> }) });
  decoder.feed(streamBytes(loadExchange(file)));
  decoder.end();
  return events;
}

suiteIf(hasShared)("recorded Claude answers over Converse, through the proxy to Anthropic's SDK", () => {
  const STREAM = "anthropic/converse-stream/pydantic-ai--test_bedrock_model_thinking_part_stream__0.json";
  const REDACTED_STREAM = "anthropic/converse-stream/pydantic-ai--test_bedrock_model_thinking_part_redacted_stream__0.json";
  const REDACTED = "anthropic/converse/pydantic-ai--test_bedrock_model_thinking_part_redacted__0.json";
  const TOOL_STREAM = "anthropic/converse-stream/openllmetry--test_anthropic_converse_stream_with_tool_use__0.json";
  let stack: Stack;
  beforeAll(async () => {
    const replay = [STREAM, REDACTED_STREAM, REDACTED, TOOL_STREAM].map((file) => loadExchange(file) as unknown as RecordedExchange);
    stack = await startStack((u) => ({
      model_list: [
        // `converse/` sends Claude over Converse rather than InvokeModel.
        { model_name: "sonnet-4", litellm_params: params(u, "bedrock/converse/us.anthropic.claude-sonnet-4-20250514-v1:0") },
        { model_name: "sonnet-37", litellm_params: params(u, "bedrock/converse/us.anthropic.claude-3-7-sonnet-20250219-v1:0") },
        { model_name: "sonnet-3", litellm_params: params(u, "bedrock/converse/anthropic.claude-3-sonnet-20240229-v1:0") },
      ],
    }), { emulator: { replay } });
  });
  afterAll(() => stack.close());
  const sdk = () => new Anthropic({ apiKey: "any", baseURL: stack.proxy.url, maxRetries: 0 });
  const ask = (model: string) => ({ model, max_tokens: 2048, messages: [{ role: "user" as const, content: "Hello" }] });
  const deltas = (events: ReturnType<typeof recordedEvents>, pick: (delta: Record<string, unknown>) => unknown) =>
    events.flatMap((e) => (e.type === "contentBlockDelta" ? [pick(e.data.delta as Record<string, unknown>)] : [])).filter((v): v is string => typeof v === "string");

  it("a thinking stream: the thinking text, its signature, the answer and the usage", async () => {
    const events = recordedEvents(STREAM);
    const message = await sdk().messages.stream(ask("sonnet-4")).finalMessage();
    expect(stack.upstream.requests.at(-1)!.path).toBe("/model/us.anthropic.claude-sonnet-4-20250514-v1%3A0/converse-stream");
    expect(message.content).toEqual([
      { type: "thinking", thinking: deltas(events, (d) => (d.reasoningContent as { text?: string } | undefined)?.text).join(""),
        signature: deltas(events, (d) => (d.reasoningContent as { signature?: string } | undefined)?.signature).join("") },
      { type: "text", text: deltas(events, (d) => d.text).join("") },
    ]);
    expect(message.stop_reason).toBe("end_turn");
    expect(message.usage).toEqual({ input_tokens: 36, output_tokens: 73 });
  });

  it("redacted thinking, whole and streamed: Claude's data, decoded from Converse's blob", async () => {
    const whole = await sdk().messages.create(ask("sonnet-37"));
    const recorded = loadExchange(REDACTED).response.body as { output: { message: { content: Array<Record<string, { redactedContent?: string }>> } } };
    const blob = recorded.output.message.content[0]!.reasoningContent!.redactedContent!;
    expect(whole.content[0]).toEqual({ type: "redacted_thinking", data: new TextDecoder().decode(base64ToBytes(blob)) });
    expect(whole.content.at(-1)!.type).toBe("text");

    const streamed = await sdk().messages.stream(ask("sonnet-37")).finalMessage();
    const events = recordedEvents(REDACTED_STREAM);
    const blobs = deltas(events, (d) => (d.reasoningContent as { redactedContent?: string } | undefined)?.redactedContent);
    expect(streamed.content.map((b) => b.type)).toEqual(["redacted_thinking", "redacted_thinking", "text"]);
    expect(streamed.content.slice(0, 2)).toEqual(blobs.map((b) => ({ type: "redacted_thinking", data: new TextDecoder().decode(base64ToBytes(b)) })));
    expect((streamed.content[2] as Anthropic.TextBlock).text).toBe(deltas(events, (d) => d.text).join(""));
  });

  it("a tool-use stream: text, then the tool call with its arguments", async () => {
    const message = await sdk().messages.stream({ ...ask("sonnet-3"), tools: [{ name: "get_weather", input_schema: { type: "object" } }] }).finalMessage();
    expect(message.stop_reason).toBe("tool_use");
    expect(message.content[0]).toEqual({ type: "text", text: "Okay, let me check the weather for Barcelona using the available tool:" });
    expect(message.content[1]).toMatchObject({ type: "tool_use", name: "get_weather", input: { location: "Barcelona" } });
    expect((message.content[1] as Anthropic.ToolUseBlock).id).toMatch(/^tooluse_/);
  });
});
