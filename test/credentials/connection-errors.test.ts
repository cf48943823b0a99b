/**
 * A credential service that cannot be reached is named with its origin and the system's reason (`ECONNREFUSED`),
 * whether the provider is called alone or behind a Bedrock call; the endpoint's path and query never appear.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/bedrock";
import { assumeRole, fromCognitoIdentity, fromWebIdentity } from "../../src/credentials";
import { APIConnectionError } from "../../src/errors";
import { SOURCE_KEYS, catchError, registerLeakScan, secret } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe("credential endpoints that refuse the connection", () => {
  it("STS AssumeRole: the origin and ECONNREFUSED, not the path", async () => {
    const port = await closedPort();
    const error = await catchError(assumeRole({
      roleArn: ROLE, sourceCredentials: SOURCE_KEYS, region: "us-east-1", endpoint: `http://127.0.0.1:${port}/sts-private-path`,
    })());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(`STS AssumeRole: could not connect to http://127.0.0.1:${port} (ECONNREFUSED).`);
    expect(error.code).toBe("ECONNREFUSED");
    expect(error.message).not.toContain("sts-private-path");
  });

  it("STS AssumeRoleWithWebIdentity: the same, and the token stays out of it", async () => {
    const port = await closedPort();
    const token = secret("eyJhbGciOiJSUzI1NiJ9.web-identity-token-connection-suite.c2lnbmF0dXJl");
    const error = await catchError(fromWebIdentity({ roleArn: ROLE, token, region: "us-east-1", endpoint: `http://127.0.0.1:${port}` })());
    expect(error.message).toBe(`STS AssumeRoleWithWebIdentity: could not connect to http://127.0.0.1:${port} (ECONNREFUSED).`);
  });

  it("Cognito Identity GetId", async () => {
    const port = await closedPort();
    const error = await catchError(fromCognitoIdentity({
      identityPoolId: "us-east-1:1a234b56-7890-1234-5678-90abcdef1234", endpoint: `http://127.0.0.1:${port}`,
    })());
    expect(error.message).toBe(`Cognito Identity GetId: could not connect to http://127.0.0.1:${port} (ECONNREFUSED).`);
  });

  it("behind a Bedrock call, the provider's error is the call's", async () => {
    const port = await closedPort();
    const credentials = assumeRole({ roleArn: ROLE, sourceCredentials: SOURCE_KEYS, region: "us-east-1", endpoint: `http://127.0.0.1:${port}` });
    const bedrock = createBedrock({ region: "us-east-1", credentials, env: {}, maxRetries: 0, fetch: async () => new Response("{}") });
    const error = await catchError(bedrock.runtime.converse({ modelId: "amazon.nova-micro-v1:0", messages: [{ role: "user", content: [{ text: "hi" }] }] }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(`STS AssumeRole: could not connect to http://127.0.0.1:${port} (ECONNREFUSED).`);
  });

  it("an unknown host, as undici reports it", async () => {
    const error = await catchError(assumeRole({
      roleArn: ROLE, sourceCredentials: SOURCE_KEYS, region: "us-east-1",
      fetch: async () => {
        throw new TypeError("fetch failed", { cause: Object.assign(new Error("getaddrinfo ENOTFOUND sts.us-east-1.amazonaws.com"), { code: "ENOTFOUND" }) });
      },
    })());
    expect(error.message).toBe("STS AssumeRole: could not connect to https://sts.us-east-1.amazonaws.com (ENOTFOUND).");
  });
});
