/**
 * Check 1 for Anthropic on InvokeModel: every recorded 200 Claude response (Messages API and the legacy text
 * completions) maps to the OpenAI answer whose text, tool calls, finish reason and usage equal the recording's.
 * Expected values are computed here from the recorded JSON and stream bytes, independently of the mappers.
 */
import { describe, expect, it } from "vitest";
import { anthropicMessages } from "../../src/families/anthropic-messages";
import { anthropicText } from "../../src/families/anthropic-text";
import { header, hasShared } from "../helpers/shared";
import { foldDeltas, optionsFor, recordedChunks, recordings, runStreamMapper, type Exchange } from "./helpers/recorded";

type Json = Record<string, any>;

const FINISH: Record<string, string> = { end_turn: "stop", stop_sequence: "stop", max_tokens: "length", tool_use: "tool_calls" };

const isText = (e: Exchange): boolean => isRecordBody(e.request.body) && "prompt" in e.request.body;
function isRecordBody(b: unknown): b is Json {
  return typeof b === "object" && b !== null;
}

const invoke = recordings(["invoke"], (f) => f === "anthropic");
const streams = recordings(["invoke-with-response-stream"], (f) => f === "anthropic");

describe.skipIf(!hasShared)("Claude InvokeModel responses from the recordings", () => {
  it("has both API styles in the recordings", () => {
    expect(invoke.filter((e) => !isText(e)).length).toBeGreaterThanOrEqual(25);
    expect(invoke.filter(isText).length).toBe(3);
    expect(streams.filter((e) => !isText(e)).length).toBeGreaterThanOrEqual(10);
    expect(streams.filter(isText).length).toBe(2);
  });

  it.each(invoke.filter((e) => !isText(e)).map((e) => [e.file, e] as const))("messages %s", (_f, exchange) => {
    const body = exchange.response.body as Json;
    const headers = exchange.response.headers;
    const fromHeaders = {
      inputTokenCount: Number(header(headers, "x-amzn-bedrock-input-token-count") ?? 0),
      outputTokenCount: Number(header(headers, "x-amzn-bedrock-output-token-count") ?? 0),
    };
    const mapped = anthropicMessages.parseResponse(body, optionsFor(exchange, { invocationMetrics: fromHeaders }));
    // One recording answers a Messages request with a legacy `{ completion }` body; it is read as text.
    const content: Json[] = body.content ?? [{ type: "text", text: body.completion }];
    const texts = content.filter((b: Json) => b.type === "text").map((b: Json) => b.text);
    expect(mapped.content).toBe(texts.length ? texts.join("") : null);
    const uses = content.filter((b: Json) => b.type === "tool_use");
    expect(mapped.tool_calls?.map((c) => ({ id: c.id, name: c.function.name, input: JSON.parse(c.function.arguments) })) ?? []).toEqual(
      uses.map((u: Json) => ({ id: u.id, name: u.name, input: u.input })),
    );
    expect(mapped.finish_reason).toBe(FINISH[body.stop_reason]);
    // Without `usage` in the body (one recording), the counts are the response headers'.
    const u = body.usage ?? { input_tokens: fromHeaders.inputTokenCount, output_tokens: fromHeaders.outputTokenCount };
    const cacheRead = u.cache_read_input_tokens ?? 0;
    const prompt = u.input_tokens + cacheRead + (u.cache_creation_input_tokens ?? 0);
    expect(mapped.usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: u.output_tokens, total_tokens: prompt + u.output_tokens });
    expect(mapped.usage.prompt_tokens_details?.cached_tokens).toBe(u.cache_read_input_tokens);
  });

  it.each(invoke.filter(isText).map((e) => [e.file, e] as const))("text completion %s", (_f, exchange) => {
    const body = exchange.response.body as Json;
    const input = Number(header(exchange.response.headers, "x-amzn-bedrock-input-token-count"));
    const output = Number(header(exchange.response.headers, "x-amzn-bedrock-output-token-count"));
    const mapped = anthropicText.parseResponse(body, optionsFor(exchange, { invocationMetrics: { inputTokenCount: input, outputTokenCount: output } }));
    expect(mapped.content).toBe(body.completion);
    expect(mapped.finish_reason).toBe(FINISH[body.stop_reason]);
    expect(mapped.usage).toEqual({ prompt_tokens: input, completion_tokens: output, total_tokens: input + output });
  });

  it.each(streams.filter((e) => !isText(e)).map((e) => [e.file, e] as const))("messages stream %s", (_f, exchange) => {
    const chunks = recordedChunks(exchange) as Json[];
    const folded = foldDeltas(runStreamMapper(anthropicMessages.createStreamMapper(optionsFor(exchange)), chunks));
    let text = "";
    const tools = new Map<number, { id: string; name: string; input: string }>();
    let stop: string | undefined;
    for (const c of chunks) {
      if (c.type === "content_block_start" && c.content_block.type === "tool_use") tools.set(c.index, { id: c.content_block.id, name: c.content_block.name, input: "" });
      if (c.type === "content_block_delta" && c.delta.type === "text_delta") text += c.delta.text;
      if (c.type === "content_block_delta" && c.delta.type === "input_json_delta") tools.get(c.index)!.input += c.delta.partial_json;
      if (c.type === "message_delta") stop = c.delta.stop_reason;
    }
    expect(folded.content).toBe(text);
    expect(folded.toolCalls.map((t) => ({ id: t.id, name: t.name, input: JSON.parse(t.arguments || "{}") }))).toEqual(
      [...tools.values()].map((t) => ({ id: t.id, name: t.name, input: JSON.parse(t.input || "{}") })),
    );
    expect(folded.finishReasons).toEqual([FINISH[stop!]]);
    const metrics = chunks[chunks.length - 1]!["amazon-bedrock-invocationMetrics"];
    const prompt = metrics.inputTokenCount + (metrics.cacheReadInputTokenCount ?? 0) + (metrics.cacheWriteInputTokenCount ?? 0);
    expect(folded.usage).toEqual([expect.objectContaining({ prompt_tokens: prompt, completion_tokens: metrics.outputTokenCount, total_tokens: prompt + metrics.outputTokenCount })]);
  });

  it.each(streams.filter(isText).map((e) => [e.file, e] as const))("text completion stream %s", (_f, exchange) => {
    const chunks = recordedChunks(exchange) as Json[];
    const folded = foldDeltas(runStreamMapper(anthropicText.createStreamMapper(optionsFor(exchange)), chunks));
    expect(folded.content).toBe(chunks.map((c) => c.completion).join(""));
    expect(folded.finishReasons).toEqual([FINISH[chunks[chunks.length - 1]!.stop_reason]]);
    const metrics = chunks[chunks.length - 1]!["amazon-bedrock-invocationMetrics"];
    expect(folded.usage).toEqual([{ prompt_tokens: metrics.inputTokenCount, completion_tokens: metrics.outputTokenCount, total_tokens: metrics.inputTokenCount + metrics.outputTokenCount }]);
  });

  it("a Claude stream cut before message_stop is an error", () => {
    const exchange = streams.find((e) => !isText(e))!;
    const chunks = recordedChunks(exchange).filter((c) => c.type !== "message_stop");
    const mapper = anthropicMessages.createStreamMapper(optionsFor(exchange));
    for (const c of chunks) mapper.next(c);
    expect(() => mapper.end()).toThrowError(expect.objectContaining({ name: "APIError", code: "IncompleteStream" }));
  });
});
