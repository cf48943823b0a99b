/**
 * The one-shot calls (`completion({ model, messages, aws_* })`) name their settings as LiteLLM spells them: a missing
 * region asks for `aws_region_name`, a misspelt `aws_*` parameter is refused with the closest known one before any
 * request (it would otherwise reach the model, its value with it), and `allow_insecure_endpoint` lets an emulator in
 * another container be reached over plain http. `credentialsFromLiteLLMParams` refuses the same typos.
 */
import { describe, expect, it } from "vitest";
import { completion, embedding, imageGeneration } from "../../src/one-shot";
import { completion as nodeCompletion } from "../../src/node/one-shot";
import { credentialsFromLiteLLMParams } from "../../src/credentials";
import { createEmulator, TEST_CREDENTIALS } from "../../src/emulator";
import { ConfigurationError } from "../../src/errors";
import { catchError, registerLeakScan } from "./helpers";

registerLeakScan();

const emulator = createEmulator({ sleep: async () => {} });
const sent: Array<{ url: string; body: string }> = [];
const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const body = init?.body;
  sent.push({ url: String(input), body: typeof body === "string" ? body : new TextDecoder().decode(body as Uint8Array) });
  return emulator(new Request(input, init));
}) as typeof globalThis.fetch;
const env = { AWS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: TEST_CREDENTIALS.secretAccessKey };
const chat = { model: "bedrock/amazon.nova-micro-v1:0", messages: [{ role: "user" as const, content: "hello" }] };

describe("a misspelt aws_* parameter", () => {
  it("completion: refused before any request, with the closest known name", async () => {
    sent.length = 0;
    const error = await catchError(completion({ ...chat, aws_regon_name: "us-east-1" } as never, { env, fetch }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.field).toBe("aws_regon_name");
    expect(error.message).toBe("aws_regon_name is not a known setting; did you mean aws_region_name?");
    expect(sent).toEqual([]);
  });

  it("a misspelt secret is refused too, and its value never sent anywhere", async () => {
    sent.length = 0;
    const error = await catchError(completion({ ...chat, aws_region_name: "us-east-1", aws_secret_acess_key: TEST_CREDENTIALS.secretAccessKey } as never, { env, fetch }));
    expect(error.message).toMatch(/did you mean aws_secret_access_key\?$/);
    expect(sent).toEqual([]);
  });

  it("embedding, imageGeneration and the Node entry's completion alike", async () => {
    const typo = { aws_regin_name: "us-east-1" };
    for (const call of [
      () => embedding({ model: "bedrock/amazon.titan-embed-text-v2:0", input: "hi", ...typo } as never, { env, fetch }),
      () => imageGeneration({ model: "bedrock/amazon.nova-canvas-v1:0", prompt: "a cat", ...typo } as never, { env, fetch }),
      () => nodeCompletion({ ...chat, ...typo } as never, { env, fetch }),
    ]) {
      const error = await catchError(call);
      expect(error.message).toBe("aws_regin_name is not a known setting; did you mean aws_region_name?");
    }
  });

  it("credentialsFromLiteLLMParams refuses it as well", async () => {
    const error = await catchError(() => credentialsFromLiteLLMParams({ aws_regon_name: "us-east-1" } as never, env));
    expect(error.field).toBe("aws_regon_name");
    expect(error.message).toBe("aws_regon_name is not a known setting; did you mean aws_region_name?");
  });
});

describe("no region", () => {
  it("names aws_region_name and AWS_REGION", async () => {
    const error = await catchError(completion(chat, { env, fetch }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.field).toBe("aws_region_name");
    expect(error.message).toBe('No AWS region: pass aws_region_name (e.g. "us-east-1") or set AWS_REGION.');
  });

  it("aws_region_name, or AWS_REGION, is enough", async () => {
    await expect(completion({ ...chat, aws_region_name: "us-east-1", aws_bedrock_runtime_endpoint: "http://127.0.0.1:1" }, { env, fetch })).resolves.toBeTruthy();
    await expect(completion({ ...chat, aws_bedrock_runtime_endpoint: "http://127.0.0.1:1" }, { env: { ...env, AWS_REGION: "us-east-1" }, fetch })).resolves.toBeTruthy();
  });
});

describe("an emulator in another container", () => {
  const params = { ...chat, aws_region_name: "us-east-1", aws_bedrock_runtime_endpoint: "http://emulator:4010" };

  it("is refused without allow_insecure_endpoint, naming it", async () => {
    const error = await catchError(completion(params, { env, fetch }));
    expect(error.field).toBe("aws_bedrock_runtime_endpoint");
    expect(error.message).toMatch(/set allow_insecure_endpoint: true \(or BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT=true\)\.$/);
  });

  it("is called with it, and the setting is not sent to the model", async () => {
    sent.length = 0;
    const answer = await completion({ ...params, allow_insecure_endpoint: true }, { env, fetch });
    expect(answer.choices[0]?.message.content).toBeTruthy();
    expect(sent.map((s) => s.url)).toEqual(["http://emulator:4010/model/amazon.nova-micro-v1%3A0/converse"]);
    expect(sent[0]!.body).not.toContain("insecure");
  });
});
