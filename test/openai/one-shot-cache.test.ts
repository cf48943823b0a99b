/**
 * One-shot calls share a client (and so its cached role credentials) while their configuration is the same: two
 * `completion({ aws_role_name, ... })` calls make one STS AssumeRole request, not two.
 */
import { describe, expect, it } from "vitest";
import { createCredentialStore, createStsEmulator } from "../../src/aws-emulators";
import { completion } from "../../src/one-shot";
import { SOURCE_KEYS, startBedrock, startServer } from "../credentials/helpers";

const ROLE = "arn:aws:iam::123456789012:role/OneShotRole";

async function world() {
  const store = createCredentialStore([SOURCE_KEYS]);
  const sts = createStsEmulator({ store });
  const stsUrl = await startServer(sts);
  const bedrockUrl = await startBedrock(store, () => new Date());
  const params = (extra: Record<string, string> = {}) => ({
    model: "amazon.titan-text-express-v1",
    messages: [{ role: "user" as const, content: "Hello" }],
    aws_access_key_id: SOURCE_KEYS.accessKeyId,
    aws_secret_access_key: SOURCE_KEYS.secretAccessKey,
    aws_role_name: ROLE,
    aws_sts_endpoint: stsUrl,
    aws_bedrock_runtime_endpoint: bedrockUrl,
    aws_region_name: "us-east-1",
    ...extra,
  });
  const assumeRoles = () => sts.calls.filter((c) => c.action === "AssumeRole").length;
  return { params, assumeRoles };
}

describe("one-shot client cache", () => {
  it("repeated calls with the same settings assume the role once", async () => {
    const { params, assumeRoles } = await world();
    for (let i = 0; i < 3; i++) {
      const answer = await completion(params(), { env: {} });
      expect(answer.choices[0]?.message.content).toMatch(/^Echo: Hello/);
    }
    expect(assumeRoles()).toBe(1);
  });

  it("other settings, or another AWS_* environment, get their own client", async () => {
    const { params, assumeRoles } = await world();
    await completion(params({ aws_session_name: "first" }), { env: {} });
    await completion(params({ aws_session_name: "second" }), { env: {} });
    expect(assumeRoles()).toBe(2);
    await completion(params({ aws_session_name: "second" }), { env: { AWS_DEFAULT_REGION: "eu-west-1" } });
    expect(assumeRoles()).toBe(3);
    await completion(params({ aws_session_name: "second" }), { env: { AWS_DEFAULT_REGION: "eu-west-1" } });
    expect(assumeRoles()).toBe(3);
  });
});
