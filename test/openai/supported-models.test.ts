/**
 * Every model of the "Supported AWS Bedrock Models" table on LiteLLM's Bedrock page, end to end against the
 * emulator on both routes Bedrock offers (Converse, the default, and `invoke/` with the family's native body),
 * streamed and not, in-process and over loopback HTTP. Asserts the request path, the native body the family
 * builds, and the answer's text, finish_reason and usage. AI21 Jurassic-2 has no streaming on Bedrock (neither
 * InvokeModelWithResponseStream nor ConverseStream): there the typed error comes before any request.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ConfigurationError } from "../../src/errors";
import { clientFor, collect, createHarness, modelPath, textOf } from "./helpers";
import type { Harness, Transport } from "./helpers";

const PROMPT = "Hello, how are you?";
const PARAMS = { messages: [{ role: "user" as const, content: PROMPT }], max_tokens: 64, temperature: 0.5 };

const claudeMessages = { anthropic_version: "bedrock-2023-05-31", max_tokens: 64, temperature: 0.5, messages: [{ role: "user", content: PROMPT }] };
const claudeText = { prompt: `\n\nHuman: ${PROMPT}\n\nAssistant:`, max_tokens_to_sample: 64, temperature: 0.5 };
const llama3 = {
  prompt: `<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n${PROMPT}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n`,
  max_gen_len: 64,
  temperature: 0.5,
};
const llama2 = { prompt: `<s>[INST] ${PROMPT} [/INST]`, max_gen_len: 64, temperature: 0.5 };
const titan = { inputText: PROMPT, textGenerationConfig: { maxTokenCount: 64, temperature: 0.5 } };
const cohere = { prompt: PROMPT, max_tokens: 64, temperature: 0.5 };
const j2 = { prompt: PROMPT, maxTokens: 64, temperature: 0.5 };
const jamba = { messages: [{ role: "user", content: PROMPT }], max_tokens: 64, temperature: 0.5 };
const mistral = { prompt: `<s>[INST] ${PROMPT} [/INST]`, max_tokens: 64, temperature: 0.5 };

// [table row, model id, native InvokeModel body, streams on Bedrock]
const TABLE = [
  ["Anthropic Claude-V3.5 Sonnet", "anthropic.claude-3-5-sonnet-20240620-v1:0", claudeMessages, true],
  ["Anthropic Claude-V3 sonnet", "anthropic.claude-3-sonnet-20240229-v1:0", claudeMessages, true],
  ["Anthropic Claude-V3 Haiku", "anthropic.claude-3-haiku-20240307-v1:0", claudeMessages, true],
  ["Anthropic Claude-V3 Opus", "anthropic.claude-3-opus-20240229-v1:0", claudeMessages, true],
  ["Anthropic Claude-V2.1", "anthropic.claude-v2:1", claudeText, true],
  ["Anthropic Claude-V2", "anthropic.claude-v2", claudeText, true],
  ["Anthropic Claude-Instant V1", "anthropic.claude-instant-v1", claudeText, true],
  ["Meta llama3-70b", "meta.llama3-70b-instruct-v1:0", llama3, true],
  ["Meta llama3-8b", "meta.llama3-8b-instruct-v1:0", llama3, true],
  ["Amazon Titan Lite", "amazon.titan-text-lite-v1", titan, true],
  ["Amazon Titan Express", "amazon.titan-text-express-v1", titan, true],
  ["Cohere Command", "cohere.command-text-v14", cohere, true],
  ["AI21 J2-Mid", "ai21.j2-mid-v1", j2, false],
  ["AI21 J2-Ultra", "ai21.j2-ultra-v1", j2, false],
  ["AI21 Jamba-Instruct", "ai21.jamba-instruct-v1:0", jamba, true],
  ["Meta Llama 2 Chat 13b", "meta.llama2-13b-chat-v1", llama2, true],
  ["Meta Llama 2 Chat 70b", "meta.llama2-70b-chat-v1", llama2, true],
  ["Mistral 7B Instruct", "mistral.mistral-7b-instruct-v0:2", mistral, true],
  ["Mixtral 8x7B Instruct", "mistral.mixtral-8x7b-instruct-v0:1", mistral, true],
] as const;

const CONVERSE_BODY = {
  messages: [{ role: "user", content: [{ text: PROMPT }] }],
  inferenceConfig: { maxTokens: 64, temperature: 0.5 },
};

const TRANSPORTS: readonly Transport[] = ["in-process", "loopback"];

describe.each(TRANSPORTS)("supported-models table (%s)", (transport) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(transport);
  });
  afterEach(async () => {
    await h.close();
  });

  describe.each(TABLE)("%s (%s)", (_row, id, nativeBody, streams) => {
    for (const route of ["converse", "invoke"] as const) {
      const model = route === "converse" ? `bedrock/${id}` : `bedrock/invoke/${id}`;
      const expectedBody = route === "converse" ? CONVERSE_BODY : nativeBody;

      it(`${route}: the family's body, text, finish_reason and usage`, async () => {
        const response = await clientFor(h).completion({ model, ...PARAMS });
        expect(h.requests).toHaveLength(1);
        expect(h.requests[0]!.path).toBe(modelPath(id, route));
        expect(h.requests[0]!.json).toEqual(expectedBody);
        expect(response.model).toBe(id);
        const content = response.choices[0]!.message.content!;
        expect(content).toContain("Echo: ");
        expect(content).toContain("Hello, how are you");
        expect(response.choices[0]!.finish_reason).toBe("stop");
        expect(response.usage.prompt_tokens).toBeGreaterThan(0);
        expect(response.usage.completion_tokens).toBeGreaterThan(0);
        expect(response.usage.total_tokens).toBe(response.usage.prompt_tokens + response.usage.completion_tokens);
      });

      if (streams) {
        it(`${route}: streamed, the same text, one finish_reason and usage`, async () => {
          const bedrock = clientFor(h);
          const whole = await bedrock.completion({ model, ...PARAMS });
          const chunks = await collect(await bedrock.completion({ model, ...PARAMS, stream: true, stream_options: { include_usage: true } }));
          expect(h.requests[1]!.path).toBe(modelPath(id, route === "converse" ? "converse-stream" : "invoke-with-response-stream"));
          // The streaming operations take the same body as their non-streaming twins, except that Cohere Command
          // must be told to stream ("stream: true" in https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-cohere-command.html).
          const streamedBody = route === "invoke" && id.startsWith("cohere.") ? { ...expectedBody, stream: true } : expectedBody;
          expect(h.requests[1]!.json).toEqual(streamedBody);
          expect(chunks[0]!.choices[0]!.delta.role).toBe("assistant");
          expect(textOf(chunks)).toBe(whole.choices[0]!.message.content);
          const finishes = chunks.flatMap((c) => (c.choices[0]?.finish_reason ? [c.choices[0].finish_reason] : []));
          expect(finishes).toEqual(["stop"]);
          const usage = chunks.at(-1)!.usage!;
          expect(chunks.at(-1)!.choices).toEqual([]);
          expect(usage.prompt_tokens).toBeGreaterThan(0);
          expect(usage.completion_tokens).toBeGreaterThan(0);
          expect(usage).toEqual(whole.usage);
        });
      } else {
        it(`${route}: streaming is refused with a typed error before any request`, async () => {
          const error = await clientFor(h)
            .completion({ model, ...PARAMS, stream: true })
            .then(() => undefined, (e: unknown) => e);
          expect(error).toBeInstanceOf(ConfigurationError);
          expect((error as ConfigurationError).name).toBe("ConfigurationError");
          expect((error as ConfigurationError).field).toBe("stream");
          expect((error as ConfigurationError).message).toMatch(/Jurassic-2 has no streaming.*without `stream: true`/);
          expect(h.fetchCalls()).toBe(0);
          expect(h.requests).toHaveLength(0);
        });
      }
    }
  });
});
