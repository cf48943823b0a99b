import { describe, expect, it } from "vitest";
import { openaiGptOss } from "../../src/families/openai-gpt-oss";
import { runStream } from "./native-helpers";

// No recorded gpt-oss InvokeModel traffic exists (only Converse): these follow
// https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-openai.html (Chat Completions body; reasoning
// in `<reasoning>` tags before the answer on InvokeModel).
const options = { modelId: "openai.gpt-oss-120b-1:0", dropParams: false, stream: false };

describe("openai gpt-oss mapper", () => {
  it("builds a Chat Completions body without model and stream", () => {
    const body = openaiGptOss.buildRequest(
      {
        model: "bedrock/invoke/openai.gpt-oss-120b-1:0",
        messages: [{ role: "developer", content: "Be brief." }, { role: "user", content: "Hi" }],
        max_tokens: 100,
        reasoning_effort: "low",
        tools: [{ type: "function", function: { name: "f", description: "F" } }],
        tool_choice: "auto",
      },
      options,
    );
    expect(body).toEqual({
      messages: [{ role: "developer", content: "Be brief." }, { role: "user", content: "Hi" }],
      max_completion_tokens: 100,
      reasoning_effort: "low",
      tools: [{ type: "function", function: { name: "f", description: "F", parameters: { type: "object", properties: {} } } }],
      tool_choice: "auto",
    });
  });

  it("parses the chat completion, splitting <reasoning>", () => {
    const result = openaiGptOss.parseResponse(
      {
        id: "x",
        object: "chat.completion",
        choices: [{ index: 0, message: { role: "assistant", content: "<reasoning>Simple greeting.</reasoning>Hello!" }, finish_reason: "stop" }],
        usage: { prompt_tokens: 10, completion_tokens: 8, total_tokens: 18 },
      },
      options,
    );
    expect(result).toEqual({ content: "Hello!", reasoning_content: "Simple greeting.", finish_reason: "stop", usage: { prompt_tokens: 10, completion_tokens: 8, total_tokens: 18 } });
  });

  it("streams chunks with tool calls and reasoning", () => {
    const events = [
      { choices: [{ index: 0, delta: { role: "assistant", content: "<reasoning>Need" } }] },
      { choices: [{ index: 0, delta: { content: " a tool.</reasoning>" } }] },
      { choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: "c1", type: "function", function: { name: "f", arguments: "{}" } }] } }] },
      { choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }], usage: { prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 } },
    ];
    const out = runStream(openaiGptOss, events, { ...options, stream: true });
    expect(out.reasoning).toBe("Need a tool.");
    expect(out.content).toBe("");
    expect(out.deltas.flatMap((d) => d.tool_calls ?? [])).toEqual([{ index: 0, id: "c1", type: "function", function: { name: "f", arguments: "{}" } }]);
    expect(out.finishes).toEqual(["tool_calls"]);
    expect(out.usage).toEqual({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 });
  });

  it("refuses images and n > 1", () => {
    expect(() =>
      openaiGptOss.buildRequest({ model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "data:image/png;base64,AA==" } }] }] }, options),
    ).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "messages[0].content[0]" }));
    expect(() => openaiGptOss.buildRequest({ model: "m", messages: [{ role: "user", content: "x" }], n: 2 }, options)).toThrow(expect.objectContaining({ field: "n" }));
  });
});
