import { describe, expect, it } from "vitest";
import { nova } from "../../src/families/nova";
import type { ChatCompletionMessageParam, ChatCompletionTool } from "../../src/api/chat-types";
import { hasShared } from "../helpers/shared";
import { type AllowedDiff, checkRoundTrip, chunkEvents, headerCounts, invokeExchanges, optionsFor, runStream } from "./native-helpers";

type Block = Record<string, any>;
// Nova's invoke folder also holds Nova multimodal-embedding recordings; only chat bodies are this family's.
const recordings = invokeExchanges("amazon-nova").filter((e) => Array.isArray((e.request.body as Block).messages) || "inputText" in (e.request.body as Block));
const ok = recordings.filter((e) => e.response.status === 200);
const options = { modelId: "amazon.nova-lite-v1:0", dropParams: false, stream: false };
const FINISH: Record<string, string> = { end_turn: "stop", max_tokens: "length", tool_use: "tool_calls", stop_sequence: "stop", content_filtered: "content_filter" };

const ALLOW: AllowedDiff[] = [
  ...["dd-trace-js", "openinference-js--should-handle-amazon-nova", "openllmetry--test_nova_cross_region"].map((file) => ({
    file,
    path: "schemaVersion",
    reason: "recorder left out the optional schemaVersion; we always send messages-v1",
  })),
  ...["otel-py-contrib", "openinference-js--should-handle-amazon-nova-streaming"].flatMap((file) => [
    { file, path: "inferenceConfig.maxTokens", reason: "recorder used the snake_case alias max_new_tokens; we send maxTokens (the schema's name)" },
    { file, path: "inferenceConfig.max_new_tokens", reason: "same field as above, under the alias" },
  ]),
  ...["with_content_tool_call-amazon.nova__1", "no_content_tool_call-amazon.nova-8c31983d__1", "with_content_tool_call-amazon.nova-4ca89375__1"].flatMap((file) =>
    [0, 1].flatMap((i) => [
      { file, path: `messages[2].content[${i}].toolResult.content[0].text`, reason: "an OpenAI tool message is a string: sent as a text block (Converse mapper's choice) where the recorder sent a json block" },
      { file, path: `messages[2].content[${i}].toolResult.content[0].json`, reason: "same block as above" },
    ]),
  ),
  ...["inputText", "messages", "schemaVersion", "inferenceConfig.max_new_tokens", "inferenceConfig.maxTokens", "inferenceConfig.top_p", "inferenceConfig.topP"].map((path) => ({
    file: "otel-js-contrib--bedrock-invokemodel-adds-amazon-nova",
    path,
    reason: "the recorder sent a Titan-style inputText body (not Nova's schema) with snake_case config; we send messages",
  })),
  ...["schemaVersion", "inferenceConfig.max_new_tokens", "inferenceConfig.maxTokens", "inferenceConfig.top_p", "inferenceConfig.topP"].map((path) => ({
    file: "otel-js-contrib--bedrock--nova-model-attributes-to-span",
    path,
    reason: "recorder sent snake_case max_new_tokens/top_p without schemaVersion; we send the schema's maxTokens/topP and messages-v1",
  })),
];

/** The OpenAI input a chat caller would write for a recorded Nova body (independent of the mapper). */
function openAIInput(body: Block): Record<string, unknown> {
  const messages: ChatCompletionMessageParam[] = [];
  for (const s of body.system ?? []) messages.push({ role: "system", content: s.text });
  if (typeof body.inputText === "string") messages.push({ role: "user", content: body.inputText });
  for (const m of body.messages ?? []) {
    const text = m.content.filter((b: Block) => "text" in b).map((b: Block) => b.text).join("");
    if (m.role === "assistant") {
      const calls = m.content.filter((b: Block) => "toolUse" in b).map((b: Block) => ({ id: b.toolUse.toolUseId, type: "function", function: { name: b.toolUse.name, arguments: JSON.stringify(b.toolUse.input) } }));
      messages.push({ role: "assistant", content: text, ...(calls.length > 0 && { tool_calls: calls }) });
    } else if (m.content.some((b: Block) => "toolResult" in b)) {
      for (const b of m.content) messages.push({ role: "tool", tool_call_id: b.toolResult.toolUseId, content: JSON.stringify(b.toolResult.content[0].json) });
    } else messages.push({ role: "user", content: text });
  }
  const c = body.inferenceConfig ?? {};
  const tools: ChatCompletionTool[] | undefined = body.toolConfig?.tools.map((t: Block) => ({
    type: "function",
    function: { name: t.toolSpec.name, description: t.toolSpec.description, parameters: t.toolSpec.inputSchema.json },
  }));
  const maxTokens = c.maxTokens ?? c.max_new_tokens;
  const topP = c.topP ?? c.top_p;
  return {
    model: "amazon.nova-lite-v1:0",
    messages,
    ...(maxTokens !== undefined && { max_tokens: maxTokens }),
    ...(c.temperature !== undefined && { temperature: c.temperature }),
    ...(topP !== undefined && { top_p: topP }),
    ...(c.topK !== undefined && { top_k: c.topK }),
    ...(c.stopSequences !== undefined && { stop: c.stopSequences }),
    ...(tools !== undefined && { tools }),
  };
}

describe.skipIf(!hasShared)("nova mapper over the recorded exchanges", () => {
  it("has recordings to check", () => {
    expect(ok.length).toBe(20);
  });

  for (const exchange of ok.filter((e) => e.operation === "invoke")) {
    it(`parses ${exchange.file}`, () => {
      const body = exchange.response.body as Block;
      const blocks: Block[] = body.output.message.content;
      const result = nova.parseResponse(body, optionsFor(exchange));
      const texts = blocks.filter((b) => typeof b.text === "string").map((b) => b.text);
      expect(result.content).toBe(texts.length > 0 ? texts.join("") : null);
      const uses = blocks.filter((b) => b.toolUse).map((b) => b.toolUse);
      expect(result.tool_calls ?? []).toEqual(uses.map((u) => ({ id: u.toolUseId, type: "function", function: { name: u.name, arguments: JSON.stringify(u.input) } })));
      expect(result.finish_reason).toBe(FINISH[body.stopReason]);
      expect(result.usage).toMatchObject({ prompt_tokens: body.usage.inputTokens, completion_tokens: body.usage.outputTokens, total_tokens: body.usage.totalTokens ?? body.usage.inputTokens + body.usage.outputTokens });
      const counts = headerCounts(exchange);
      if (counts) expect([result.usage.prompt_tokens, result.usage.completion_tokens]).toEqual([counts.inputTokenCount, counts.outputTokenCount]);
    });
  }

  for (const exchange of ok.filter((e) => e.operation === "invoke-with-response-stream")) {
    it(`streams ${exchange.file}`, () => {
      const events = chunkEvents(exchange) as Block[];
      const out = runStream(nova, events, optionsFor(exchange));
      expect(out.roleFirst).toBe(true);
      expect(out.content).toBe(events.filter((e) => typeof e.contentBlockDelta?.delta?.text === "string").map((e) => e.contentBlockDelta.delta.text).join(""));
      // Tool calls: one per contentBlockStart with toolUse, arguments = the concatenated input deltas of that block.
      const starts = events.filter((e) => e.contentBlockStart?.start?.toolUse);
      const calls = new Map<number, { id?: string; name?: string; arguments: string }>();
      for (const d of out.deltas) for (const t of d.tool_calls ?? []) {
        const c = calls.get(t.index) ?? { arguments: "" };
        if (t.id) c.id = t.id;
        if (t.function?.name) c.name = t.function.name;
        c.arguments += t.function?.arguments ?? "";
        calls.set(t.index, c);
      }
      expect([...calls.values()]).toEqual(
        starts.map((s) => ({
          id: s.contentBlockStart.start.toolUse.toolUseId,
          name: s.contentBlockStart.start.toolUse.name,
          arguments: events.filter((e) => e.contentBlockDelta?.contentBlockIndex === s.contentBlockStart.contentBlockIndex).map((e) => e.contentBlockDelta.delta.toolUse.input).join(""),
        })),
      );
      const stop = events.find((e) => e.messageStop)!.messageStop.stopReason;
      const intervened = events.some((e) => e["amazon-bedrock-guardrailAction"] === "INTERVENED");
      expect(out.finishes).toEqual([intervened ? "content_filter" : FINISH[stop]]);
      const metrics = events.find((e) => e["amazon-bedrock-invocationMetrics"])!["amazon-bedrock-invocationMetrics"];
      expect(out.usage).toMatchObject({ prompt_tokens: metrics.inputTokenCount, completion_tokens: metrics.outputTokenCount });
    });
  }

  it("builds every recorded request body from the equivalent OpenAI input (allow-list above)", () => {
    let exact = 0;
    let allowed = 0;
    for (const exchange of recordings) {
      const built = nova.buildRequest(openAIInput(exchange.request.body as Block) as never, optionsFor(exchange));
      const check = checkRoundTrip(exchange.file, built, exchange.request.body, ALLOW);
      expect(check.unexpected, exchange.file).toEqual([]);
      expect(check.stale, exchange.file).toEqual([]);
      if (check.diffs.length === 0) exact++;
      else allowed++;
    }
    console.info(`nova request round trip: ${exact} exact, ${allowed} allow-listed`);
  });
});

describe("nova response edge cases", () => {
  it("a toolUse block without a string name maps to an empty function name, not the text \"undefined\"", () => {
    const body = {
      output: { message: { role: "assistant", content: [{ toolUse: { toolUseId: "t1", input: { a: 1 } } }] } },
      stopReason: "tool_use",
      usage: { inputTokens: 3, outputTokens: 4, totalTokens: 7 },
    };
    const result = nova.parseResponse(body, options);
    expect(result.tool_calls).toEqual([{ id: "t1", type: "function", function: { name: "", arguments: '{"a":1}' } }]);
    expect(result.finish_reason).toBe("tool_calls");
  });
});

describe("nova request mapping", () => {
  it("maps tool_choice and images", () => {
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    const body = nova.buildRequest(
      {
        model: "amazon.nova-lite-v1:0",
        messages: [{ role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: `data:image/png;base64,${png}` } }] }],
        tools: [{ type: "function", function: { name: "describe", parameters: { type: "object", properties: {} } } }],
        tool_choice: "required",
      },
      options,
    );
    expect(body.messages).toEqual([{ role: "user", content: [{ text: "What is this?" }, { image: { format: "png", source: { bytes: png } } }] }]);
    expect(body.toolConfig).toEqual({ tools: [{ toolSpec: { name: "describe", inputSchema: { json: { type: "object", properties: {} } } } }], toolChoice: { any: {} } });
  });

  it("refuses n > 1 and seed, naming the field", () => {
    const base = { model: "m", messages: [{ role: "user" as const, content: "x" }] };
    expect(() => nova.buildRequest({ ...base, n: 3 }, options)).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "n" }));
    expect(() => nova.buildRequest({ ...base, seed: 3 }, options)).toThrow(expect.objectContaining({ field: "seed" }));
  });

  it("a stream without messageStop is an error", () => {
    const mapper = nova.createStreamMapper(options);
    mapper.next({ messageStart: { role: "assistant" } });
    mapper.next({ contentBlockDelta: { delta: { text: "Hi" }, contentBlockIndex: 0 } });
    expect(() => mapper.end()).toThrow(/messageStop/);
  });
});
