/**
 * The Bedrock settings of chat params on the `invoke/` route: `guardrailConfig`, `serviceTier`, `performanceConfig`
 * and `requestMetadata` reach InvokeModel and InvokeModelWithResponseStream as their headers
 * (X-Amzn-Bedrock-GuardrailIdentifier, -GuardrailVersion, -Trace, -PerformanceConfig-Latency, -Service-Tier,
 * -Request-Metadata), as the same call over Converse sends them in its body; the guardrail then acts (the emulator's
 * guardrail intervenes on a blocked word, which Nova's mapper reports as `content_filter`). The settings only Converse
 * takes are refused, naming the route to use. Against the emulator, in-process.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TEST_CREDENTIALS } from "../../src/emulator/index";
import { ConfigurationError } from "../../src/errors";
import { anthropic, nova } from "../../src/families/index";
import { chatCompletion, createBedrock, createBedrockCore } from "../../src/index";
import { collect, createHarness, REGION, textOf, type Harness } from "./helpers";

let h: Harness;
beforeEach(async () => {
  h = await createHarness("in-process");
});
afterEach(async () => {
  await h.close();
});

const core = () => createBedrockCore({ region: REGION, credentials: TEST_CREDENTIALS, fetch: h.fetch, endpoint: h.endpoint, env: {} });
const SETTINGS = {
  guardrailConfig: { guardrailIdentifier: "gr0example1", guardrailVersion: "3", trace: "enabled" as const },
  serviceTier: { type: "flex" },
  performanceConfig: { latency: "optimized" },
  requestMetadata: { team: "search" },
};

function bedrockHeaders(headers: Headers): Record<string, string> {
  return Object.fromEntries([...headers].filter(([name]) => name.startsWith("x-amzn-bedrock-")));
}

describe("Bedrock settings on the invoke/ route", () => {
  it("are sent as InvokeModel's headers, and the guardrail acts on the answer", async () => {
    const answer = await chatCompletion(
      core(),
      { model: "bedrock/invoke/amazon.nova-micro-v1:0", messages: [{ role: "user", content: "this is blocked content" }], ...SETTINGS },
      { families: [nova] },
    );
    expect(h.requests).toHaveLength(1);
    expect(h.requests[0]!.path).toBe("/model/amazon.nova-micro-v1%3A0/invoke");
    expect(bedrockHeaders(h.requests[0]!.headers)).toEqual({
      "x-amzn-bedrock-guardrailidentifier": "gr0example1",
      "x-amzn-bedrock-guardrailversion": "3",
      "x-amzn-bedrock-trace": "ENABLED",
      "x-amzn-bedrock-service-tier": "flex",
      "x-amzn-bedrock-performanceconfig-latency": "optimized",
      "x-amzn-bedrock-request-metadata": '{"team":"search"}',
    });
    // Nothing of the settings leaks into the model's own body.
    expect(Object.keys(h.requests[0]!.json)).not.toEqual(expect.arrayContaining(["guardrailConfig"]));
    expect(answer.choices[0]!.finish_reason).toBe("content_filter");
  });

  it("are sent on InvokeModelWithResponseStream too, by createBedrock().completion", async () => {
    const bedrock = createBedrock({ region: REGION, credentials: TEST_CREDENTIALS, fetch: h.fetch, endpoint: h.endpoint, env: {} });
    const chunks = await collect(
      await bedrock.completion({
        model: "invoke/anthropic.claude-3-haiku-20240307-v1:0",
        messages: [{ role: "user", content: "Hello" }],
        max_tokens: 50,
        stream: true,
        ...SETTINGS,
        guardrailConfig: { guardrailIdentifier: "gr0example1", guardrailVersion: "DRAFT", streamProcessingMode: "sync" },
      }),
    );
    expect(textOf(chunks)).toMatch(/^Echo: Hello/);
    expect(h.requests[0]!.path).toBe("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream");
    expect(bedrockHeaders(h.requests[0]!.headers)).toMatchObject({
      "x-amzn-bedrock-guardrailidentifier": "gr0example1",
      "x-amzn-bedrock-guardrailversion": "DRAFT",
      "x-amzn-bedrock-service-tier": "flex",
      "x-amzn-bedrock-performanceconfig-latency": "optimized",
    });
    expect(bedrockHeaders(h.requests[0]!.headers)).not.toHaveProperty("x-amzn-bedrock-trace");
  });

  it("are the same settings the converse/ route sends in its body", async () => {
    await chatCompletion(core(), { model: "bedrock/converse/amazon.nova-micro-v1:0", messages: [{ role: "user", content: "Hello" }], ...SETTINGS });
    expect(h.requests[0]!.json).toMatchObject(SETTINGS);
  });

  it.each([
    ["promptVariables", { promptVariables: { topic: { text: "x" } } }, false],
    ["additionalModelResponseFieldPaths", { additionalModelResponseFieldPaths: ["/stop_sequence"] }, false],
    ["guardrailConfig.streamProcessingMode", { guardrailConfig: { guardrailIdentifier: "gr0example1", guardrailVersion: "1", streamProcessingMode: "async" } }, true],
  ] as const)("refuses %s, which only Converse takes, before any request (drop_params drops it)", async (field, extra, stream) => {
    const params = { model: "invoke/anthropic.claude-3-haiku-20240307-v1:0", messages: [{ role: "user" as const, content: "Hi" }], max_tokens: 20, ...extra };
    const error = await chatCompletion(core(), { ...params, stream }, { families: [anthropic] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe(field);
    expect((error as ConfigurationError).message).toBe(
      `\`${field}\` is not supported by the \`invoke/\` route on Bedrock. Only Converse takes it: use the \`converse/\` route. Remove it, or pass \`drop_params: true\` to drop unsupported parameters.`,
    );
    expect(h.fetchCalls()).toBe(0);
    const dropped = await chatCompletion(core(), { ...params, stream: false, drop_params: true }, { families: [anthropic] });
    expect(dropped.object).toBe("chat.completion");
  });

  it("refuses a value that cannot be a header, naming it, before any request", async () => {
    const error = await chatCompletion(
      core(),
      { model: "invoke/anthropic.claude-3-haiku-20240307-v1:0", messages: [{ role: "user", content: "Hi" }], serviceTier: { type: "flex\r\nx-injected: 1" } },
      { families: [anthropic] },
    ).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as ConfigurationError).field).toBe("serviceTier.type");
    expect(h.fetchCalls()).toBe(0);
  });

  it("a value Bedrock does not take is Bedrock's refusal, as over Converse", async () => {
    const error = await chatCompletion(
      core(),
      { model: "invoke/anthropic.claude-3-haiku-20240307-v1:0", messages: [{ role: "user", content: "Hi" }], max_tokens: 20, serviceTier: { type: "gold" } },
      { families: [anthropic] },
    ).then(
      () => undefined,
      (e: unknown) => e as { status?: number; message?: string },
    );
    expect(error?.status).toBe(400);
    expect(error?.message).toMatch(/serviceTier/);
  });
});
