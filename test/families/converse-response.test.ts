/**
 * Check 1 for Converse: every recorded 200 Converse / ConverseStream response (all families, inference-profile and
 * application-inference-profile ARNs included) maps to the OpenAI answer whose text, tool calls, finish reason and
 * usage equal what the recording says. Expected values are computed here from the recorded JSON/bytes directly.
 */
import { describe, expect, it } from "vitest";
import { parseConverseResponse } from "../../src/families/converse";
import { createConverseStreamMapper } from "../../src/families/converse-stream";
import { hasShared } from "../helpers/shared";
import { decodeRecordedStream, foldDeltas, optionsFor, recordings, runStreamMapper } from "./helpers/recorded";

// Converse `StopReason` (service model) → OpenAI finish_reason, as the brief and LiteLLM define it.
const FINISH: Record<string, string> = {
  end_turn: "stop",
  stop_sequence: "stop",
  max_tokens: "length",
  model_context_window_exceeded: "length",
  tool_use: "tool_calls",
  guardrail_intervened: "content_filter",
  content_filtered: "content_filter",
};

type Json = Record<string, any>;

function expectedUsage(usage: Json | undefined) {
  const u = usage ?? { inputTokens: 0, outputTokens: 0, totalTokens: 0 };
  // Bedrock's totalTokens includes cache reads and writes; OpenAI's prompt_tokens includes cached tokens.
  return {
    prompt_tokens: u.totalTokens - u.outputTokens,
    completion_tokens: u.outputTokens,
    total_tokens: u.totalTokens,
    ...(u.cacheReadInputTokens !== undefined ? { cached: u.cacheReadInputTokens } : {}),
  };
}

const converse = recordings(["converse"]);
const converseStream = recordings(["converse-stream"]);

describe.skipIf(!hasShared)("Converse responses from the recordings", () => {
  it("covers every family recorded on Converse", () => {
    const families = new Set([...converse, ...converseStream].map((e) => e.family));
    expect(families).toContain("application-inference-profile");
    expect([...families].filter((f) => f.startsWith("other-")).length).toBeGreaterThanOrEqual(8);
    expect(converse.length).toBeGreaterThanOrEqual(170);
    expect(converseStream.length).toBeGreaterThanOrEqual(38);
  });

  it.each(converse.map((e) => [e.file, e] as const))("%s", (_file, exchange) => {
    const body = exchange.response.body as Json;
    const mapped = parseConverseResponse(body);
    const blocks: Json[] = body.output.message.content;
    const texts = blocks.flatMap((b) =>
      typeof b.text === "string" ? [b.text] : b.citationsContent ? b.citationsContent.content.map((c: Json) => c.text) : [],
    );
    expect(mapped.content).toBe(texts.length ? texts.join("") : null);
    const uses = blocks.filter((b) => b.toolUse).map((b) => b.toolUse);
    expect(mapped.tool_calls?.map((c) => ({ id: c.id, name: c.function.name, input: JSON.parse(c.function.arguments) })) ?? []).toEqual(
      uses.map((u) => ({ id: u.toolUseId, name: u.name, input: u.input })),
    );
    const reasoning = blocks.filter((b) => b.reasoningContent?.reasoningText).map((b) => b.reasoningContent.reasoningText.text);
    expect(mapped.reasoning_content).toBe(reasoning.length ? reasoning.join("") : undefined);
    const signatures = blocks.filter((b) => b.reasoningContent?.reasoningText?.signature).map((b) => b.reasoningContent.reasoningText.signature);
    expect(mapped.thinking_blocks?.flatMap((t) => (t.type === "thinking" && t.signature ? [t.signature] : [])) ?? []).toEqual(signatures);
    expect(mapped.finish_reason).toBe(FINISH[body.stopReason]);
    const usage = expectedUsage(body.usage);
    expect(mapped.usage.prompt_tokens).toBe(usage.prompt_tokens);
    expect(mapped.usage.completion_tokens).toBe(usage.completion_tokens);
    expect(mapped.usage.total_tokens).toBe(usage.total_tokens);
    expect(mapped.usage.prompt_tokens_details?.cached_tokens).toBe(usage.cached);
  });

  it.each(converseStream.map((e) => [e.file, e] as const))("stream %s", (_file, exchange) => {
    const events = decodeRecordedStream(exchange);
    const folded = foldDeltas(runStreamMapper(createConverseStreamMapper(optionsFor(exchange)), events));

    // Independently: the text, tool inputs (per content block), stop reason and usage the stream carries.
    let text = "";
    let reasoning = "";
    const tools = new Map<number, { id: string; name: string; input: string }>();
    let stopReason: string | undefined;
    let usage: Json | undefined;
    for (const { type, data } of events as Array<{ type: string; data: Json }>) {
      if (type === "contentBlockStart" && data.start?.toolUse) {
        tools.set(data.contentBlockIndex, { id: data.start.toolUse.toolUseId, name: data.start.toolUse.name, input: "" });
      } else if (type === "contentBlockDelta") {
        if (typeof data.delta.text === "string") text += data.delta.text;
        if (data.delta.toolUse) tools.get(data.contentBlockIndex)!.input += data.delta.toolUse.input;
        if (typeof data.delta.reasoningContent?.text === "string") reasoning += data.delta.reasoningContent.text;
      } else if (type === "messageStop") stopReason = data.stopReason;
      else if (type === "metadata") usage = data.usage;
    }
    expect(stopReason).toBeDefined();
    expect(folded.roles).toBe(1);
    expect(folded.content).toBe(text);
    expect(folded.reasoning).toBe(reasoning);
    const expectedTools = [...tools.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    expect(folded.toolCalls.map((c) => ({ id: c.id, name: c.name, input: c.arguments === "" ? {} : JSON.parse(c.arguments) }))).toEqual(
      expectedTools.map((t) => ({ id: t.id, name: t.name, input: t.input === "" ? {} : JSON.parse(t.input) })),
    );
    expect(folded.finishReasons).toEqual([FINISH[stopReason!]]);
    expect(usage).toBeDefined();
    const want = expectedUsage(usage);
    expect(folded.usage).toHaveLength(1);
    expect(folded.usage[0]).toMatchObject({ prompt_tokens: want.prompt_tokens, completion_tokens: want.completion_tokens, total_tokens: want.total_tokens });
  });

  it("a stream cut before messageStop is an error, not a finished answer", () => {
    const exchange = converseStream[0]!;
    const events = decodeRecordedStream(exchange).filter((e) => e.type !== "messageStop" && e.type !== "metadata");
    const mapper = createConverseStreamMapper(optionsFor(exchange));
    for (const e of events) mapper.next(e);
    expect(() => mapper.end()).toThrowError(expect.objectContaining({ name: "APIError", code: "IncompleteStream" }));
  });
});
