/**
 * Hostile credential endpoints: a redirect to another origin must not be followed (the request carries a signature,
 * a session token, an identity token or a bearer token), an endless answer must be cut off at the cap, and an error
 * answer that echoes the whole request must not put any secret of that request into the error.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createInstanceMetadataEmulator, createStsEmulator, createCredentialStore } from "../../src/aws-emulators";
import { assumeRole, fromCognitoIdentity, fromWebIdentity, type CredentialProvider } from "../../src/credentials";
import { escapeXml } from "../../src/credentials/xml";
import { APIConnectionError, ResponseTooLargeError } from "../../src/errors";
import { fromContainerMetadata, fromInstanceMetadata, fromSSO, ssoCacheFileName } from "../../src/node/credentials";
import { dumpRequest, endless, recording, redirecting, waitFor, type Handler } from "./hostile-peers";
import { SOURCE_KEYS, catchError, errorText, registerLeakScan, secret, startServer, testClock } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/HostileRole";
const SESSION_KEYS = {
  accessKeyId: "ASIASOURCESESSION001",
  secretAccessKey: secret("sessionSecret/abcdefghijklmnopqrstuvwxyz0"),
  sessionToken: secret("IQoJb3JpZ2luX2VjEHostileSourceSessionToken/0123456789+abcdefghij=="),
};
const WEB_TOKEN = secret("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJob3N0aWxlIn0.aG9zdGlsZS1zaWc");
const LOGIN_A = secret("eyJraWQiOiJhIn0.eyJzdWIiOiJsb2dpbi1hIn0.bG9naW4tYS1zaWc");
const LOGIN_B = secret("EAAGm0PX4ZCpsBAhostileFacebookAccessToken0123");
const SSO_TOKEN = secret("aoaAAAAAGHostilePortalAccessToken0123456789");
const POD_TOKEN = secret("eks-pod-identity-hostile-token-0123456789");
const POOL = "us-east-1:1a234b56-7890-1234-5678-90abcdef1234";
const now = testClock().now;

/** An SSO token cache holding `token`, as `aws sso login` writes it. */
function ssoCache(token: string): string {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-fetch-hostile-sso-"));
  writeFileSync(join(dir, ssoCacheFileName("hostile")), JSON.stringify({ accessToken: token, expiresAt: "2025-03-01T20:00:00Z" }));
  return dir;
}

/** Each credential request a provider makes, and what the library calls it in messages. */
const PROVIDERS: Array<{ what: string; make: (endpoint: string) => CredentialProvider }> = [
  { what: "STS AssumeRole", make: (endpoint) => assumeRole({ roleArn: ROLE, sourceCredentials: SESSION_KEYS, endpoint, region: "us-east-1", now }) },
  { what: "STS AssumeRoleWithWebIdentity", make: (endpoint) => fromWebIdentity({ roleArn: ROLE, token: WEB_TOKEN, endpoint, region: "us-east-1", now }) },
  {
    what: "Cognito Identity GetId",
    make: (endpoint) => fromCognitoIdentity({ identityPoolId: POOL, logins: { "accounts.google.com": LOGIN_A, "graph.facebook.com": async () => LOGIN_B }, endpoint, now }),
  },
  {
    what: "SSO GetRoleCredentials",
    make: (endpoint) => fromSSO({
      startUrl: "https://hostile.awsapps.com/start", sessionName: "hostile", ssoRegion: "us-east-1", accountId: "111122223333",
      roleName: "BedrockUser", cacheDirectory: ssoCache(SSO_TOKEN), endpoint, now,
    }),
  },
  {
    what: "Container credentials",
    make: (endpoint) => fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint}/v1/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN: POD_TOKEN }, now }),
  },
  { what: "Instance metadata", make: (endpoint) => fromInstanceMetadata({ endpoint, env: {}, now }) },
];

describe("redirects are not followed", () => {
  for (const { what, make } of PROVIDERS) {
    it(`${what}: a 307 to another origin is an UnexpectedRedirect error, and the other origin receives nothing`, async () => {
      const elsewhere = recording();
      const target = await startServer(elsewhere);
      const origin = await startServer(redirecting(`${target}/`));
      const error = await catchError(make(origin)());
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(error.code).toBe("UnexpectedRedirect");
      expect(error.retryable).toBe(false);
      expect(error.message).toBe(
        `${what}: ${origin} answered with a redirect (HTTP 307); redirects are not followed, since the request carries credentials. Set the endpoint to the final URL.`,
      );
      expect(elsewhere.requests).toEqual([]);
    });
  }

  it("STS AssumeRole: every redirect status (301, 302, 303, 307, 308) is refused before anything is sent on", async () => {
    const elsewhere = recording();
    const target = await startServer(elsewhere);
    for (const status of [301, 302, 303, 307, 308]) {
      const origin = await startServer(redirecting(`${target}/`, status));
      const error = await catchError(PROVIDERS[0]!.make(origin)());
      expect(error.code).toBe("UnexpectedRedirect");
      expect(error.message).toContain(`(HTTP ${status})`);
    }
    expect(elsewhere.requests).toEqual([]);
  });
});

describe("answers are read under a 1 MiB cap", () => {
  const cases: Array<[string, number, (endpoint: string) => CredentialProvider]> = [
    ["STS AssumeRole (a success status)", 200, PROVIDERS[0]!.make],
    ["STS AssumeRole (an error status)", 400, PROVIDERS[0]!.make],
    ["Cognito Identity GetId", 200, PROVIDERS[2]!.make],
    ["SSO GetRoleCredentials", 200, PROVIDERS[3]!.make],
    ["container credentials", 200, PROVIDERS[4]!.make],
  ];
  for (const [name, status, make] of cases) {
    it(`${name}: an endless body is a ResponseTooLargeError, and the body is cancelled`, async () => {
      const peer = endless(status);
      const error = await catchError(make(await startServer(peer))());
      expect(error).toBeInstanceOf(ResponseTooLargeError);
      expect(error.code).toBe("ResponseTooLarge");
      expect(error.message).toContain("over 1 MiB");
      await waitFor(() => peer.cancelled(), "the endless body to be cancelled");
    });
  }
});

/** An STS error document whose code, message and request id repeat the request whole. */
const stsEcho: Handler = async (request) => {
  const dump = escapeXml(await dumpRequest(request));
  return new Response(
    `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidParameterValue ${dump}</Code><Message>Rejected: ${dump}</Message></Error>` +
      `<RequestId>${dump}</RequestId></ErrorResponse>`,
    { status: 400, headers: { "content-type": "text/xml" } },
  );
};

/** A JSON-protocol error answer (Cognito, the SSO portal, the container endpoint) repeating the request whole. */
const jsonEcho: Handler = async (request) => {
  const dump = await dumpRequest(request);
  return new Response(JSON.stringify({ __type: "NotAuthorizedException", Code: "AccessDenied", message: `Rejected: ${dump}`, Message: `Rejected: ${dump}` }), {
    status: 403,
    headers: { "content-type": "application/json", "x-amzn-requestid": dump.replace(/[\r\n]+/g, " ").slice(0, 4000) },
  });
};

/** Runs `provider` against `handler`, which records what it received; returns the error and the request's text. */
async function echoed(handler: Handler, make: (endpoint: string) => CredentialProvider) {
  const seen: string[] = [];
  const url = await startServer(async (request) => {
    seen.push(await dumpRequest(request.clone()));
    return handler(request);
  });
  const error = await catchError(make(url)());
  return { error, text: errorText(error), seen: seen.join("\n") };
}

describe("error answers that echo the request carry none of its secrets", () => {
  it("STS AssumeRole: neither the signature nor the source session token reaches the error", async () => {
    const { error, text, seen } = await echoed(stsEcho, PROVIDERS[0]!.make);
    const signature = /Signature=([0-9a-f]{64})/.exec(seen)?.[1];
    expect(signature).toBeDefined();
    expect(seen).toContain(SESSION_KEYS.sessionToken);
    expect(text).not.toContain(signature);
    expect(text).not.toContain(SESSION_KEYS.sessionToken);
    expect(text).not.toContain(encodeURIComponent(SESSION_KEYS.sessionToken));
    // The rest of the upstream text is kept, and the error is still typed by its status.
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^STS AssumeRole failed: Rejected: POST /);
    expect(error.message).toContain("Action=AssumeRole");
    expect(error.message).toContain("[redacted]");
  });

  it("STS AssumeRoleWithWebIdentity: the web identity token does not reach the error", async () => {
    const { error, text, seen } = await echoed(stsEcho, PROVIDERS[1]!.make);
    expect(seen).toContain(WEB_TOKEN);
    expect(text).not.toContain(WEB_TOKEN);
    expect(error.message).toContain("Action=AssumeRoleWithWebIdentity");
  });

  it("Cognito Identity: no login token reaches the error", async () => {
    const { error, text, seen } = await echoed(jsonEcho, PROVIDERS[2]!.make);
    expect(seen).toContain(LOGIN_A);
    expect(seen).toContain(LOGIN_B);
    expect(text).not.toContain(LOGIN_A);
    expect(text).not.toContain(LOGIN_B);
    expect(error.code).toBe("NotAuthorizedException");
    expect(error.message).toMatch(/^Cognito Identity GetId failed: Rejected: POST /);
  });

  it("SSO GetRoleCredentials: the bearer token does not reach the error", async () => {
    const { error, text, seen } = await echoed(jsonEcho, PROVIDERS[3]!.make);
    expect(seen).toContain(SSO_TOKEN);
    expect(text).not.toContain(SSO_TOKEN);
    expect(error.message).toMatch(/^SSO GetRoleCredentials failed: Rejected: GET /);
  });

  it("container credentials: the authorization token does not reach the error", async () => {
    const { error, text, seen } = await echoed(jsonEcho, PROVIDERS[4]!.make);
    expect(seen).toContain(POD_TOKEN);
    expect(text).not.toContain(POD_TOKEN);
    expect(error.status).toBe(403);
  });

  it("instance metadata: a role name that repeats the session token does not put the token in the error", async () => {
    const imds = createInstanceMetadataEmulator({ store: createCredentialStore(), now });
    let token = "";
    const { error, text } = await echoed(async (request) => {
      const path = new URL(request.url).pathname;
      if (request.method === "PUT") {
        const answer = await imds(request);
        token = await answer.clone().text();
        return answer;
      }
      // The listing names a "role" that is the token itself; asking for it is a 404.
      if (path === "/latest/meta-data/iam/security-credentials/") return new Response(token);
      return new Response("Not Found", { status: 404 });
    }, PROVIDERS[5]!.make);
    expect(token.length).toBeGreaterThan(40);
    // The role name goes into the path percent-encoded: neither form may appear.
    expect(text).not.toContain(token);
    expect(text).not.toContain(encodeURIComponent(token));
    expect(error.status).toBe(404);
  });

  it("SSO: a cached token that is not a valid header value fails as a connection error that does not quote it", async () => {
    const broken = secret("aoaAAAAAGBrokenToken0123456789\nInjected-Header: yes");
    const provider = fromSSO({
      startUrl: "https://hostile.awsapps.com/start", sessionName: "hostile", ssoRegion: "us-east-1", accountId: "111122223333",
      roleName: "BedrockUser", cacheDirectory: ssoCache(broken), endpoint: await startServer(recording()), now,
    });
    const error = await catchError(provider());
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(errorText(error)).not.toContain(broken);
  });

  it("a plain STS refusal still reads as before: the emulator's message, typed by its code", async () => {
    const store = createCredentialStore([SOURCE_KEYS]);
    const url = await startServer(createStsEmulator({ store, now, roles: [] }));
    const error = await catchError(assumeRole({ roleArn: ROLE, sourceCredentials: SOURCE_KEYS, endpoint: url, region: "us-east-1", now })());
    expect(error.message).toBe(`STS AssumeRole failed: Not authorized to perform sts:AssumeRole on resource: ${ROLE}`);
    expect(error.code).toBe("AccessDenied");
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
