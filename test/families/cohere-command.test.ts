import { describe, expect, it } from "vitest";
import { cohereCommand } from "../../src/families/cohere-command";
import { hasShared } from "../helpers/shared";
import { type AllowedDiff, checkRoundTrip, chunkEvents, headerCounts, invokeExchanges, optionsFor, runStream, streamMetrics } from "./native-helpers";

type Json = Record<string, any>;
const recordings = invokeExchanges("cohere-command");
const ok = recordings.filter((e) => e.response.status === 200);
const FINISH: Record<string, string> = { COMPLETE: "stop", MAX_TOKENS: "length", max_tokens: "length", ERROR_TOXIC: "content_filter" };
const options = { modelId: "cohere.command-text-v14", dropParams: false, stream: false };

const ALLOW: AllowedDiff[] = [
  { file: "dd-trace-py--cohere_invoke_", path: "stop_sequences", reason: "recorder sent an empty stop_sequences list; an empty OpenAI `stop` means none, so it is left out" },
  { file: "dd-trace-py--cohere_invoke_multi_output", path: "stream", reason: "recorder sent `stream: false` on InvokeModel; false is the default, so it is left out" },
  { file: "dd-trace-py--cohere_invoke_single_output", path: "stream", reason: "recorder sent `stream: false` on InvokeModel; false is the default, so it is left out" },
  { file: "otel-js-contrib--bedrock--command-model-attributes-to-span", path: "stream", reason: "recorder streamed without `stream: true` (and got one whole-answer chunk); we ask for token-by-token streaming" },
];

describe.skipIf(!hasShared)("cohere-command mapper over the recorded exchanges", () => {
  it("has recordings to check", () => expect(ok.length).toBe(8));

  for (const exchange of ok.filter((e) => e.operation === "invoke")) {
    it(`parses ${exchange.file}`, () => {
      const body = exchange.response.body as Json;
      const result = cohereCommand.parseResponse(body, optionsFor(exchange));
      // One OpenAI choice: the first generation (a provider-specific num_generations asks for more).
      expect(result.content).toBe(body.generations[0].text);
      expect(result.finish_reason).toBe(FINISH[body.generations[0].finish_reason]);
      const counts = headerCounts(exchange);
      const [p, c] = counts ? [counts.inputTokenCount, counts.outputTokenCount] : [0, 0];
      expect(result.usage).toEqual({ prompt_tokens: p, completion_tokens: c, total_tokens: p + c });
    });
  }

  for (const exchange of ok.filter((e) => e.operation === "invoke-with-response-stream")) {
    it(`streams ${exchange.file}`, () => {
      const events = chunkEvents(exchange) as Json[];
      const out = runStream(cohereCommand, events, optionsFor(exchange));
      // Token events carry `text` (tagged with `index` when several generations interleave); a stream without
      // `stream: true` is one chunk with the whole body.
      const expected = events.map((e) => (e.generations ? e.generations[0].text : (e.index ?? 0) === 0 ? (e.text ?? "") : "")).join("");
      expect(out.content).toBe(expected);
      const last = events[events.length - 1]!;
      expect(out.finishes).toEqual([FINISH[last.finish_reason ?? last.generations[0].finish_reason]]);
      const m = streamMetrics(events)!;
      expect(out.usage).toEqual({ prompt_tokens: m.inputTokenCount, completion_tokens: m.outputTokenCount, total_tokens: m.inputTokenCount + m.outputTokenCount });
    });
  }

  it("builds every recorded request body from the equivalent OpenAI input (allow-list above)", () => {
    let exact = 0;
    let allowed = 0;
    for (const exchange of recordings) {
      const { prompt, max_tokens, temperature, p, k, stop_sequences, stream: _stream, ...rest } = exchange.request.body as Json;
      const params = {
        model: exchange.modelId!,
        messages: [{ role: "user" as const, content: prompt }],
        ...(max_tokens !== undefined && { max_tokens }),
        ...(temperature !== undefined && { temperature }),
        ...(p !== undefined && { top_p: p }),
        ...(k !== undefined && { top_k: k }),
        ...(stop_sequences !== undefined && { stop: stop_sequences }),
        ...rest, // provider-specific, e.g. num_generations
      };
      const check = checkRoundTrip(exchange.file, cohereCommand.buildRequest(params, optionsFor(exchange)), exchange.request.body, ALLOW);
      expect(check.unexpected, exchange.file).toEqual([]);
      expect(check.stale, exchange.file).toEqual([]);
      if (check.diffs.length === 0) exact++;
      else allowed++;
    }
    console.info(`cohere-command request round trip: ${exact} exact, ${allowed} allow-listed`);
  });
});

describe("cohere-command request mapping", () => {
  it("writes a conversation as User:/Chatbot: lines and asks for a token stream when streaming", () => {
    const body = cohereCommand.buildRequest(
      { model: "m", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }], top_k: 5, top_p: 0.5 },
      { ...options, stream: true },
    );
    expect(body).toEqual({ prompt: "Be brief.\n\nUser: Hi\nChatbot:", k: 5, p: 0.5, stream: true });
  });

  it("refuses tools and n > 1", () => {
    const base = { model: "m", messages: [{ role: "user" as const, content: "x" }] };
    expect(() => cohereCommand.buildRequest({ ...base, tools: [{ type: "function", function: { name: "f" } }] }, options)).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "tools" }));
    expect(() => cohereCommand.buildRequest({ ...base, n: 2 }, options)).toThrow(expect.objectContaining({ field: "n" }));
  });
});
