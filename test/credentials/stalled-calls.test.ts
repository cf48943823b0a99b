/**
 * A stalled credential endpoint behind a Bedrock call: the provider keeps its own (long) default timeouts, and the
 * call's `totalTimeout` alone must end the call with a typed error, cancel the request to the stalled endpoint, and
 * leave nothing stuck in the provider's cache, so that the next call of the same client succeeds as soon as the
 * endpoint answers again. STS (AssumeRole and web identity), Cognito, SSO, instance metadata and the container
 * endpoint, each on a real loopback server.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
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
import { createBedrock } from "../../src/bedrock";
import { assumeRole, fromCognitoIdentity, fromWebIdentity, type CredentialProvider } from "../../src/credentials";
import { APITimeoutError, APIUserAbortError } from "../../src/errors";
import { fromContainerMetadata, fromInstanceMetadata, fromSSO, ssoCacheFileName } from "../../src/node/credentials";
import { stallable, waitFor, type Handler } from "./hostile-peers";
import { SOURCE_KEYS, catchError, registerLeakScan, secret, startBedrock, startServer, testClock, watchStore } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/CallDeadlineRole";
const WEB_TOKEN = secret("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjYWxsIn0.Y2FsbC1kZWFkbGluZQ");
const SSO_TOKEN = secret("aoaAAAAAGCallDeadlinePortalToken0123456789");
const POOL = "us-east-1:2b345c67-8901-2345-6789-01abcdef2345";
const ssoCache = mkdtempSync(join(tmpdir(), "bedrock-fetch-call-deadline-sso-"));
writeFileSync(join(ssoCache, ssoCacheFileName("deadline")), JSON.stringify({ accessToken: SSO_TOKEN, expiresAt: "2025-03-01T20:00:00Z" }));

interface Peer {
  name: string;
  handler: (store: CredentialStore, now: () => Date) => Handler;
  /** The provider with its default timeouts: only the call's deadline is small. */
  provider: (url: string, now: () => Date) => CredentialProvider;
  /** Which of the peer's requests stall (default: all). */
  match?: (request: Request) => boolean;
}

const PEERS: Peer[] = [
  {
    name: "STS AssumeRole",
    handler: (store, now) => createStsEmulator({ store, now }),
    provider: (endpoint, now) => assumeRole({ roleArn: ROLE, sourceCredentials: SOURCE_KEYS, endpoint, region: "us-east-1", now }),
  },
  {
    name: "STS AssumeRoleWithWebIdentity",
    handler: (store, now) => createStsEmulator({ store, now, webIdentityTokens: [WEB_TOKEN] }),
    provider: (endpoint, now) => fromWebIdentity({ roleArn: ROLE, token: WEB_TOKEN, endpoint, region: "us-east-1", now }),
  },
  {
    name: "Cognito Identity",
    handler: (store, now) => createCognitoIdentityEmulator({ store, now, pools: { [POOL]: { allowUnauthenticated: true } } }),
    provider: (endpoint, now) => fromCognitoIdentity({ identityPoolId: POOL, endpoint, now }),
  },
  {
    name: "SSO portal",
    handler: (store, now) => createSsoPortalEmulator({ store, now, tokens: { [SSO_TOKEN]: { roles: { "111122223333": ["BedrockUser"] } } } }),
    provider: (endpoint, now) => fromSSO({
      startUrl: "https://deadline.awsapps.com/start", sessionName: "deadline", ssoRegion: "us-east-1", accountId: "111122223333",
      roleName: "BedrockUser", cacheDirectory: ssoCache, endpoint, now,
    }),
  },
  {
    name: "instance metadata (credentials step)",
    handler: (store, now) => createInstanceMetadataEmulator({ store, now, roleName: "ec2-deadline" }),
    provider: (endpoint, now) => fromInstanceMetadata({ endpoint, env: {}, now, timeout: 60_000, maxRetries: 0 }),
    match: (r) => new URL(r.url).pathname.endsWith("/ec2-deadline"),
  },
  {
    name: "container endpoint",
    handler: (store, now) => createContainerCredentialsEmulator({ store, now }),
    provider: (endpoint, now) => fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${endpoint}/v1/credentials` }, now, timeout: 60_000, maxRetries: 0 }),
  },
];

const input = { modelId: "amazon.nova-lite-v1:0", messages: [{ role: "user" as const, content: [{ text: "hello past a stalled peer" }] }] };

describe("a stalled credential endpoint cannot hold a Bedrock call past its deadline", () => {
  for (const peer of PEERS) {
    it(`${peer.name}: the call ends at its totalTimeout, the stalled request is cancelled, and the next call succeeds once the endpoint answers`, async () => {
      const clock = testClock();
      const store = watchStore(createCredentialStore([SOURCE_KEYS]));
      const server = stallable(peer.handler(store, clock.now), peer.match);
      const provider = peer.provider(await startServer(server.handler), clock.now);
      const bedrock = createBedrock({ region: "us-east-1", endpoint: await startBedrock(store, clock.now), credentials: provider, now: clock.now, maxRetries: 0, totalTimeout: 300 });

      server.mode = "stall";
      const error = await catchError(bedrock.runtime.converse(input));
      expect(error).toBeInstanceOf(APITimeoutError);
      expect(error.message).toBe("Converse did not finish within its total timeout of 300 ms (`totalTimeout`).");
      await waitFor(() => server.stalled > 0 && server.hungUp === server.stalled, "the stalled request to be cancelled");

      // The caller's own signal ends a call waiting on a stalled endpoint just the same.
      const controller = new AbortController();
      const pending = catchError(bedrock.runtime.converse(input, { signal: controller.signal, totalTimeout: 60_000 }));
      await waitFor(() => server.stalled === 2, "the second request to arrive");
      controller.abort();
      expect(await pending).toBeInstanceOf(APIUserAbortError);
      await waitFor(() => server.hungUp === 2, "the second stalled request to be cancelled");

      server.mode = "answer";
      const answer = await bedrock.runtime.converse(input);
      expect(answer.output?.message?.content?.[0]).toMatchObject({ text: expect.stringContaining("hello past a stalled peer") });
    });
  }
});
