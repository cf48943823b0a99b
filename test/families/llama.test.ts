import { describe, expect, it } from "vitest";
import { llama2Prompt, metaLlama } from "../../src/families/llama";
import { hasShared } from "../helpers/shared";
import { type AllowedDiff, checkRoundTrip, chunkEvents, headerCounts, invokeExchanges, optionsFor, runStream, streamMetrics } from "./native-helpers";

const recordings = invokeExchanges("meta-llama");
const ok = recordings.filter((e) => e.response.status === 200);
const FINISH: Record<string, string> = { stop: "stop", length: "length" };
const llama3 = { modelId: "meta.llama3-8b-instruct-v1:0", dropParams: false, stream: false };

// These recorders sent a raw completion prompt rather than a chat; the chat caller's equivalent gets the template.
const RAW = "recorder sent a raw completion prompt without the chat template; a chat caller's message gets the model's template";
const ALLOW: AllowedDiff[] = [
  { file: "dd-trace-js--bedrock-runtime_model_meta", path: "prompt", reason: RAW },
  { file: "dd-trace-py--meta_invoke", path: "prompt", reason: RAW },
  { file: "openllmetry--test_meta_llama3_completion", path: "prompt", reason: RAW },
  { file: "otel-py-contrib--test_invoke_model", path: "prompt", reason: RAW },
];

describe.skipIf(!hasShared)("meta-llama mapper over the recorded exchanges", () => {
  it("has recordings to check", () => expect(ok.length).toBe(8));

  for (const exchange of ok.filter((e) => e.operation === "invoke")) {
    it(`parses ${exchange.file}`, () => {
      const body = exchange.response.body as { generation: string; prompt_token_count: number; generation_token_count: number; stop_reason: string };
      const result = metaLlama.parseResponse(body, optionsFor(exchange));
      expect(result.content).toBe(body.generation);
      expect(result.finish_reason).toBe(FINISH[body.stop_reason]);
      expect(result.usage).toEqual({ prompt_tokens: body.prompt_token_count, completion_tokens: body.generation_token_count, total_tokens: body.prompt_token_count + body.generation_token_count });
      const counts = headerCounts(exchange)!;
      expect([result.usage.prompt_tokens, result.usage.completion_tokens]).toEqual([counts.inputTokenCount, counts.outputTokenCount]);
    });
  }

  for (const exchange of ok.filter((e) => e.operation === "invoke-with-response-stream")) {
    it(`streams ${exchange.file}`, () => {
      const events = chunkEvents(exchange);
      const out = runStream(metaLlama, events, optionsFor(exchange));
      expect(out.content).toBe(events.map((e) => e.generation as string).join(""));
      expect(out.roleFirst).toBe(true);
      expect(out.finishes).toEqual([FINISH[events[events.length - 1]!.stop_reason as string]]);
      const m = streamMetrics(events)!;
      expect(out.usage).toEqual({ prompt_tokens: m.inputTokenCount, completion_tokens: m.outputTokenCount, total_tokens: m.inputTokenCount + m.outputTokenCount });
    });
  }

  it("builds every recorded request body from the equivalent OpenAI chat input (allow-list above)", () => {
    let exact = 0;
    let allowed = 0;
    for (const exchange of recordings) {
      const body = exchange.request.body as { prompt: string; max_gen_len?: number; temperature?: number; top_p?: number };
      // The Llama 2 recording was produced by a chat template: recover its system prompt and user message.
      const templated = /^<s>\[INST\] <<SYS>>\n([\s\S]*)\n<<\/SYS>>\n\n([\s\S]*) \[\/INST\]$/.exec(body.prompt);
      const messages = templated
        ? [{ role: "system" as const, content: templated[1]! }, { role: "user" as const, content: templated[2]! }]
        : [{ role: "user" as const, content: body.prompt }];
      const params = {
        model: exchange.modelId!,
        messages,
        ...(body.max_gen_len !== undefined && { max_tokens: body.max_gen_len }),
        ...(body.temperature !== undefined && { temperature: body.temperature }),
        ...(body.top_p !== undefined && { top_p: body.top_p }),
      };
      const built = metaLlama.buildRequest(params, optionsFor(exchange));
      const check = checkRoundTrip(exchange.file, built, body, ALLOW);
      expect(check.unexpected, exchange.file).toEqual([]);
      expect(check.stale, exchange.file).toEqual([]);
      if (check.diffs.length === 0) exact++;
      else allowed++;
    }
    console.info(`meta-llama request round trip: ${exact} exact, ${allowed} allow-listed`);
  });
});

describe("meta-llama templates", () => {
  const messages = [
    { role: "system" as const, content: "Be brief." },
    { role: "user" as const, content: "Hi" },
    { role: "assistant" as const, content: "Hello." },
    { role: "user" as const, content: "Capital of France?" },
  ];

  it("Llama 3: header-delimited turns, open assistant header", () => {
    expect(metaLlama.buildRequest({ model: "m", messages, max_tokens: 64, temperature: 0.2 }, llama3)).toEqual({
      prompt:
        "<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nBe brief.<|eot_id|>" +
        "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|>" +
        "<|start_header_id|>user<|end_header_id|>\n\nCapital of France?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n",
      max_gen_len: 64,
      temperature: 0.2,
    });
  });

  it("Llama 3 pre-fill continues the assistant turn", () => {
    const body = metaLlama.buildRequest({ model: "m", messages: [{ role: "user", content: "Count" }, { role: "assistant", content: "1, 2," }] }, llama3);
    expect(body.prompt).toBe("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nCount<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n1, 2,");
  });

  it("Llama 2: [INST] <<SYS>> template, multi-turn and pre-fill", () => {
    const body = metaLlama.buildRequest({ model: "m", messages }, { ...llama3, modelId: "meta.llama2-13b-chat-v1" });
    expect(body.prompt).toBe("<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\nHi [/INST] Hello. </s><s>[INST] Capital of France? [/INST]");
    expect(llama2Prompt({ system: undefined, turns: [{ role: "user", text: "Q" }, { role: "assistant", text: "A:" }], prefill: true })).toBe("<s>[INST] Q [/INST] A:");
  });

  it("Llama 4 uses its own header tags", () => {
    const body = metaLlama.buildRequest({ model: "m", messages: [{ role: "user", content: "Hi" }] }, { ...llama3, modelId: "us.meta.llama4-scout-17b-instruct-v1:0" });
    expect(body.prompt).toBe("<|begin_of_text|><|header_start|>user<|header_end|>\n\nHi<|eot|><|header_start|>assistant<|header_end|>\n\n");
  });

  it("refuses stop, n > 1 and tools (Llama on Bedrock has none of them)", () => {
    const base = { model: "m", messages: [{ role: "user" as const, content: "x" }] };
    expect(() => metaLlama.buildRequest({ ...base, stop: ["\n"] }, llama3)).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "stop" }));
    expect(() => metaLlama.buildRequest({ ...base, n: 2 }, llama3)).toThrow(expect.objectContaining({ field: "n" }));
    expect(() => metaLlama.buildRequest({ ...base, tools: [{ type: "function", function: { name: "f" } }] }, llama3)).toThrow(expect.objectContaining({ field: "tools" }));
  });
});
