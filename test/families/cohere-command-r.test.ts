import { describe, expect, it } from "vitest";
import { cohereCommandR } from "../../src/families/cohere-command-r";
import { hasShared } from "../helpers/shared";
import { checkRoundTrip, chunkEvents, headerCounts, invokeExchanges, optionsFor, runStream, streamMetrics } from "./native-helpers";

type Json = Record<string, any>;
const recordings = invokeExchanges("cohere-command-r");
const ok = recordings.filter((e) => e.response.status === 200);
const FINISH: Record<string, string> = { COMPLETE: "stop", MAX_TOKENS: "length", max_tokens: "length" };
const options = { modelId: "cohere.command-r-v1:0", dropParams: false, stream: false };

describe.skipIf(!hasShared)("cohere-command-r mapper over the recorded exchanges", () => {
  it("has recordings to check", () => expect(ok.length).toBe(4));

  for (const exchange of ok.filter((e) => e.operation === "invoke")) {
    it(`parses ${exchange.file}`, () => {
      const body = exchange.response.body as Json;
      const result = cohereCommandR.parseResponse(body, optionsFor(exchange));
      expect(result.content).toBe(body.text);
      expect(result.finish_reason).toBe(FINISH[body.finish_reason]);
      const counts = headerCounts(exchange);
      const [p, c] = counts ? [counts.inputTokenCount, counts.outputTokenCount] : [0, 0];
      expect(result.usage).toEqual({ prompt_tokens: p, completion_tokens: c, total_tokens: p + c });
    });
  }

  for (const exchange of ok.filter((e) => e.operation === "invoke-with-response-stream")) {
    it(`streams ${exchange.file}`, () => {
      const events = chunkEvents(exchange) as Json[];
      const out = runStream(cohereCommandR, events, optionsFor(exchange));
      const end = events.find((e) => e.event_type === "stream-end")!;
      expect(out.content).toBe(events.filter((e) => e.event_type === "text-generation").map((e) => e.text).join(""));
      expect(out.content).toBe(end.response.text);
      expect(out.finishes).toEqual([FINISH[end.finish_reason]]);
      const m = streamMetrics(events)!;
      expect(out.usage).toEqual({ prompt_tokens: m.inputTokenCount, completion_tokens: m.outputTokenCount, total_tokens: m.inputTokenCount + m.outputTokenCount });
    });
  }

  it("builds every recorded request body exactly from the equivalent OpenAI input", () => {
    let exact = 0;
    for (const exchange of recordings) {
      const { message, max_tokens, temperature, p, stop_sequences } = exchange.request.body as Json;
      const params = {
        model: exchange.modelId!,
        messages: [{ role: "user" as const, content: message }],
        ...(max_tokens !== undefined && { max_tokens }),
        ...(temperature !== undefined && { temperature }),
        ...(p !== undefined && { top_p: p }),
        ...(stop_sequences !== undefined && { stop: stop_sequences }),
      };
      const check = checkRoundTrip(exchange.file, cohereCommandR.buildRequest(params, optionsFor(exchange)), exchange.request.body, []);
      expect(check.diffs, exchange.file).toEqual([]);
      exact++;
    }
    console.info(`cohere-command-r request round trip: ${exact} exact, 0 allow-listed`);
  });
});

describe("cohere-command-r request mapping", () => {
  it("maps history, preamble, tools and tool results (Cohere chat format)", () => {
    const body = cohereCommandR.buildRequest(
      {
        model: "m",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Weather in Paris?" },
          { role: "assistant", content: "", tool_calls: [{ id: "call_0", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }] },
          { role: "tool", tool_call_id: "call_0", content: '{"temp":20}' },
        ],
        tools: [{ type: "function", function: { name: "weather", description: "Current weather", parameters: { type: "object", properties: { city: { type: "string", description: "City" } }, required: ["city"] } } }],
        seed: 7,
      },
      options,
    );
    expect(body).toEqual({
      message: "",
      chat_history: [
        { role: "USER", message: "Weather in Paris?" },
        { role: "CHATBOT", message: "", tool_calls: [{ name: "weather", parameters: { city: "Paris" } }] },
      ],
      preamble: "Be brief.",
      seed: 7,
      tools: [{ name: "weather", description: "Current weather", parameter_definitions: { city: { description: "City", type: "str", required: true } } }],
      tool_results: [{ call: { name: "weather", parameters: { city: "Paris" } }, outputs: [{ temp: 20 }] }],
    });
  });

  it("parses tool calls (documented shape) with deterministic ids", () => {
    const result = cohereCommandR.parseResponse({ text: "", finish_reason: "COMPLETE", tool_calls: [{ name: "weather", parameters: { city: "Paris" } }], meta: { billed_units: { input_tokens: 3, output_tokens: 4 } } }, options);
    expect(result).toEqual({
      content: null,
      tool_calls: [{ id: "call_0", type: "function", function: { name: "weather", arguments: '{"city":"Paris"}' } }],
      finish_reason: "tool_calls",
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
  });

  it("refuses a final assistant message, n > 1 and a forced tool_choice", () => {
    const base = { model: "m", messages: [{ role: "user" as const, content: "x" }] };
    expect(() => cohereCommandR.buildRequest({ model: "m", messages: [{ role: "user", content: "x" }, { role: "assistant", content: "y" }] }, options)).toThrow(expect.objectContaining({ field: "messages" }));
    expect(() => cohereCommandR.buildRequest({ ...base, n: 2 }, options)).toThrow(expect.objectContaining({ field: "n" }));
    expect(() => cohereCommandR.buildRequest({ ...base, tool_choice: "required" }, options)).toThrow(expect.objectContaining({ field: "tool_choice" }));
  });
});
