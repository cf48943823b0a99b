import { describe, expect, it } from "vitest";
import { deepseek } from "../../src/families/deepseek";
import { createReasoningSplitter } from "../../src/families/prompt";
import { runStream } from "./native-helpers";

// No recorded DeepSeek InvokeModel traffic exists (only Converse): these follow the documented request/response
// shapes of https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-deepseek.html.
const options = { modelId: "us.deepseek.r1-v1:0", dropParams: false, stream: false };
const BOS = "<｜begin▁of▁sentence｜>";

describe("deepseek (R1) mapper", () => {
  it("builds R1's chat template with an open think block", () => {
    const body = deepseek.buildRequest(
      {
        model: "m",
        messages: [
          { role: "system", content: "Be brief." },
          { role: "user", content: "2+2?" },
          { role: "assistant", content: "4" },
          { role: "user", content: "3+3?" },
        ],
        max_tokens: 512,
        temperature: 0.6,
        stop: ["<｜end▁of▁sentence｜>"],
      },
      options,
    );
    expect(body).toEqual({
      prompt: `${BOS}Be brief.<｜User｜>2+2?<｜Assistant｜>4<｜end▁of▁sentence｜><｜User｜>3+3?<｜Assistant｜><think>\n`,
      max_tokens: 512,
      temperature: 0.6,
      stop: ["<｜end▁of▁sentence｜>"],
    });
  });

  it("splits the reasoning from the answer", () => {
    const result = deepseek.parseResponse(
      { choices: [{ text: "The user asks 3+3. That is 6.\n</think>\n\n6", stop_reason: "stop" }] },
      { ...options, invocationMetrics: { inputTokenCount: 12, outputTokenCount: 20 } },
    );
    expect(result).toEqual({
      content: "6",
      reasoning_content: "The user asks 3+3. That is 6.\n",
      finish_reason: "stop",
      usage: { prompt_tokens: 12, completion_tokens: 20, total_tokens: 32 },
    });
    expect(deepseek.parseResponse({ choices: [{ text: "still thinking", stop_reason: "length" }] }, options)).toMatchObject({ content: null, reasoning_content: "still thinking", finish_reason: "length" });
  });

  it("streams reasoning then answer, even when </think> is split across chunks", () => {
    const pieces = ["Think", "ing.</th", "ink>", "\n\nAns", "wer"];
    const events = pieces.map((text, i) => ({ choices: [{ text, stop_reason: i === pieces.length - 1 ? "stop" : null }] }));
    (events[events.length - 1] as Record<string, unknown>)["amazon-bedrock-invocationMetrics"] = { inputTokenCount: 3, outputTokenCount: 5 };
    const out = runStream(deepseek, events, { ...options, stream: true });
    expect(out.reasoning).toBe("Thinking.");
    expect(out.content).toBe("Answer");
    expect(out.finishes).toEqual(["stop"]);
    expect(out.usage).toEqual({ prompt_tokens: 3, completion_tokens: 5, total_tokens: 8 });
  });

  it("the splitter agrees with the whole-text split under every chunking", () => {
    const text = "<think>a < b </thin</think>\n\nx </think> y";
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j++) {
        const s = createReasoningSplitter("<think>", "</think>", true);
        const parts = [text.slice(0, i), text.slice(i, j), text.slice(j)].map((t) => s.push(t));
        parts.push(s.flush());
        expect(parts.map((p) => p.reasoning).join("")).toBe("a < b </thin");
        expect(parts.map((p) => p.content).join("")).toBe("x </think> y");
      }
    }
  });

  it("refuses tools and n > 1", () => {
    const base = { model: "m", messages: [{ role: "user" as const, content: "x" }] };
    expect(() => deepseek.buildRequest({ ...base, tools: [{ type: "function", function: { name: "f" } }] }, options)).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "tools" }));
    expect(() => deepseek.buildRequest({ ...base, n: 2 }, options)).toThrow(expect.objectContaining({ field: "n" }));
  });
});
