/**
 * The emulator refuses what Bedrock refuses, with Bedrock's status, error type and words: unknown model ids and
 * inference profiles, members that break the service model (wrong JSON type, out of range, bad enum or pattern),
 * native bodies that break their model's schema (extraneous or missing keys), and Converse features the model
 * lacks. `lenient: true` accepts all of it, as the emulator did before these checks.
 */
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { modelPath, signedPost } from "./helpers";

const strict = createEmulator();
const lenient = createEmulator({ lenient: true });

const HAIKU = "anthropic.claude-3-haiku-20240307-v1:0";
const USER = [{ role: "user", content: [{ text: "Hello there" }] }];
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const TOOLS = { tools: [{ toolSpec: { name: "get_weather", description: "Weather for a city", inputSchema: { json: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } } }] };

async function call(model: string, operation: string, body: unknown, emulator = strict): Promise<{ status: number; type: string; message: string }> {
  const res = await emulator(await signedPost(modelPath(model, operation), body));
  const text = await res.text();
  const message = res.status === 200 ? "" : (JSON.parse(text) as { message: string }).message;
  return { status: res.status, type: res.headers.get("x-amzn-ErrorType") ?? "", message };
}

function refused(message: string) {
  return { status: 400, type: "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/", message };
}

// Each case: what is sent, and Bedrock's answer to it.
const CASES: { name: string; model: string; operation: string; body: unknown; message: string; evenLenient?: boolean }[] = [
  { name: "an unknown model id", model: "anthropic.claude-9", operation: "converse", body: { messages: USER },
    message: "The provided model identifier is invalid." },
  { name: "an unknown model id on InvokeModel", model: "anthropic.claude-9", operation: "invoke",
    body: { anthropic_version: "bedrock-2023-05-31", max_tokens: 10, messages: [{ role: "user", content: "hi" }] },
    message: "The provided model identifier is invalid." },
  { name: "an inference profile the model does not have (Claude 3.5 Haiku has no eu. profile)", model: "eu.anthropic.claude-3-5-haiku-20241022-v1:0",
    operation: "converse", body: { messages: USER }, message: "The provided model identifier is invalid." },
  { name: "a version suffix typo", model: "us.amazon.nova-micro-v1:O", operation: "converse", body: { messages: USER },
    message: "The provided model identifier is invalid.", evenLenient: true },
  { name: "a temperature that is not a number", model: HAIKU, operation: "converse", body: { messages: USER, inferenceConfig: { temperature: "hot" } },
    message: "STRING_VALUE can not be converted to a Float" },
  { name: "a temperature above 1", model: HAIKU, operation: "converse", body: { messages: USER, inferenceConfig: { temperature: 1.5 } },
    message: "1 validation error detected: Value '1.5' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1" },
  { name: "a negative maxTokens", model: HAIKU, operation: "converse", body: { messages: USER, inferenceConfig: { maxTokens: -5 } },
    message: "1 validation error detected: Value '-5' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1" },
  { name: "two broken constraints at once", model: HAIKU, operation: "converse", body: { messages: USER, inferenceConfig: { maxTokens: 0, topP: 2 } },
    message: "2 validation errors detected: Value '0' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
      "Value '2.0' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value less than or equal to 1" },
  { name: "a role outside the enum", model: HAIKU, operation: "converse", body: { messages: [{ role: "robot", content: [{ text: "hi" }] }] },
    message: "1 validation error detected: Value 'robot' at 'messages.1.member.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant, system]" },
  { name: "a tool name outside the pattern", model: HAIKU, operation: "converse",
    body: { messages: USER, toolConfig: { tools: [{ toolSpec: { name: "get weather", inputSchema: { json: { type: "object" } } } }] } },
    message: "1 validation error detected: Value 'get weather' at 'toolConfig.tools.1.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+" },
  { name: "a message without content", model: HAIKU, operation: "converse", body: { messages: [{ role: "user" }] },
    message: "1 validation error detected: Value null at 'messages.1.member.content' failed to satisfy constraint: Member must not be null" },
  { name: "a typo in additionalModelRequestFields", model: HAIKU, operation: "converse", body: { messages: USER, additionalModelRequestFields: { max_token: 5 } },
    message: "The model returned the following errors: Malformed input request: #: extraneous key [max_token] is not permitted, please reformat your input and try again." },
  { name: "extended thinking for a model without it", model: HAIKU, operation: "converse",
    body: { messages: USER, additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 1024 } } },
    message: "The model returned the following errors: Malformed input request: #: extraneous key [thinking] is not permitted, please reformat your input and try again." },
  { name: "a typo in a native Claude body", model: HAIKU, operation: "invoke",
    body: { anthropic_version: "bedrock-2023-05-31", max_tokens: 10, max_token: 10, messages: [{ role: "user", content: "hi" }] },
    message: "Malformed input request: #: extraneous key [max_token] is not permitted, please reformat your input and try again." },
  { name: "a Claude v2.1 text completion without max_tokens_to_sample", model: "anthropic.claude-v2:1", operation: "invoke",
    body: { prompt: "\n\nHuman: hi\n\nAssistant:" },
    message: "Malformed input request: #: required key [max_tokens_to_sample] not found, please reformat your input and try again." },
  { name: "a Llama 3 max_gen_len above its cap", model: "meta.llama3-8b-instruct-v1:0", operation: "invoke", body: { prompt: "hi", max_gen_len: 8192 },
    message: "Malformed input request: #/max_gen_len: 8192 is not less or equal to 2048, please reformat your input and try again." },
  { name: "a Nova message content that is a string", model: "amazon.nova-lite-v1:0", operation: "invoke", body: { messages: [{ role: "user", content: "hi" }] },
    message: "Malformed input request: #/messages/0/content: expected type: JSONArray, found: String, please reformat your input and try again." },
  { name: "an image to Claude Instant", model: "anthropic.claude-instant-v1", operation: "converse",
    body: { messages: [{ role: "user", content: [{ text: "What is this?" }, { image: { format: "png", source: { bytes: PNG } } }] }] },
    message: "This model doesn't support the image content block that you provided. Update the content block and try again." },
  { name: "tools to Claude Instant", model: "anthropic.claude-instant-v1", operation: "converse", body: { messages: USER, toolConfig: TOOLS },
    message: "This model doesn't support tool use." },
  { name: "tools to Claude Instant's native text body", model: "anthropic.claude-instant-v1", operation: "invoke",
    body: { prompt: "\n\nHuman: hi\n\nAssistant:", max_tokens_to_sample: 10, tools: [] },
    message: "Malformed input request: #: extraneous key [tools] is not permitted, please reformat your input and try again." },
  { name: "a system prompt to Titan", model: "amazon.titan-text-express-v1", operation: "converse", body: { messages: USER, system: [{ text: "Be brief." }] },
    message: "This model doesn't support system messages. Try again without a system message or use a model that supports system messages." },
  { name: "a forced tool choice to Llama 4", model: "us.meta.llama4-maverick-17b-instruct-v1:0", operation: "converse",
    body: { messages: USER, toolConfig: { ...TOOLS, toolChoice: { any: {} } } },
    message: "This model doesn't support the toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again." },
  { name: "streamed tool use to Llama 4", model: "us.meta.llama4-maverick-17b-instruct-v1:0", operation: "converse-stream", body: { messages: USER, toolConfig: TOOLS },
    message: "This model doesn't support tool use in streaming mode." },
  { name: "tools to DeepSeek-R1", model: "us.deepseek.r1-v1:0", operation: "converse", body: { messages: USER, toolConfig: TOOLS },
    message: "This model doesn't support tool use." },
  { name: "a video to Claude", model: "us.anthropic.claude-sonnet-4-5-20250929-v1:0", operation: "converse",
    body: { messages: [{ role: "user", content: [{ video: { format: "mp4", source: { bytes: PNG } } }] }] },
    message: "This model doesn't support the video content block that you provided. Update the content block and try again." },
  { name: "a tool result without a toolConfig", model: HAIKU, operation: "converse",
    body: { messages: [...USER, { role: "assistant", content: [{ toolUse: { toolUseId: "t1", name: "get_weather", input: {} } }] },
      { role: "user", content: [{ toolResult: { toolUseId: "t1", content: [{ text: "sunny" }] } }] }] },
    message: "The toolConfig field must be defined when using toolUse and toolResult content blocks." },
];

describe("the strict emulator refuses what Bedrock refuses", () => {
  for (const c of CASES) {
    it(c.name, async () => {
      expect(await call(c.model, c.operation, c.body)).toEqual(refused(c.message));
    });
  }

  it("accepts the ids and ARNs Bedrock accepts", async () => {
    for (const model of [HAIKU, `us.${HAIKU}`, `arn:aws:bedrock:us-east-1::foundation-model/${HAIKU}`,
      `arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.${HAIKU}`,
      "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123def456"]) {
      expect((await call(model, "converse", { messages: USER })).status, model).toBe(200);
    }
    expect((await call(`arn:aws:bedrock:us-east-1:123456789012:inference-profile/${HAIKU}`, "converse", { messages: USER })).message)
      .toBe("The provided model identifier is invalid.");
  });
});

describe("lenient: true", () => {
  it("accepts every request above that is well-formed JSON, as the emulator did before its checks", async () => {
    for (const c of CASES.filter((x) => x.evenLenient !== true)) {
      const answer = await call(c.model, c.operation, c.body, lenient);
      expect(answer.status, c.name).toBe(200);
    }
  });

  it("is a boolean option", () => {
    expect(() => createEmulator({ lenient: "yes" as never })).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "lenient" }));
  });
});
