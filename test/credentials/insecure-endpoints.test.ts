/**
 * Plain-http endpoints beyond loopback (an emulator in another container, `http://sts:4566`) only with an explicit
 * opt-in: `allowInsecureEndpoint` on the STS and Cognito providers, `allow_insecure_endpoint` (or
 * BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT=true) for the LiteLLM parameters. Without it they are refused as before,
 * and the message names the opt-in. The "other container" is reached through an injected fetch: no network.
 */
import { describe, expect, it } from "vitest";
import { createCognitoIdentityEmulator, createCredentialStore, createStsEmulator } from "../../src/aws-emulators";
import { assumeRole, credentialsFromLiteLLMParams, fromCognitoIdentity, type CredentialProvider } from "../../src/credentials";
import { ConfigurationError } from "../../src/errors";
import { SOURCE_KEYS, catchError, registerLeakScan, testClock } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";
const POOL = "us-east-1:1a234b56-7890-1234-5678-90abcdef1234";

/** A fetch that serves `origin` with `handler`, as a container of that name would, and refuses anything else. */
function container(origin: string, handler: (request: Request) => Promise<Response>) {
  const urls: string[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    urls.push(url);
    if (!url.startsWith(`${origin}/`)) throw new TypeError(`unexpected request to ${url}`);
    return handler(new Request(url, init));
  };
  return { fetch: fetch as typeof globalThis.fetch, urls };
}

describe("STS and Cognito endpoint overrides", () => {
  it("assumeRole: http on another host is refused, naming allowInsecureEndpoint", async () => {
    const error = await catchError(() => assumeRole({ roleArn: ROLE, sourceCredentials: SOURCE_KEYS, region: "us-east-1", endpoint: "http://sts:4566" }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.field).toBe("assumeRole.endpoint");
    expect(error.message).toBe(
      "assumeRole.endpoint must use https: (plain http: only for a test server on 127.0.0.1, localhost or [::1]); for an emulator on another host of a trusted network, pass `allowInsecureEndpoint: true`.",
    );
  });

  it("assumeRole with allowInsecureEndpoint: calls STS there", async () => {
    const clock = testClock();
    const store = createCredentialStore([SOURCE_KEYS]);
    const sts = container("http://sts:4566", createStsEmulator({ store, now: clock.now }));
    const provider = assumeRole({
      roleArn: ROLE, sourceCredentials: SOURCE_KEYS, region: "us-east-1", endpoint: "http://sts:4566",
      allowInsecureEndpoint: true, fetch: sts.fetch, now: clock.now,
    });
    const credentials = await provider();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(sts.urls).toEqual(["http://sts:4566/"]);
  });

  it("the opt-in is about http only: another scheme is still refused", async () => {
    const error = await catchError(() => assumeRole({
      roleArn: ROLE, sourceCredentials: SOURCE_KEYS, region: "us-east-1", endpoint: "ftp://sts:4566", allowInsecureEndpoint: true,
    }));
    expect(error.message).toBe("assumeRole.endpoint must use https: (plain http: only for a test server on 127.0.0.1, localhost or [::1]).");
  });

  it("fromCognitoIdentity: refused without the opt-in, served with it", async () => {
    const refused = await catchError(() => fromCognitoIdentity({ identityPoolId: POOL, endpoint: "http://cognito:4566" }));
    expect(refused.message).toMatch(/pass `allowInsecureEndpoint: true`\.$/);
    const cognito = container("http://cognito:4566", createCognitoIdentityEmulator({ pools: { [POOL]: { allowUnauthenticated: true } } }));
    const provider = fromCognitoIdentity({ identityPoolId: POOL, endpoint: "http://cognito:4566", allowInsecureEndpoint: true, fetch: cognito.fetch });
    expect((await provider()).accessKeyId).toBeTruthy();
    expect(cognito.urls).toEqual(["http://cognito:4566/", "http://cognito:4566/"]);
  });
});

describe("LiteLLM parameters", () => {
  const keys = { aws_access_key_id: SOURCE_KEYS.accessKeyId, aws_secret_access_key: SOURCE_KEYS.secretAccessKey, aws_region_name: "us-east-1" };

  it("aws_bedrock_runtime_endpoint on another host over http: refused, naming allow_insecure_endpoint and the variable", async () => {
    const error = await catchError(() => credentialsFromLiteLLMParams({ ...keys, aws_bedrock_runtime_endpoint: "http://emulator:4010" }, {}));
    expect(error.field).toBe("aws_bedrock_runtime_endpoint");
    expect(error.message).toBe(
      "aws_bedrock_runtime_endpoint must use https: (plain http: only for a test server on 127.0.0.1, localhost or [::1]); for an emulator on another host of a trusted network, set allow_insecure_endpoint: true (or BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT=true).",
    );
  });

  it("allow_insecure_endpoint: true (or \"true\") accepts it and says so for the client", () => {
    for (const value of [true, "true", "os.environ/INSECURE"]) {
      const resolved = credentialsFromLiteLLMParams({ ...keys, aws_bedrock_runtime_endpoint: "http://emulator:4010", allow_insecure_endpoint: value }, { INSECURE: "true" });
      expect(resolved).toMatchObject({ endpoint: "http://emulator:4010", region: "us-east-1", allowInsecureEndpoint: true });
    }
  });

  it("BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT=true does the same; an explicit false wins over it", async () => {
    const env = { BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT: "true" };
    expect(credentialsFromLiteLLMParams({ ...keys, aws_bedrock_runtime_endpoint: "http://emulator:4010" }, env))
      .toMatchObject({ endpoint: "http://emulator:4010", allowInsecureEndpoint: true });
    const error = await catchError(() =>
      credentialsFromLiteLLMParams({ ...keys, aws_bedrock_runtime_endpoint: "http://emulator:4010", allow_insecure_endpoint: false }, env));
    expect(error.field).toBe("aws_bedrock_runtime_endpoint");
    // Only "true" turns the variable on.
    await catchError(() => credentialsFromLiteLLMParams({ ...keys, aws_bedrock_runtime_endpoint: "http://emulator:4010" }, { BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT: "1" }));
  });

  it("a value that is not true or false is refused", async () => {
    const error = await catchError(() => credentialsFromLiteLLMParams({ ...keys, allow_insecure_endpoint: "yes" }, {}));
    expect(error.field).toBe("allow_insecure_endpoint");
    expect(error.message).toBe("allow_insecure_endpoint must be true or false.");
  });

  it("without the setting, the resolved auth has no allowInsecureEndpoint, as before", () => {
    expect(credentialsFromLiteLLMParams({ ...keys }, {})).not.toHaveProperty("allowInsecureEndpoint");
  });

  it("aws_sts_endpoint follows the same rule, and AssumeRole then goes there", async () => {
    const refused = await catchError(() => credentialsFromLiteLLMParams({ ...keys, aws_role_name: ROLE, aws_sts_endpoint: "http://sts:4566" }, {}));
    expect(refused.field).toBe("aws_sts_endpoint");
    const clock = testClock();
    const sts = container("http://sts:4566", createStsEmulator({ store: createCredentialStore([SOURCE_KEYS]), now: clock.now }));
    const resolved = credentialsFromLiteLLMParams(
      { ...keys, aws_role_name: ROLE, aws_sts_endpoint: "http://sts:4566", allow_insecure_endpoint: true },
      {},
      { fetch: sts.fetch, now: clock.now },
    );
    const credentials = await (resolved.credentials as CredentialProvider)();
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
    expect(sts.urls).toEqual(["http://sts:4566/"]);
  });
});
