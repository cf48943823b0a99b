import { describe, expect, it } from "vitest";
import { mistral, usesMistralChat } from "../../src/families/mistral";
import { hasShared } from "../helpers/shared";
import { type AllowedDiff, checkRoundTrip, chunkEvents, headerCounts, invokeExchanges, optionsFor, runStream, streamMetrics } from "./native-helpers";

const recordings = invokeExchanges("mistral");
const ok = recordings.filter((e) => e.response.status === 200);
const FINISH: Record<string, string> = { stop: "stop", length: "length", max_tokens: "length", tool_calls: "tool_calls" };
const text7b = { modelId: "mistral.mistral-7b-instruct-v0:2", dropParams: false, stream: false };
const large = { modelId: "mistral.mistral-large-2407-v1:0", dropParams: false, stream: false };

const RAW = "recorder sent a raw completion prompt without [INST]; a chat caller's message gets Mistral's instruction format";
const ALLOW: AllowedDiff[] = [
  { file: "dd-trace-js", path: "prompt", reason: RAW },
  { file: "otel-js-contrib", path: "prompt", reason: RAW },
  { file: "otel-py-contrib", path: "prompt", reason: RAW },
];

describe.skipIf(!hasShared)("mistral mapper over the recorded exchanges", () => {
  it("has recordings to check", () => expect(ok.length).toBe(4));

  for (const exchange of ok.filter((e) => e.operation === "invoke")) {
    it(`parses ${exchange.file}`, () => {
      const body = exchange.response.body as { outputs: Array<{ text: string; stop_reason: string }> };
      const options = optionsFor(exchange);
      const result = mistral.parseResponse(body, options);
      expect(result.content).toBe(body.outputs[0]!.text);
      expect(result.finish_reason).toBe(FINISH[body.outputs[0]!.stop_reason]);
      // Mistral's body has no token counts: usage comes from the response headers when they were recorded.
      const counts = headerCounts(exchange);
      expect(result.usage).toEqual(
        counts
          ? { prompt_tokens: counts.inputTokenCount, completion_tokens: counts.outputTokenCount, total_tokens: counts.inputTokenCount + counts.outputTokenCount }
          : { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
      );
    });
  }

  for (const exchange of ok.filter((e) => e.operation === "invoke-with-response-stream")) {
    it(`streams ${exchange.file}`, () => {
      const events = chunkEvents(exchange) as Array<{ outputs: Array<{ text: string; stop_reason: string | null }> }>;
      const out = runStream(mistral, events, optionsFor(exchange));
      expect(out.content).toBe(events.map((e) => e.outputs[0]!.text).join(""));
      expect(out.finishes).toEqual([FINISH[events[events.length - 1]!.outputs[0]!.stop_reason!]]);
      const m = streamMetrics(events as never)!;
      expect(out.usage).toEqual({ prompt_tokens: m.inputTokenCount, completion_tokens: m.outputTokenCount, total_tokens: m.inputTokenCount + m.outputTokenCount });
    });
  }

  it("builds every recorded request body from the equivalent OpenAI input (allow-list above)", () => {
    let exact = 0;
    let allowed = 0;
    for (const exchange of recordings) {
      const body = exchange.request.body as { prompt: string; max_tokens?: number; temperature?: number; top_p?: number; stop?: string[] };
      const params = {
        model: exchange.modelId!,
        messages: [{ role: "user" as const, content: body.prompt }],
        ...(body.max_tokens !== undefined && { max_tokens: body.max_tokens }),
        ...(body.temperature !== undefined && { temperature: body.temperature }),
        ...(body.top_p !== undefined && { top_p: body.top_p }),
        ...(body.stop !== undefined && { stop: body.stop }),
      };
      const check = checkRoundTrip(exchange.file, mistral.buildRequest(params, optionsFor(exchange)), body, ALLOW);
      expect(check.unexpected, exchange.file).toEqual([]);
      expect(check.stale, exchange.file).toEqual([]);
      if (check.diffs.length === 0) exact++;
      else allowed++;
    }
    console.info(`mistral request round trip: ${exact} exact, ${allowed} allow-listed`);
  });
});

describe("mistral request mapping", () => {
  const messages = [
    { role: "system" as const, content: "Be brief." },
    { role: "user" as const, content: "Hi" },
    { role: "assistant" as const, content: "Hello." },
    { role: "user" as const, content: "Capital of France?" },
  ];

  it("text models: <s>[INST] … [/INST] with the system prompt leading the first instruction", () => {
    expect(mistral.buildRequest({ model: "m", messages, max_tokens: 100, top_k: 50, stop: ["\n\n"] }, text7b)).toEqual({
      prompt: "<s>[INST] Be brief.\n\nHi [/INST] Hello.</s>[INST] Capital of France? [/INST]",
      max_tokens: 100,
      top_k: 50,
      stop: ["\n\n"],
    });
  });

  it("pre-fill continues the final assistant turn", () => {
    const body = mistral.buildRequest({ model: "m", messages: [{ role: "user", content: "Count" }, { role: "assistant", content: "1, 2," }] }, text7b);
    expect(body.prompt).toBe("<s>[INST] Count [/INST] 1, 2,");
  });

  it("Mistral Large 2+ takes the chat body with tools", () => {
    expect(usesMistralChat("mistral.mistral-large-2402-v1:0")).toBe(false);
    expect(usesMistralChat("us.mistral.pixtral-large-2502-v1:0")).toBe(true);
    const body = mistral.buildRequest(
      {
        model: "m",
        messages: [
          ...messages,
          { role: "assistant", content: null, tool_calls: [{ id: "c1", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }] },
          { role: "tool", tool_call_id: "c1", content: "Paris" },
        ],
        tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } } } }],
        tool_choice: "required",
        max_tokens: 10,
      },
      large,
    );
    expect(body).toEqual({
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Hi" },
        { role: "assistant", content: "Hello." },
        { role: "user", content: "Capital of France?" },
        { role: "assistant", content: "", tool_calls: [{ id: "c1", function: { name: "lookup", arguments: '{"q":"x"}' } }] },
        { role: "tool", tool_call_id: "c1", content: "Paris" },
      ],
      max_tokens: 10,
      tools: [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } } } }],
      tool_choice: "any",
    });
  });

  it("parses a chat-format response with tool calls (documented shape)", () => {
    const result = mistral.parseResponse(
      { choices: [{ index: 0, message: { role: "assistant", content: "", tool_calls: [{ id: "abc", function: { name: "lookup", arguments: '{"q":"x"}' } }] }, stop_reason: "tool_calls" }] },
      { ...large, invocationMetrics: { inputTokenCount: 5, outputTokenCount: 7 } },
    );
    expect(result).toEqual({
      content: null,
      tool_calls: [{ id: "abc", type: "function", function: { name: "lookup", arguments: '{"q":"x"}' } }],
      finish_reason: "tool_calls",
      usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 },
    });
  });

  it("refuses tools on the text models and n > 1", () => {
    const base = { model: "m", messages: [{ role: "user" as const, content: "x" }] };
    expect(() => mistral.buildRequest({ ...base, tools: [{ type: "function", function: { name: "f" } }] }, text7b)).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "tools" }));
    expect(() => mistral.buildRequest({ ...base, n: 2 }, large)).toThrow(expect.objectContaining({ field: "n" }));
  });
});
