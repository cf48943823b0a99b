import { describe, expect, it } from "vitest";
import { ai21J2 } from "../../src/families/ai21-j2";
import { ai21Jamba } from "../../src/families/ai21-jamba";
import { hasShared } from "../helpers/shared";
import { type AllowedDiff, checkRoundTrip, chunkEvents, headerCounts, invokeExchanges, optionsFor, runStream, streamMetrics } from "./native-helpers";

type Json = Record<string, any>;
const j2 = invokeExchanges("ai21-j2");
const jamba = invokeExchanges("ai21-jamba");
const options = { modelId: "ai21.j2-ultra-v1", dropParams: false, stream: false };
const FINISH: Record<string, string> = { endoftext: "stop", length: "length", stop: "stop" };

const J2_ALLOW: AllowedDiff[] = [
  { file: "dd-trace-py--ai21_invoke", path: "stopSequences", reason: "recorder sent an empty stopSequences list; an empty OpenAI `stop` means none, so it is left out" },
];

describe.skipIf(!hasShared)("ai21 mappers over the recorded exchanges", () => {
  it("has recordings to check", () => {
    expect(j2.filter((e) => e.response.status === 200).length).toBe(2);
    expect(jamba.filter((e) => e.response.status === 200).length).toBe(3);
  });

  for (const exchange of j2) {
    it(`J2 parses ${exchange.file}`, () => {
      const body = exchange.response.body as Json;
      const result = ai21J2.parseResponse(body, optionsFor(exchange));
      expect(result.content).toBe(body.completions[0].data.text);
      expect(result.finish_reason).toBe(FINISH[body.completions[0].finishReason.reason]);
      // J2 reports token lists; their lengths are the counts Bedrock also put in the headers.
      const counts = headerCounts(exchange)!;
      expect(result.usage).toEqual({ prompt_tokens: counts.inputTokenCount, completion_tokens: counts.outputTokenCount, total_tokens: counts.inputTokenCount + counts.outputTokenCount });
      expect(result.usage.prompt_tokens).toBe(body.prompt.tokens.length);
    });
  }

  for (const exchange of jamba.filter((e) => e.operation === "invoke")) {
    it(`Jamba parses ${exchange.file}`, () => {
      const body = exchange.response.body as Json;
      const result = ai21Jamba.parseResponse(body, optionsFor(exchange));
      expect(result.content).toBe(body.choices[0].message.content);
      expect(result.finish_reason).toBe("stop");
      expect(result.usage).toEqual(body.usage);
      const counts = headerCounts(exchange)!;
      expect([result.usage.prompt_tokens, result.usage.completion_tokens]).toEqual([counts.inputTokenCount, counts.outputTokenCount]);
    });
  }

  for (const exchange of jamba.filter((e) => e.operation === "invoke-with-response-stream")) {
    it(`Jamba streams ${exchange.file}`, () => {
      const events = chunkEvents(exchange) as Json[];
      const out = runStream(ai21Jamba, events, optionsFor(exchange));
      expect(out.content).toBe(events.filter((e) => e.choices).map((e) => e.choices[0].delta.content ?? "").join(""));
      expect(out.finishes).toEqual(["stop"]);
      const m = streamMetrics(events)!;
      expect(out.usage).toEqual({ prompt_tokens: m.inputTokenCount, completion_tokens: m.outputTokenCount, total_tokens: m.inputTokenCount + m.outputTokenCount });
    });
  }

  it("builds every recorded request body from the equivalent OpenAI input", () => {
    let exact = 0;
    let allowed = 0;
    for (const exchange of j2) {
      const { prompt, maxTokens, temperature, topP, stopSequences } = exchange.request.body as Json;
      const params = { model: exchange.modelId!, messages: [{ role: "user" as const, content: prompt }], max_tokens: maxTokens, temperature, top_p: topP, ...(stopSequences && { stop: stopSequences }) };
      const check = checkRoundTrip(exchange.file, ai21J2.buildRequest(params, optionsFor(exchange)), exchange.request.body, J2_ALLOW);
      expect(check.unexpected, exchange.file).toEqual([]);
      expect(check.stale, exchange.file).toEqual([]);
      if (check.diffs.length === 0) exact++;
      else allowed++;
    }
    for (const exchange of jamba) {
      const { messages, max_tokens, temperature } = exchange.request.body as Json;
      const check = checkRoundTrip(exchange.file, ai21Jamba.buildRequest({ model: exchange.modelId!, messages, max_tokens, temperature }, optionsFor(exchange)), exchange.request.body, []);
      expect(check.diffs, exchange.file).toEqual([]);
      exact++;
    }
    console.info(`ai21 request round trip: ${exact} exact, ${allowed} allow-listed`);
  });
});

describe("ai21 request mapping", () => {
  it("J2: transcript prompt, penalties as scales", () => {
    const body = ai21J2.buildRequest(
      { model: "m", messages: [{ role: "user", content: "Hi" }, { role: "assistant", content: "Hello." }, { role: "user", content: "Bye" }], presence_penalty: 0.5, stop: "##" },
      options,
    );
    expect(body).toEqual({ prompt: "User: Hi\nAssistant: Hello.\nUser: Bye\nAssistant:", presencePenalty: { scale: 0.5 }, stopSequences: ["##"] });
  });

  it("J2 has no streaming and no tools", () => {
    expect(() => ai21J2.createStreamMapper({ ...options, stream: true })).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "stream" }));
    expect(() => ai21J2.buildRequest({ model: "m", messages: [{ role: "user", content: "x" }], tools: [{ type: "function", function: { name: "f" } }] }, options)).toThrow(expect.objectContaining({ field: "tools" }));
  });

  it("Jamba: system message, stop, tools; n > 1 refused", () => {
    const body = ai21Jamba.buildRequest(
      { model: "m", messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }], stop: ["\n"], tools: [{ type: "function", function: { name: "f" } }] },
      { ...options, modelId: "ai21.jamba-1-5-large-v1:0" },
    );
    expect(body).toEqual({
      messages: [{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }],
      stop: ["\n"],
      tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: {} } } }],
    });
    expect(() => ai21Jamba.buildRequest({ model: "m", messages: [{ role: "user", content: "x" }], n: 2 }, options)).toThrow(expect.objectContaining({ field: "n" }));
  });
});
