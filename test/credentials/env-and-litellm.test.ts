import { describe, expect, it } from "vitest";
import { createCredentialStore, createStsEmulator } from "../../src/aws-emulators";
import { credentialsFromLiteLLMParams, fromEnv, fromStatic, chain, isCredentialsProviderError, type CredentialProvider } from "../../src/credentials";
import { ConfigurationError } from "../../src/errors";
import type { Credentials } from "../../src/sigv4";
import { SOURCE_KEYS, catchError, converseWith, registerLeakScan, secret, startBedrock, startServer, testClock, watchStore } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/LiteLLMRole";
const SESSION = { accessKeyId: "ASIASESSIONKEY000001", secretAccessKey: secret("sessionSecret/abcdefghijklmnopqrstuvwx"), sessionToken: secret("IQoJsessionTokenForLiteLLMTests0123456789+/") };
const OIDC = secret("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJsaXRlbGxtIn0.bGl0ZWxsbS1zaWc");

async function world() {
  const clock = testClock();
  const store = watchStore(createCredentialStore([SOURCE_KEYS, SESSION]));
  const sts = createStsEmulator({ store, now: clock.now, webIdentityTokens: [OIDC] });
  const stsUrl = await startServer(sts);
  const bedrockUrl = await startBedrock(store, clock.now);
  return { clock, store, sts, stsUrl, bedrockUrl };
}

describe("fromEnv", () => {
  it("reads the four variables on every call", async () => {
    const env: Record<string, string> = {
      AWS_ACCESS_KEY_ID: SESSION.accessKeyId, AWS_SECRET_ACCESS_KEY: SESSION.secretAccessKey,
      AWS_SESSION_TOKEN: SESSION.sessionToken, AWS_CREDENTIAL_EXPIRATION: "2030-01-01T00:00:00Z",
    };
    const provider = fromEnv(env);
    expect(await provider()).toEqual({ ...SESSION, expiration: new Date("2030-01-01T00:00:00Z") });
    env.AWS_ACCESS_KEY_ID = SOURCE_KEYS.accessKeyId;
    expect((await provider()).accessKeyId).toBe(SOURCE_KEYS.accessKeyId);
  });

  it("defaults to the host environment, feature-detected", async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    process.env.AWS_ACCESS_KEY_ID = SOURCE_KEYS.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = SOURCE_KEYS.secretAccessKey;
    try {
      expect((await fromEnv()()).accessKeyId).toBe(SOURCE_KEYS.accessKeyId);
    } finally {
      if (saved.id === undefined) delete process.env.AWS_ACCESS_KEY_ID;
      else process.env.AWS_ACCESS_KEY_ID = saved.id;
      if (saved.secret === undefined) delete process.env.AWS_SECRET_ACCESS_KEY;
      else process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });

  it("absent variables let a chain move on; half-set or bad ones are ConfigurationErrors", async () => {
    const none = await catchError(fromEnv({})());
    expect(isCredentialsProviderError(none) && none.tryNextLink).toBe(true);
    expect((await chain(fromEnv({}), fromStatic(SOURCE_KEYS))()).accessKeyId).toBe(SOURCE_KEYS.accessKeyId);
    const half = await catchError(fromEnv({ AWS_ACCESS_KEY_ID: "AKIAONLY" })());
    expect(half).toBeInstanceOf(ConfigurationError);
    expect(half.field).toBe("AWS_SECRET_ACCESS_KEY");
    const other = await catchError(fromEnv({ AWS_SECRET_ACCESS_KEY: SESSION.secretAccessKey })());
    expect(other.field).toBe("AWS_ACCESS_KEY_ID");
    const date = await catchError(fromEnv({ ...envOf(SOURCE_KEYS), AWS_CREDENTIAL_EXPIRATION: "tomorrow" })());
    expect(date.field).toBe("AWS_CREDENTIAL_EXPIRATION");
  });
});

function envOf(c: Credentials): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: c.accessKeyId, AWS_SECRET_ACCESS_KEY: c.secretAccessKey, ...(c.sessionToken ? { AWS_SESSION_TOKEN: c.sessionToken } : {}) };
}

describe("credentialsFromLiteLLMParams (web)", () => {
  it("aws_access_key_id + aws_secret_access_key + aws_session_token + aws_region_name + aws_bedrock_runtime_endpoint", async () => {
    const { clock, bedrockUrl } = await world();
    const resolved = credentialsFromLiteLLMParams({
      aws_access_key_id: SESSION.accessKeyId, aws_secret_access_key: SESSION.secretAccessKey,
      aws_session_token: SESSION.sessionToken, aws_region_name: "us-east-1", aws_bedrock_runtime_endpoint: bedrockUrl,
    }, {});
    expect(resolved).toEqual({ credentials: SESSION, region: "us-east-1", endpoint: bedrockUrl });
    expect(await converseWith(resolved.endpoint!, resolved.credentials!, clock.now)).toBeTruthy();
  });

  it("aws_role_name + aws_session_name + aws_external_id + aws_sts_endpoint, signed with explicit keys", async () => {
    const { clock, sts, stsUrl, bedrockUrl } = await world();
    const resolved = credentialsFromLiteLLMParams({
      aws_access_key_id: SOURCE_KEYS.accessKeyId, aws_secret_access_key: SOURCE_KEYS.secretAccessKey,
      aws_role_name: ROLE, aws_session_name: "my-test-session", aws_external_id: "ext-7",
      aws_sts_endpoint: stsUrl, aws_region_name: "us-east-1",
    }, {}, { now: clock.now });
    expect(await converseWith(bedrockUrl, resolved.credentials!, clock.now)).toBeTruthy();
    expect(sts.calls).toEqual([expect.objectContaining({ action: "AssumeRole", accessKeyId: SOURCE_KEYS.accessKeyId,
      roleArn: ROLE, roleSessionName: "my-test-session", externalId: "ext-7", status: 200 })]);
  });

  it("aws_role_name without keys signs with the environment's keys; region from AWS_REGION", async () => {
    const { clock, sts, stsUrl, bedrockUrl } = await world();
    const resolved = credentialsFromLiteLLMParams({ aws_role_name: ROLE, aws_sts_endpoint: stsUrl },
      { ...envOf(SESSION), AWS_REGION: "eu-west-1" }, { now: clock.now });
    expect(resolved.region).toBe("eu-west-1");
    await converseWith(bedrockUrl, resolved.credentials!, clock.now);
    expect(sts.calls[0]).toMatchObject({ accessKeyId: SESSION.accessKeyId, status: 200 });
  });

  it("aws_web_identity_token (also as os.environ/NAME) + aws_role_name → AssumeRoleWithWebIdentity", async () => {
    const { clock, sts, stsUrl, bedrockUrl } = await world();
    for (const [token, env] of [[OIDC, {}], ["os.environ/OIDC_TOKEN", { OIDC_TOKEN: OIDC }]] as const) {
      const resolved = credentialsFromLiteLLMParams({ aws_web_identity_token: token, aws_role_name: ROLE,
        aws_session_name: "oidc-session", aws_sts_endpoint: stsUrl, aws_region_name: "us-east-1" }, env, { now: clock.now });
      expect(await converseWith(bedrockUrl, resolved.credentials!, clock.now)).toBeTruthy();
    }
    expect(sts.calls.map((c) => [c.action, c.roleSessionName, c.status])).toEqual([
      ["AssumeRoleWithWebIdentity", "oidc-session", 200], ["AssumeRoleWithWebIdentity", "oidc-session", 200],
    ]);
  });

  it("api_key / AWS_BEARER_TOKEN_BEDROCK become apiKey; no parameters fall back to the environment", async () => {
    const key = secret("ABSKbGl0ZWxsbS1sb25nLXRlcm0ta2V5LXRlc3Q=");
    expect(credentialsFromLiteLLMParams({ api_key: key }, {})).toEqual({ apiKey: key, region: undefined, endpoint: undefined });
    expect(credentialsFromLiteLLMParams({}, { AWS_BEARER_TOKEN_BEDROCK: key }).apiKey).toBe(key);
    const fallback = credentialsFromLiteLLMParams({ aws_region_name: "us-west-2" }, envOf(SOURCE_KEYS));
    expect(await (fallback.credentials as CredentialProvider)()).toEqual(SOURCE_KEYS);
  });

  it("profile parameters tell the user to import bedrock-fetch/node; inconsistent parameters are ConfigurationErrors", async () => {
    const named = await catchError(() => credentialsFromLiteLLMParams({ aws_profile_name: "dev-profile" }, {}));
    expect(named).toBeInstanceOf(ConfigurationError);
    expect(named.field).toBe("aws_profile_name");
    expect(named.message).toContain('import { credentialsFromLiteLLMParams } from "bedrock-fetch/node"');
    const fromEnvProfile = await catchError(() => credentialsFromLiteLLMParams({}, { AWS_PROFILE: "sso-dev" }));
    expect(fromEnvProfile.field).toBe("AWS_PROFILE");
    const cases: Array<[Record<string, string>, Record<string, string>, string]> = [
      [{ aws_access_key_id: SOURCE_KEYS.accessKeyId }, {}, "aws_secret_access_key"],
      [{ aws_secret_access_key: SOURCE_KEYS.secretAccessKey }, {}, "aws_access_key_id"],
      [{ aws_session_token: SESSION.sessionToken }, {}, "aws_session_token"],
      [{ aws_web_identity_token: OIDC }, {}, "aws_role_name"],
      [{ aws_role_name: "LiteLLMRole", aws_region_name: "us-east-1" }, envOf(SOURCE_KEYS), "roleArn"],
      [{ aws_region_name: "not a region" }, {}, "aws_region_name"],
      [{ aws_bedrock_runtime_endpoint: "bedrock.local" }, {}, "aws_bedrock_runtime_endpoint"],
      [{ aws_sts_endpoint: "nope", aws_role_name: ROLE }, {}, "aws_sts_endpoint"],
      [{ aws_web_identity_token: "os.environ/MISSING_TOKEN", aws_role_name: ROLE }, {}, "aws_web_identity_token"],
    ];
    for (const [params, env, field] of cases) {
      const error = await catchError(() => credentialsFromLiteLLMParams(params, env));
      expect(error, field).toBeInstanceOf(ConfigurationError);
      expect(error.field).toBe(field);
    }
  });
});
