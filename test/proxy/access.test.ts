/**
 * The proxy's `onAccess`: one record per request once its answer has ended (a stream at its last byte), with the
 * request id the answer carries in `x-request-id`, the model, the deployment that answered, the tokens Bedrock
 * reported, and whether the client left first. The proxy runs in-process in front of the emulator.
 */
import { describe, expect, it } from "vitest";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator/index";
import { createProxy, type ProxyAccessRecord } from "../../src/proxy/index";

function setup() {
  const emulator = createEmulator();
  const records: ProxyAccessRecord[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => emulator(new Request(input, init))) as typeof globalThis.fetch;
  const proxy = createProxy(
    {
      model_list: [{
        model_name: "claude",
        litellm_params: { model: "bedrock/anthropic.claude-3-haiku-20240307-v1:0", aws_access_key_id: TEST_CREDENTIALS.accessKeyId, aws_secret_access_key: TEST_CREDENTIALS.secretAccessKey, aws_region_name: "us-east-1" },
        model_info: { id: "claude-east" },
      }],
    },
    { env: {}, fetch, onAccess: (record) => records.push(record) },
  );
  const chat = (body: Record<string, unknown>) =>
    proxy(new Request("http://proxy.test/v1/chat/completions?trace=1", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }));
  return { proxy, records, chat };
}

const HELLO = [{ role: "user", content: "Hello there" }];

describe("the proxy's access records", () => {
  it("a JSON answer: one record with the id, model, deployment and tokens, once the body has been read", async () => {
    const s = setup();
    const response = await s.chat({ model: "claude", messages: HELLO });
    const answer = (await response.json()) as { usage: { total_tokens: number } };
    expect(s.records).toEqual([{
      requestId: response.headers.get("x-request-id"), method: "POST", path: "/v1/chat/completions", status: 200,
      ms: expect.any(Number), model: "claude", deployment: "claude-east", tokens: answer.usage.total_tokens,
    }]);
  });

  it("a stream: the record comes at its end, with the tokens its usage chunk reported", async () => {
    const s = setup();
    const response = await s.chat({ model: "claude", messages: HELLO, stream: true, stream_options: { include_usage: true } });
    expect(s.records).toEqual([]);
    const text = await response.text();
    expect(text).toContain("data: [DONE]");
    expect(s.records).toHaveLength(1);
    expect(s.records[0]).toMatchObject({ status: 200, model: "claude", deployment: "claude-east", tokens: expect.any(Number) });
    expect(s.records[0]).not.toHaveProperty("aborted");
  });

  it("a client that leaves mid-stream is recorded as aborted; a refusal carries no deployment", async () => {
    const s = setup();
    const response = await s.chat({ model: "claude", messages: HELLO, stream: true });
    const reader = response.body!.getReader();
    await reader.read();
    await reader.cancel();
    expect(s.records[0]).toMatchObject({ status: 200, aborted: true });
    const unknown = await s.chat({ model: "gpt-4", messages: HELLO });
    await unknown.arrayBuffer();
    expect(s.records[1]).toEqual({ requestId: unknown.headers.get("x-request-id"), method: "POST", path: "/v1/chat/completions", status: 404, ms: expect.any(Number), model: "gpt-4" });
  });

  it("every answer carries an x-request-id, and a malformed onAccess is refused when the proxy is created", async () => {
    const s = setup();
    const ids = new Set<string | null>();
    for (let i = 0; i < 3; i++) ids.add((await s.proxy(new Request("http://proxy.test/health"))).headers.get("x-request-id"));
    expect(ids.size).toBe(3);
    const config = { model_list: [{ model_name: "claude", litellm_params: { model: "bedrock/anthropic.claude-3-haiku-20240307-v1:0", aws_access_key_id: "AKIDEXAMPLE", aws_secret_access_key: "x".repeat(40), aws_region_name: "us-east-1" } }] };
    expect(() => createProxy(config, { env: {}, onAccess: "yes" as never })).toThrow(expect.objectContaining({ name: "ConfigurationError", field: "onAccess" }));
  });
});
