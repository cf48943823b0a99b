import { describe, expect, it } from "vitest";
import { titanText } from "../../src/families/titan-text";
import { ConfigurationError } from "../../src/errors";
import { hasShared } from "../helpers/shared";
import { type AllowedDiff, checkRoundTrip, chunkEvents, headerCounts, invokeExchanges, optionsFor, runStream, streamMetrics } from "./native-helpers";

const recordings = invokeExchanges("amazon-titan-text");
const ok = recordings.filter((e) => e.response.status === 200);
const options = { modelId: "amazon.titan-text-express-v1", dropParams: false, stream: false };

// Titan completionReason → OpenAI, written out here independently of the mapper.
const FINISH: Record<string, string> = { FINISH: "stop", LENGTH: "length", STOP_CRITERIA_MET: "stop", CONTENT_FILTERED: "content_filter" };

const ALLOW: AllowedDiff[] = [
  { file: "dd-trace-py--amazon_invoke", path: "textGenerationConfig.stopSequences", reason: "recorder sent an empty stopSequences list; an empty OpenAI `stop` means none, so it is left out" },
];

describe.skipIf(!hasShared)("titan-text mapper over the recorded exchanges", () => {
  it("has recordings to check", () => {
    expect(ok.length).toBe(16);
  });

  for (const exchange of ok.filter((e) => e.operation === "invoke")) {
    it(`parses ${exchange.file}`, () => {
      const body = exchange.response.body as { inputTextTokenCount: number; results: Array<{ tokenCount: number; outputText: string; completionReason: string }>; "amazon-bedrock-guardrailAction"?: string };
      const result = titanText.parseResponse(body, optionsFor(exchange));
      expect(result.content).toBe(body.results[0]!.outputText);
      expect(result.usage).toEqual({
        prompt_tokens: body.inputTextTokenCount,
        completion_tokens: body.results[0]!.tokenCount,
        total_tokens: body.inputTextTokenCount + body.results[0]!.tokenCount,
      });
      const counts = headerCounts(exchange);
      if (counts) expect([result.usage.prompt_tokens, result.usage.completion_tokens]).toEqual([counts.inputTokenCount, counts.outputTokenCount]);
      const intervened = body["amazon-bedrock-guardrailAction"] === "INTERVENED";
      expect(result.finish_reason).toBe(intervened ? "content_filter" : FINISH[body.results[0]!.completionReason]);
    });
  }

  for (const exchange of ok.filter((e) => e.operation === "invoke-with-response-stream")) {
    it(`streams ${exchange.file}`, () => {
      const events = chunkEvents(exchange);
      const out = runStream(titanText, events, optionsFor(exchange));
      expect(out.content).toBe(events.map((e) => (e.outputText as string | undefined) ?? "").join(""));
      expect(out.roleFirst).toBe(true);
      expect(out.finishes).toHaveLength(1);
      const intervened = events.some((e) => e["amazon-bedrock-guardrailAction"] === "INTERVENED");
      const reason = events.map((e) => e.completionReason).filter((r) => typeof r === "string").pop() as string;
      expect(out.finishes[0]).toBe(intervened ? "content_filter" : FINISH[reason]);
      const metrics = streamMetrics(events);
      // Without invocation metrics (a blocked input), the counts come from the chunk's own fields.
      const prompt = metrics?.inputTokenCount ?? (events[0]!.inputTextTokenCount as number);
      const completion = metrics?.outputTokenCount ?? (events[events.length - 1]!.totalOutputTextTokenCount as number);
      expect(out.usage).toMatchObject({ prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion });
    });
  }

  it("builds every recorded request body from the equivalent OpenAI input (allow-list below)", () => {
    let exact = 0;
    let allowed = 0;
    for (const exchange of recordings) {
      const body = exchange.request.body as { inputText: string; textGenerationConfig?: Record<string, unknown> };
      const config = body.textGenerationConfig ?? {};
      const params = {
        model: exchange.modelId!,
        messages: [{ role: "user" as const, content: body.inputText }],
        ...(config.maxTokenCount !== undefined && { max_tokens: config.maxTokenCount as number }),
        ...(config.temperature !== undefined && { temperature: config.temperature as number }),
        ...(config.topP !== undefined && { top_p: config.topP as number }),
        ...(config.stopSequences !== undefined && { stop: config.stopSequences as string[] }),
      };
      const built = titanText.buildRequest(params, optionsFor(exchange));
      const check = checkRoundTrip(exchange.file, built, body, ALLOW);
      expect(check.unexpected, exchange.file).toEqual([]);
      expect(check.stale, exchange.file).toEqual([]);
      if (check.diffs.length === 0) exact++;
      else allowed++;
    }
    console.info(`titan-text request round trip: ${exact} exact, ${allowed} allow-listed`);
    expect(exact + allowed).toBe(recordings.length);
  });
});

describe("titan-text request mapping", () => {
  it("writes a conversation as User:/Bot: lines after the system prompt", () => {
    const body = titanText.buildRequest(
      {
        model: "amazon.titan-text-lite-v1",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "Hi" },
          { role: "assistant", content: "Hello." },
          { role: "user", content: "Capital of France?" },
        ],
        max_tokens: 50,
        stop: "|",
      },
      options,
    );
    expect(body).toEqual({
      inputText: "Be brief.\n\nUser: Hi\nBot: Hello.\nUser: Capital of France?\nBot:",
      textGenerationConfig: { maxTokenCount: 50, stopSequences: ["|"] },
    });
  });

  it("continues a final assistant message (pre-fill)", () => {
    const body = titanText.buildRequest(
      { model: "m", messages: [{ role: "user", content: "Count" }, { role: "assistant", content: "1, 2," }] },
      options,
    );
    expect(body.inputText).toBe("User: Count\nBot: 1, 2,");
  });

  it("passes unknown provider-specific fields through", () => {
    const body = titanText.buildRequest({ model: "m", messages: [{ role: "user", content: "x" }], custom_field: 1 }, options);
    expect(body).toEqual({ inputText: "x", custom_field: 1 });
  });

  it("refuses tools, n > 1, seed and top_k with a ConfigurationError naming the field", () => {
    const base = { model: "m", messages: [{ role: "user" as const, content: "x" }] };
    const tools = [{ type: "function" as const, function: { name: "f" } }];
    expect(() => titanText.buildRequest({ ...base, tools }, options)).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "tools" }));
    expect(() => titanText.buildRequest({ ...base, n: 2 }, options)).toThrow(expect.objectContaining({ field: "n" }));
    expect(() => titanText.buildRequest({ ...base, seed: 1 }, options)).toThrow(expect.objectContaining({ field: "seed" }));
    expect(() => titanText.buildRequest({ ...base, top_k: 5 }, options)).toThrow(ConfigurationError);
    expect(titanText.buildRequest({ ...base, tools, n: 2, seed: 1 }, { ...options, dropParams: true })).toEqual({ inputText: "x" });
  });

  it("refuses images and tool messages, naming the message", () => {
    expect(() =>
      titanText.buildRequest(
        { model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA==" } }] }] },
        options,
      ),
    ).toThrow(expect.objectContaining({ field: "messages[0].content[0]" }));
    expect(() =>
      titanText.buildRequest({ model: "m", messages: [{ role: "user", content: "x" }, { role: "tool", tool_call_id: "a", content: "r" }] }, options),
    ).toThrow(expect.objectContaining({ field: "messages[1]" }));
  });

  it("a stream that ends without a completion reason is an error", () => {
    const mapper = titanText.createStreamMapper(options);
    mapper.next({ outputText: "partial", index: 0, completionReason: null });
    expect(() => mapper.end()).toThrow(/ended before/);
  });
});
