import { describe, expect, it } from "vitest";
import { createCredentialStore, createStsEmulator } from "../../src/aws-emulators";
import { assumeRole, type CredentialProvider } from "../../src/credentials";
import { AuthenticationError, ConfigurationError, PermissionDeniedError } from "../../src/errors";
import { SOURCE_KEYS, catchError, converseWith, registerLeakScan, startBedrock, startServer, testClock, watchStore } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";
const ROLE_B = "arn:aws:iam::210987654321:role/team/CrossAccount";

async function setup(options: Parameters<typeof createStsEmulator>[0] = {}) {
  const clock = testClock();
  const store = watchStore(createCredentialStore([SOURCE_KEYS]));
  const sts = createStsEmulator({ store, now: clock.now, ...options });
  const stsUrl = await startServer(sts);
  const bedrockUrl = await startBedrock(store, clock.now);
  return { clock, store, sts, stsUrl, bedrockUrl };
}

describe("assumeRole", () => {
  it("signs AssumeRole for STS (verified by the emulator) and the role's credentials sign Bedrock requests", async () => {
    const { clock, sts, stsUrl, bedrockUrl, store } = await setup({ roles: [ROLE], externalIds: { [ROLE]: "ext-42" } });
    const provider = assumeRole({
      roleArn: ROLE,
      roleSessionName: "suite-session",
      externalId: "ext-42",
      durationSeconds: 1800,
      policy: { Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "bedrock:*", Resource: "*" }] },
      tags: { team: "ml" },
      sourceCredentials: SOURCE_KEYS,
      region: "us-east-1",
      endpoint: stsUrl,
      now: clock.now,
    });
    const credentials = await provider();
    expect(sts.calls).toEqual([
      expect.objectContaining({ action: "AssumeRole", accessKeyId: SOURCE_KEYS.accessKeyId, roleArn: ROLE,
        roleSessionName: "suite-session", externalId: "ext-42", status: 200 }),
    ]);
    expect(credentials.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(credentials.sessionToken).toBeTruthy();
    expect(credentials.expiration?.toISOString()).toBe(new Date(clock.now().getTime() + 1800_000).toISOString());
    expect(store.lookup(credentials.accessKeyId)?.principal).toBe("arn:aws:sts::123456789012:assumed-role/BedrockAccess/suite-session");
    expect(await converseWith(bedrockUrl, provider, clock.now)).toContain("hello from the credentials suite");
  });

  it("chains roles: the second AssumeRole is signed with the first role's temporary credentials", async () => {
    const { clock, sts, stsUrl, bedrockUrl } = await setup();
    const first = assumeRole({ roleArn: ROLE, sourceCredentials: SOURCE_KEYS, endpoint: stsUrl, region: "us-east-1", now: clock.now });
    const second = assumeRole({ roleArn: ROLE_B, sourceCredentials: first, endpoint: stsUrl, region: "us-east-1", now: clock.now });
    const firstCredentials = await first();
    const credentials = await second();
    expect(sts.calls.map((c) => [c.roleArn, c.accessKeyId])).toEqual([
      [ROLE, SOURCE_KEYS.accessKeyId],
      [ROLE_B, firstCredentials.accessKeyId],
    ]);
    expect(await converseWith(bedrockUrl, credentials, clock.now)).toBeTruthy();
    // A generated session name is used when none is given.
    expect(sts.calls[0]!.roleSessionName).toBe(`bedrock-fetch-${clock.now().getTime()}`);
  });

  it("a wrong source secret fails STS's signature check with a typed error", async () => {
    const { clock, stsUrl } = await setup();
    const error = await catchError(assumeRole({
      roleArn: ROLE,
      sourceCredentials: { accessKeyId: SOURCE_KEYS.accessKeyId, secretAccessKey: "wrongSecretValue0123456789" },
      endpoint: stsUrl, region: "us-east-1", now: clock.now,
    })());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe("SignatureDoesNotMatch");
    expect(error.status).toBe(403);
    expect(String(error.message)).toMatch(/^STS AssumeRole failed: The request signature we calculated/);
    expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("AccessDenied for a role the caller may not assume", async () => {
    const { clock, stsUrl } = await setup({ roles: [ROLE] });
    const error = await catchError(assumeRole({ roleArn: ROLE_B, sourceCredentials: SOURCE_KEYS, endpoint: stsUrl, region: "us-east-1", now: clock.now })());
    expect(error).toBeInstanceOf(PermissionDeniedError);
    expect(error.code).toBe("AccessDenied");
    expect(String(error.message)).toContain(ROLE_B);
  });

  it("retries once with refreshed source credentials when STS says the source token expired", async () => {
    const { clock, store, sts, stsUrl } = await setup();
    const expiredSource = store.issue({ now: clock.now(), durationSeconds: 900 });
    let forced = 0;
    const source: CredentialProvider = async (call) => {
      if (call?.forceRefresh) {
        forced++;
        return SOURCE_KEYS;
      }
      return expiredSource;
    };
    clock.advance(901_000);
    const credentials = await assumeRole({ roleArn: ROLE, sourceCredentials: source, endpoint: stsUrl, region: "us-east-1", now: clock.now })();
    expect(forced).toBe(1);
    expect(sts.calls.map((c) => c.code ?? c.status)).toEqual(["ExpiredToken", 200]);
    expect(credentials.accessKeyId).toMatch(/^ASIA/);
  });

  it("an ExpiredToken that persists after the one retry surfaces as AuthenticationError", async () => {
    const { clock, stsUrl, sts } = await setup({ fault: () => ({ status: 400, code: "ExpiredToken", message: "The security token included in the request is expired" }) });
    const error = await catchError(assumeRole({ roleArn: ROLE, sourceCredentials: async () => SOURCE_KEYS, endpoint: stsUrl, region: "us-east-1", now: clock.now })());
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe("ExpiredToken");
    expect(sts.calls).toHaveLength(2);
  });

  it("rejects bad input before any request, naming the field and the fix", async () => {
    const { sts, stsUrl } = await setup();
    const base = { sourceCredentials: SOURCE_KEYS, endpoint: stsUrl, region: "us-east-1" };
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ roleArn: "arn:aws:iam::12345:role/Short" }, "roleArn", /expected arn:aws:iam::<12-digit account id>:role\/<role name>/],
      [{ roleArn: "BedrockAccess" }, "roleArn", /not an IAM role ARN/],
      [{ roleArn: "arn:aws:iam::123456789012:user/bob" }, "roleArn", /not an IAM role ARN/],
      [{ roleArn: undefined }, "roleArn", /roleArn is required/],
      [{ roleArn: ROLE, roleSessionName: "a" }, "roleSessionName", /2 to 64 characters/],
      [{ roleArn: ROLE, durationSeconds: 60 }, "durationSeconds", /900/],
      [{ roleArn: ROLE, externalId: "x" }, "externalId", /2 to 1224/],
      [{ roleArn: ROLE, policy: "{not json" }, "policy", /JSON/],
      [{ roleArn: ROLE, sourceCredentials: undefined }, "sourceCredentials", /sourceCredentials/],
      [{ roleArn: ROLE, sourceCredentials: { accessKeyId: "AKIA" } }, "sourceCredentials", /accessKeyId, secretAccessKey/],
      [{ roleArn: ROLE, region: "us east 1", endpoint: undefined }, "assumeRole.region", /region name/],
      [{ roleArn: ROLE, region: undefined, endpoint: undefined }, "assumeRole.region", /needs a region/],
      [{ roleArn: ROLE, endpoint: "ftp://sts.example" }, "assumeRole.endpoint", /https/],
      // Temporary credentials come back in the response: plain http only to this machine.
      [{ roleArn: ROLE, endpoint: "http://sts.example.com" }, "assumeRole.endpoint", /plain http: only for a test server on 127\.0\.0\.1/],
      [{ roleArn: ROLE, endpoint: "http://127.example.com" }, "assumeRole.endpoint", /https/],
    ];
    for (const [override, field, message] of cases) {
      const error = await catchError(() => assumeRole({ ...base, ...override } as never));
      expect(error, field).toBeInstanceOf(ConfigurationError);
      expect(error.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(sts.calls).toHaveLength(0);
  });

  it("a network failure becomes APIConnectionError naming the host only", async () => {
    const error = await catchError(assumeRole({
      roleArn: ROLE, sourceCredentials: SOURCE_KEYS, region: "us-east-1",
      fetch: async () => {
        throw new TypeError("fetch failed");
      },
    })());
    expect(error.name).toBe("APIConnectionError");
    expect(error.message).toBe("STS AssumeRole: the request to https://sts.us-east-1.amazonaws.com failed (fetch failed).");
  });
});
