import { describe, expect, it } from "vitest";
import { createCredentialStore, createStsEmulator } from "../../src/aws-emulators";
import { assumeRole, cached, isCachedProvider, type CredentialProvider } from "../../src/credentials";
import { AuthenticationError } from "../../src/errors";
import type { Credentials } from "../../src/sigv4";
import { SOURCE_KEYS, catchError, collect, converseWith, registerLeakScan, startBedrock, startServer, testClock, watchStore } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/BedrockAccess";

/** A promise the test resolves by hand. */
function gate(): { wait: Promise<void>; open(): void } {
  let open!: () => void;
  const wait = new Promise<void>((resolve) => (open = resolve));
  return { wait, open };
}

async function stsSetup() {
  const clock = testClock();
  const store = watchStore(createCredentialStore([SOURCE_KEYS]));
  const sts = createStsEmulator({ store, now: clock.now });
  const url = await startServer(sts);
  let hold: Promise<void> | undefined;
  const fetchThroughGate: typeof fetch = async (input, init) => {
    if (hold) await hold;
    return fetch(input, init);
  };
  const provider = (refreshBefore = 5 * 60_000) => assumeRole({
    roleArn: ROLE, sourceCredentials: SOURCE_KEYS, endpoint: url, region: "us-east-1",
    durationSeconds: 900, now: clock.now, fetch: fetchThroughGate, refreshBefore,
  });
  return { clock, store, sts, url, provider, setHold: (p: Promise<void> | undefined) => (hold = p) };
}

describe("cached", () => {
  it("refreshes ahead of expiration and serves the old credentials until the new ones arrive", async () => {
    const { clock, sts, provider, setHold } = await stsSetup();
    const credentials = provider();
    const first = await credentials();
    expect(sts.calls).toHaveLength(1);

    clock.advance(9 * 60_000); // 6 minutes left: outside the 5-minute window
    expect(await credentials()).toBe(first);
    expect(sts.calls).toHaveLength(1);

    clock.advance(2 * 60_000); // 4 minutes left: inside the window
    const held = gate();
    setHold(held.wait);
    // 100 callers during the refresh: all get the still-valid credentials at once, and only one STS request is made.
    const answers = await Promise.all(Array.from({ length: 100 }, () => credentials()));
    expect(answers.every((c) => c === first)).toBe(true);
    held.open();
    setHold(undefined);
    // Let the background refresh land.
    await waitFor(async () => (await credentials()) !== first);
    expect(sts.calls).toHaveLength(2);
    const second = await credentials();
    expect(second.accessKeyId).not.toBe(first.accessKeyId);
    expect(second.expiration!.getTime()).toBe(clock.now().getTime() + 900_000);
  });

  it("100 concurrent callers after expiry wait for exactly one STS request and share its result", async () => {
    const { clock, sts, provider, setHold } = await stsSetup();
    const credentials = provider();
    const first = await credentials();
    clock.advance(900_000); // expired
    const held = gate();
    setHold(held.wait);
    const pending = Array.from({ length: 100 }, () => credentials());
    held.open();
    const answers = await Promise.all(pending);
    expect(sts.calls).toHaveLength(2);
    expect(new Set(answers.map((c) => c.accessKeyId)).size).toBe(1);
    expect(answers[0]!.accessKeyId).not.toBe(first.accessKeyId);
  });

  it("forceRefresh fetches new credentials at once, and concurrent forced calls share one refresh", async () => {
    const { sts, provider } = await stsSetup();
    const credentials = provider();
    const first = await credentials();
    const forced = await Promise.all(Array.from({ length: 10 }, () => credentials({ forceRefresh: true })));
    expect(sts.calls).toHaveLength(2);
    expect(new Set(forced.map((c) => c.accessKeyId)).size).toBe(1);
    expect(forced[0]!.accessKeyId).not.toBe(first.accessKeyId);
    expect(await credentials()).toBe(forced[0]);
  });

  it("static credentials (no expiration) are fetched once and never refreshed", async () => {
    const clock = testClock();
    let calls = 0;
    const provider = cached(async () => {
      calls++;
      return { accessKeyId: "AKIASTATIC", secretAccessKey: "static-secret-value-123" };
    }, { now: clock.now });
    for (let i = 0; i < 50; i++) {
      await provider();
      clock.advance(24 * 3600_000);
    }
    expect(calls).toBe(1);
    expect(isCachedProvider(provider)).toBe(true);
    expect(cached(provider)).toBe(provider);
  });

  it("a failed background refresh keeps the valid credentials; once they expire the failure surfaces", async () => {
    const clock = testClock();
    let n = 0;
    const provider = cached(async () => {
      n++;
      if (n > 1) throw new Error("source unavailable");
      return { accessKeyId: "AKIAONE", secretAccessKey: "one-secret-value-123", expiration: new Date(clock.now().getTime() + 600_000) };
    }, { now: clock.now });
    const first = await provider();
    clock.advance(400_000); // inside the window
    expect(await provider()).toBe(first);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await provider()).toBe(first);
    expect(n).toBeGreaterThanOrEqual(2);
    clock.advance(300_000); // expired
    const error = await catchError(provider());
    expect(error.message).toBe("source unavailable");
  });

  it("an ExpiredToken answer from Bedrock forces one refresh and one retry, then succeeds", async () => {
    const { clock, store, sts, provider } = await stsSetup();
    const bedrockUrl = await startBedrock(store, clock.now);
    const credentials = provider();
    const stale = await credentials();
    const bedrockCalls: string[] = [];
    const rejectStale: typeof fetch = async (input, init) => {
      const request = new Request(input, init);
      const keyId = /Credential=([^/]+)/.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
      bedrockCalls.push(keyId);
      if (keyId === stale.accessKeyId) return expiredTokenResponse();
      return fetch(request);
    };
    expect(await converseWith(bedrockUrl, credentials, clock.now, { fetch: rejectStale })).toBeTruthy();
    expect(bedrockCalls).toHaveLength(2);
    expect(bedrockCalls[0]).toBe(stale.accessKeyId);
    expect(bedrockCalls[1]).not.toBe(stale.accessKeyId);
    expect(sts.calls).toHaveLength(2);
  });

  it("an ExpiredToken that persists after the forced refresh surfaces as AuthenticationError", async () => {
    const { clock, sts, provider } = await stsSetup();
    const credentials = provider();
    let bedrockCalls = 0;
    const alwaysExpired: typeof fetch = async () => {
      bedrockCalls++;
      return expiredTokenResponse();
    };
    const error = await catchError(converseWith("http://127.0.0.1:9", credentials, clock.now, { fetch: alwaysExpired }));
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe("ExpiredTokenException");
    expect(bedrockCalls).toBe(2);
    expect(sts.calls).toHaveLength(2);
  });

  it("a provider's own errors reach the caller unchanged and are not cached", async () => {
    let n = 0;
    const provider: CredentialProvider = cached(async (): Promise<Credentials> => {
      n++;
      if (n === 1) throw new Error("first attempt fails");
      return { accessKeyId: "AKIATWO", secretAccessKey: "two-secret-value-123" };
    });
    const rejected = await Promise.allSettled([provider(), provider()]);
    for (const r of rejected) if (r.status === "rejected") collect(r.reason);
    expect(rejected.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(n).toBe(1);
    expect((await provider()).accessKeyId).toBe("AKIATWO");
  });

  it("a provider that throws synchronously (not an async function) fails that call only; the next call retries", async () => {
    let n = 0;
    const provider = cached(((): Promise<Credentials> => {
      n++;
      if (n === 1) throw new Error("sync failure");
      return Promise.resolve({ accessKeyId: "AKIATWO", secretAccessKey: "two-secret-value-123" });
    }) as CredentialProvider);
    const first = await catchError(provider());
    expect(first.message).toBe("sync failure");
    expect((await provider()).accessKeyId).toBe("AKIATWO");
    expect(n).toBe(2);
  });
});

function expiredTokenResponse(): Response {
  return new Response(JSON.stringify({ message: "The security token included in the request is expired" }), {
    status: 403,
    headers: {
      "content-type": "application/json",
      "x-amzn-errortype": "ExpiredTokenException:http://internal.amazon.com/coral/com.amazon.coral.service/",
      "x-amzn-requestid": "00000000-0000-0000-0000-000000000000",
    },
  });
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("condition not met");
}
