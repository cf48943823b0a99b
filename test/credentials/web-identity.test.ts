import { describe, expect, it } from "vitest";
import { createCognitoIdentityEmulator, createCredentialStore, createStsEmulator } from "../../src/aws-emulators";
import { fromCognitoIdentity, fromWebIdentity } from "../../src/credentials";
import { BadRequestError, ConfigurationError } from "../../src/errors";
import { catchError, converseWith, registerLeakScan, secret, startBedrock, startServer, testClock, watchStore } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/WebIdentityRole";
const TOKEN = secret("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ3b3JrbG9hZCJ9.c2lnbmF0dXJlLXZhbHVl");
const ID_TOKEN = secret("eyJraWQiOiJjb2duaXRvIn0.eyJzdWIiOiJ1c2VyLTEifQ.Y29nbml0by1zaWc");
const POOL = "us-east-1:1a234b56-7890-1234-5678-90abcdef1234";
const USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_ABC";

describe("fromWebIdentity", () => {
  it("calls AssumeRoleWithWebIdentity unsigned, and the credentials sign Bedrock requests", async () => {
    const clock = testClock();
    const store = watchStore(createCredentialStore());
    const seen: Request[] = [];
    const sts = createStsEmulator({ store, now: clock.now, webIdentityTokens: (t) => (t === TOKEN ? "system:serviceaccount:ml:app" : undefined) });
    const url = await startServer(async (request) => {
      seen.push(request.clone());
      return sts(request);
    });
    let reads = 0;
    const provider = fromWebIdentity({
      roleArn: ROLE, roleSessionName: "ci-job", tokenProvider: () => (reads++, TOKEN), endpoint: url, region: "us-east-1", now: clock.now,
    });
    const credentials = await provider();
    expect(reads).toBe(1);
    expect(seen[0]!.headers.get("authorization")).toBeNull();
    const form = new URLSearchParams(await seen[0]!.text());
    expect(Object.fromEntries(form)).toEqual({
      Action: "AssumeRoleWithWebIdentity", Version: "2011-06-15", RoleArn: ROLE, RoleSessionName: "ci-job", WebIdentityToken: TOKEN,
    });
    expect(sts.calls[0]).toMatchObject({ action: "AssumeRoleWithWebIdentity", status: 200 });
    expect(store.lookup(credentials.accessKeyId)?.principal).toBe("arn:aws:sts::123456789012:assumed-role/WebIdentityRole/ci-job");
    expect(await converseWith(await startBedrock(store, clock.now), provider, clock.now)).toBeTruthy();
  });

  it("an invalid token is InvalidIdentityToken, without the token in the error", async () => {
    const store = watchStore(createCredentialStore());
    const url = await startServer(createStsEmulator({ store, webIdentityTokens: [] }));
    const error = await catchError(fromWebIdentity({ roleArn: ROLE, token: TOKEN, endpoint: url })());
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBe("InvalidIdentityToken");
    expect(error.message).toBe("STS AssumeRoleWithWebIdentity failed: Couldn't verify the web identity token.");
  });

  it("a missing web identity token or malformed ARN is a ConfigurationError before any request", async () => {
    let fetched = 0;
    const fetchSpy = async () => (fetched++, new Response(""));
    const missing = await catchError(() => fromWebIdentity({ roleArn: ROLE, region: "us-east-1", fetch: fetchSpy }));
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect(missing.field).toBe("token");
    expect(missing.message).toMatch(/pass `token` \(the OIDC ID token\) or `tokenProvider`/);
    const blank = await catchError(() => fromWebIdentity({ roleArn: ROLE, token: "  ", region: "us-east-1" }));
    expect(blank.field).toBe("token");
    const arn = await catchError(() => fromWebIdentity({ roleArn: "arn:aws:iam::123456789012:WebIdentityRole", token: TOKEN, region: "us-east-1" }));
    expect(arn.field).toBe("roleArn");
    const empty = await catchError(fromWebIdentity({ roleArn: ROLE, tokenProvider: () => "", region: "us-east-1", fetch: fetchSpy })());
    expect(empty.field).toBe("tokenProvider");
    expect(fetched).toBe(0);
  });
});

describe("fromCognitoIdentity", () => {
  async function setup(pool: Parameters<typeof createCognitoIdentityEmulator>[0]["pools"][string]) {
    const clock = testClock();
    const store = watchStore(createCredentialStore());
    const cognito = createCognitoIdentityEmulator({ store, now: clock.now, pools: { [POOL]: pool } });
    const seen: Array<{ target: string | null; auth: string | null; body: unknown }> = [];
    const url = await startServer(async (request) => {
      seen.push({ target: request.headers.get("x-amz-target"), auth: request.headers.get("authorization"), body: await request.clone().json() });
      return cognito(request);
    });
    return { clock, store, cognito, url, seen };
  }

  it("GetId then GetCredentialsForIdentity (JSON 1.1, unsigned); the identity id is kept for refreshes", async () => {
    const { clock, store, url, seen } = await setup({ providers: { [USER_POOL]: [ID_TOKEN] } });
    const provider = fromCognitoIdentity({ identityPoolId: POOL, logins: { [USER_POOL]: async () => ID_TOKEN }, endpoint: url, now: clock.now });
    const credentials = await provider();
    expect(seen.map((s) => s.target)).toEqual(["AWSCognitoIdentityService.GetId", "AWSCognitoIdentityService.GetCredentialsForIdentity"]);
    expect(seen.every((s) => s.auth === null)).toBe(true);
    expect(seen[0]!.body).toEqual({ IdentityPoolId: POOL, Logins: { [USER_POOL]: ID_TOKEN } });
    const identityId = (seen[1]!.body as { IdentityId: string }).IdentityId;
    expect(identityId).toMatch(/^us-east-1:[0-9a-f-]{36}$/);
    expect(credentials.expiration!.getTime()).toBe(clock.now().getTime() + 3600_000);
    expect(await converseWith(await startBedrock(store, clock.now), provider, clock.now)).toBeTruthy();
    await provider({ forceRefresh: true });
    expect(seen.map((s) => s.target?.split(".")[1])).toEqual(["GetId", "GetCredentialsForIdentity", "GetCredentialsForIdentity"]);
  });

  it("guest access works when the pool allows it and is NotAuthorizedException otherwise", async () => {
    const open = await setup({ allowUnauthenticated: true });
    expect((await fromCognitoIdentity({ identityPoolId: POOL, endpoint: open.url })()).accessKeyId).toMatch(/^ASIA/);
    const closed = await setup({});
    const error = await catchError(fromCognitoIdentity({ identityPoolId: POOL, endpoint: closed.url })());
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBe("NotAuthorizedException");
    expect(error.message).toBe("Cognito Identity GetId failed: Unauthenticated access is not supported for this identity pool.");
  });

  it("a rejected login token is NotAuthorizedException without the token; a bad pool id is a ConfigurationError", async () => {
    const { url } = await setup({ providers: { [USER_POOL]: [] } });
    const error = await catchError(fromCognitoIdentity({ identityPoolId: POOL, logins: { [USER_POOL]: ID_TOKEN }, endpoint: url })());
    expect(error.code).toBe("NotAuthorizedException");
    const bad = await catchError(() => fromCognitoIdentity({ identityPoolId: "1a234b56-7890", logins: {} }));
    expect(bad).toBeInstanceOf(ConfigurationError);
    expect(bad.field).toBe("identityPoolId");
  });
});
