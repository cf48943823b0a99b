/**
 * Credential endpoints that stall: real loopback servers that accept a request and never answer, or send headers
 * and stall mid-body. Each provider call must end with a typed error (a small `timeout`, or the caller's signal),
 * the request must be cancelled (the server sees the socket close), and the same cached provider must return
 * credentials once the endpoint answers again. Also: the deadline and the waiters of cached()'s shared refresh, and
 * a credential_process killed when the caller leaves.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createCognitoIdentityEmulator,
  createContainerCredentialsEmulator,
  createCredentialStore,
  createInstanceMetadataEmulator,
  createSsoPortalEmulator,
  createStsEmulator,
  type CredentialStore,
} from "../../src/aws-emulators";
import { assumeRole, cached, fromCognitoIdentity, fromWebIdentity, type CredentialProvider } from "../../src/credentials";
import { APITimeoutError, APIUserAbortError, ConfigurationError } from "../../src/errors";
import { defaultProvider, fromContainerMetadata, fromInstanceMetadata, fromProfile, fromSSO, ssoCacheFileName } from "../../src/node/credentials";
import { runCredentialProcess } from "../../src/node/credentials/from-process";
import type { Credentials } from "../../src/sigv4";
import { stallable, waitFor, type Handler, type StallMode } from "./hostile-peers";
import { SOURCE_KEYS, catchError, registerLeakScan, secret, startServer, testClock, watchStore } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/StalledRole";
const WEB_TOKEN = secret("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzdGFsbCJ9.c3RhbGxlZC1zaWc");
const SSO_TOKEN = secret("aoaAAAAAGStalledPortalAccessToken0123456789");
const POOL = "us-east-1:1a234b56-7890-1234-5678-90abcdef1234";
const TIMEOUT = 250;

/** One credential endpoint: its emulator, which of its requests stall, and a provider for it. */
interface PeerCase {
  name: string;
  match: (request: Request) => boolean;
  handler: (store: CredentialStore, now: () => Date) => Handler;
  provider: (url: string, now: () => Date) => CredentialProvider;
  /** How a timeout surfaces, when not as an APITimeoutError itself. */
  timeoutError?: (error: Error & Record<string, unknown>) => void;
}

const ssoCache = (() => {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-fetch-stalled-sso-"));
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, ssoCacheFileName("stalled")), JSON.stringify({ accessToken: SSO_TOKEN, expiresAt: "2025-03-01T20:00:00Z" }));
  return dir;
})();

const target = (operation: string) => (r: Request) => r.headers.get("x-amz-target") === `AWSCognitoIdentityService.${operation}`;

const PEERS: PeerCase[] = [
  {
    name: "STS AssumeRole",
    match: () => true,
    handler: (store, now) => createStsEmulator({ store, now }),
    provider: (endpoint, now) => assumeRole({ roleArn: ROLE, sourceCredentials: SOURCE_KEYS, endpoint, region: "us-east-1", now, timeout: TIMEOUT }),
  },
  {
    name: "STS AssumeRoleWithWebIdentity",
    match: () => true,
    handler: (store, now) => createStsEmulator({ store, now, webIdentityTokens: [WEB_TOKEN] }),
    provider: (endpoint, now) => fromWebIdentity({ roleArn: ROLE, token: WEB_TOKEN, endpoint, region: "us-east-1", now, timeout: TIMEOUT }),
  },
  {
    name: "Cognito Identity GetId",
    match: target("GetId"),
    handler: (store, now) => createCognitoIdentityEmulator({ store, now, pools: { [POOL]: { allowUnauthenticated: true } } }),
    provider: (endpoint, now) => fromCognitoIdentity({ identityPoolId: POOL, endpoint, now, timeout: TIMEOUT }),
  },
  {
    name: "Cognito Identity GetCredentialsForIdentity",
    match: target("GetCredentialsForIdentity"),
    handler: (store, now) => createCognitoIdentityEmulator({ store, now, pools: { [POOL]: { allowUnauthenticated: true } } }),
    provider: (endpoint, now) => fromCognitoIdentity({ identityPoolId: POOL, endpoint, now, timeout: TIMEOUT }),
  },
  {
    name: "SSO GetRoleCredentials",
    match: () => true,
    handler: (store, now) => createSsoPortalEmulator({ store, now, tokens: { [SSO_TOKEN]: { roles: { "111122223333": ["BedrockUser"] } } } }),
    provider: (endpoint, now) => fromSSO({
      startUrl: "https://stalled.awsapps.com/start", sessionName: "stalled", ssoRegion: "us-east-1", accountId: "111122223333",
      roleName: "BedrockUser", cacheDirectory: ssoCache, endpoint, now, timeout: TIMEOUT,
    }),
  },
  {
    name: "IMDS token step",
    match: (r) => r.method === "PUT",
    handler: (store, now) => createInstanceMetadataEmulator({ store, now, roleName: "ec2-stalled" }),
    provider: (endpoint, now) => fromInstanceMetadata({ endpoint, env: {}, now, timeout: TIMEOUT, maxRetries: 0 }),
    // No answer to the token request is how the default chain learns it is not on EC2: the next link is tried,
    // with the timeout as the cause.
    timeoutError: (error) => {
      expect(error.name).toBe("CredentialsProviderError");
      expect(error.tryNextLink).toBe(true);
      expect(error.cause).toBeInstanceOf(APITimeoutError);
    },
  },
  {
    name: "IMDS credentials step",
    match: (r) => new URL(r.url).pathname.endsWith("/ec2-stalled"),
    handler: (store, now) => createInstanceMetadataEmulator({ store, now, roleName: "ec2-stalled" }),
    provider: (endpoint, now) => fromInstanceMetadata({ endpoint, env: {}, now, timeout: TIMEOUT, maxRetries: 0 }),
  },
  {
    name: "container endpoint",
    match: () => true,
    handler: (store, now) => createContainerCredentialsEmulator({ store, now }),
    provider: (endpoint, now) => fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint}/v1/credentials` }, now, timeout: TIMEOUT, maxRetries: 0 }),
  },
];

async function start(peer: PeerCase) {
  const clock = testClock();
  const store = watchStore(createCredentialStore([SOURCE_KEYS]));
  const server = stallable(peer.handler(store, clock.now), peer.match);
  const url = await startServer(server.handler);
  return { server, store, provider: peer.provider(url, clock.now) };
}

/** The endpoint answers again; once the stalled requests are gone, the same provider returns issued credentials. */
async function recovers(w: Awaited<ReturnType<typeof start>>): Promise<void> {
  w.server.mode = "answer";
  await waitFor(() => w.server.hungUp === w.server.stalled, "the stalled requests to be cancelled");
  const credentials = await w.provider();
  expect(w.store.lookup(credentials.accessKeyId)?.secretAccessKey).toBe(credentials.secretAccessKey);
}

describe("a stalled credential endpoint ends in a typed error, and the provider recovers", () => {
  for (const peer of PEERS) {
    for (const [mode, how] of [["stall", "accepts the request and never answers"], ["stall-body", "sends headers, then stalls mid-body"]] as const) {
      it(`${peer.name}: an endpoint that ${how} ends in a timeout error; then the same provider gets credentials`, async () => {
        const w = await start(peer);
        w.server.mode = mode satisfies StallMode;
        const error = await catchError(w.provider());
        if (peer.timeoutError) peer.timeoutError(error);
        else {
          expect(error).toBeInstanceOf(APITimeoutError);
          expect(error.message).toContain(`within ${TIMEOUT} ms`);
        }
        expect(w.server.stalled).toBeGreaterThan(0);
        await recovers(w);
      });
    }

    it(`${peer.name}: the caller's signal ends the wait with APIUserAbortError; then the same provider gets credentials`, async () => {
      const w = await start(peer);
      w.server.mode = "stall";
      const controller = new AbortController();
      const pending = catchError(w.provider({ signal: controller.signal }));
      await waitFor(() => w.server.stalled > 0, "the request to arrive");
      controller.abort();
      const error = await pending;
      expect(error).toBeInstanceOf(APIUserAbortError);
      expect(error.status).toBeUndefined();
      await recovers(w);
    });
  }
});

describe("cached(): a shared refresh with its own signal and deadline", () => {
  const KEYS: Credentials = { accessKeyId: "AKIACACHEDKEY0000001", secretAccessKey: secret("cachedSecret/abcdefghijklmnopqrstuvwxyz01") };

  it("a refresh past its deadline is aborted and dropped: its waiters get APITimeoutError, and the next call starts a fresh one", async () => {
    const signals: AbortSignal[] = [];
    // The first refresh ignores its signal and never settles; the second answers.
    const provider = cached(async (call) => {
      signals.push(call!.signal!);
      if (signals.length === 1) return new Promise<Credentials>(() => {});
      return KEYS;
    }, { timeout: 100 });
    const [a, b] = await Promise.all([catchError(provider()), catchError(provider())]);
    expect(a).toBeInstanceOf(APITimeoutError);
    expect(b).toBe(a);
    expect(a.message).toContain("`timeout`");
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
    expect(await provider()).toBe(KEYS);
    expect(signals).toHaveLength(2);
    expect(signals[1]!.aborted).toBe(false);
  });

  it("a caller that aborts while others wait stops waiting at once, and does not cancel their refresh", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const signals: AbortSignal[] = [];
    const provider = cached(async (call) => {
      signals.push(call!.signal!);
      await gate;
      return KEYS;
    });
    const leaving = new AbortController();
    const left = catchError(provider({ signal: leaving.signal }));
    const staying = provider();
    leaving.abort();
    const error = await left;
    expect(error).toBeInstanceOf(APIUserAbortError);
    // The refresh goes on with its own signal, not the caller's.
    expect(signals).toHaveLength(1);
    expect(signals[0]).not.toBe(leaving.signal);
    expect(signals[0]!.aborted).toBe(false);
    release();
    expect(await staying).toBe(KEYS);
    expect(signals).toHaveLength(1);
  });

  it("a caller whose signal has already aborted is refused at once, and the refresh nobody waits for is dropped", async () => {
    let calls = 0;
    const provider = cached(async () => {
      calls++;
      return new Promise<Credentials>(() => {});
    }, { timeout: 50 });
    const error = await catchError(provider({ signal: AbortSignal.abort() }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    // Each later caller starts its own refresh, which ends at its deadline.
    expect(await catchError(provider())).toBeInstanceOf(APITimeoutError);
    const after = calls;
    expect(await catchError(provider())).toBeInstanceOf(APITimeoutError);
    expect(calls).toBe(after + 1);
  });

  it("when the last caller waiting leaves, the refresh is cancelled, and a recovered endpoint serves the next call at once", async () => {
    const signals: AbortSignal[] = [];
    let stalled = true;
    const provider = cached(async (options) => {
      signals.push(options!.signal!);
      if (stalled) return new Promise<Credentials>(() => {});
      return { accessKeyId: "AKIDRECOVERED", secretAccessKey: "recovered-secret", expiration: new Date(Date.now() + 3_600_000) };
    }, { timeout: 60_000 });
    const first = new AbortController();
    const second = new AbortController();
    const a = catchError(provider({ signal: first.signal }));
    const b = catchError(provider({ signal: second.signal }));
    await waitFor(() => signals.length === 1, "the refresh to start");
    first.abort();
    expect(await a).toBeInstanceOf(APIUserAbortError);
    // Another caller still waits: the refresh goes on.
    expect(signals[0]!.aborted).toBe(false);
    second.abort();
    expect(await b).toBeInstanceOf(APIUserAbortError);
    expect(signals[0]!.aborted).toBe(true);
    stalled = false;
    expect((await provider()).accessKeyId).toBe("AKIDRECOVERED");
    expect(signals).toHaveLength(2);
  });
});

describe("profiles and the default chain pass the signal and the timeout on", () => {
  async function stalledSts() {
    const clock = testClock();
    const server = stallable(createStsEmulator({ store: watchStore(createCredentialStore([SOURCE_KEYS])), now: clock.now, webIdentityTokens: [WEB_TOKEN] }));
    server.mode = "stall";
    const url = await startServer(server.handler);
    const dir = mkdtempSync(join(tmpdir(), "bedrock-fetch-stalled-profile-"));
    writeFileSync(join(dir, "config"), `[profile role]\nrole_arn = ${ROLE}\nsource_profile = keys\nregion = us-east-1\n`);
    writeFileSync(join(dir, "credentials"), `[keys]\naws_access_key_id = ${SOURCE_KEYS.accessKeyId}\naws_secret_access_key = ${SOURCE_KEYS.secretAccessKey}\n`);
    writeFileSync(join(dir, "token"), WEB_TOKEN);
    const env = { HOME: dir, AWS_CONFIG_FILE: join(dir, "config"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "credentials") };
    return { clock, server, url, dir, env };
  }

  it("a role profile: the profile's timeout ends a stalled AssumeRole, and the caller's signal ends the wait", async () => {
    const w = await stalledSts();
    const options = { profile: "role", env: w.env, stsEndpoint: w.url, now: w.clock.now, timeout: TIMEOUT };
    expect(await catchError(fromProfile(options)())).toBeInstanceOf(APITimeoutError);
    const controller = new AbortController();
    const pending = catchError(fromProfile({ ...options, timeout: 60_000 })({ signal: controller.signal }));
    await waitFor(() => w.server.stalled === 2, "the second request to arrive");
    controller.abort();
    expect(await pending).toBeInstanceOf(APIUserAbortError);
  });

  it("the default chain: a stalled web identity exchange ends at the timeout, typed, and is not skipped for the next link", async () => {
    const w = await stalledSts();
    const env = { ...w.env, AWS_WEB_IDENTITY_TOKEN_FILE: join(w.dir, "token"), AWS_ROLE_ARN: ROLE, AWS_ENDPOINT_URL_STS: w.url };
    const error = await catchError(defaultProvider({ env, now: w.clock.now, timeout: TIMEOUT })());
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toMatch(/^STS AssumeRoleWithWebIdentity: no answer from http:\/\/127\.0\.0\.1:\d+ within 250 ms/);
  });
});

describe("timeouts are checked", () => {
  it("a timeout that is not a number of milliseconds a timer can hold is a ConfigurationError naming it", async () => {
    const offline = async (): Promise<Response> => {
      throw new Error("tests make no network calls");
    };
    for (const timeout of [Number.NaN, Infinity, 0, -1, 2 ** 31]) {
      const error = await catchError(assumeRole({
        roleArn: ROLE, sourceCredentials: SOURCE_KEYS, endpoint: "https://sts.example.com", region: "us-east-1", timeout, fetch: offline,
      })());
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.field).toBe("timeout");
      const cachedError = await catchError(() => cached(async () => SOURCE_KEYS, { timeout }));
      expect(cachedError).toBeInstanceOf(ConfigurationError);
    }
  });
});

describe("credential_process and the caller's signal", () => {
  it("aborting stops the command: the child is killed and the call ends with APIUserAbortError", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bedrock-fetch-stalled-process-"));
    const pidFile = join(dir, "pid");
    const script = join(dir, "hang.js");
    writeFileSync(script, `require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000);`);
    const controller = new AbortController();
    const pending = catchError(runCredentialProcess({ command: `"${process.execPath}" "${script}"`, signal: controller.signal }));
    let pid = 0;
    await waitFor(() => {
      try {
        pid = Number(readFileSync(pidFile, "utf8"));
      } catch {
        return false;
      }
      return pid > 0;
    }, "the command to start");
    controller.abort();
    const error = await pending;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.message).toContain("credential_process");
    await waitFor(() => {
      try {
        process.kill(pid, 0);
        return false;
      } catch {
        return true;
      }
    }, "the child to exit");
  });
});
