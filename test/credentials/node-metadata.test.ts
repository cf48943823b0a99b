import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  createContainerCredentialsEmulator,
  createCredentialStore,
  createInstanceMetadataEmulator,
  createStsEmulator,
} from "../../src/aws-emulators";
import { AuthenticationError, ConfigurationError } from "../../src/errors";
import { defaultProvider, fromContainerMetadata, fromInstanceMetadata, fromTokenFile } from "../../src/node/credentials";
import { SOURCE_KEYS, catchError, converseWith, registerLeakScan, secret, startBedrock, startServer, testClock, watchStore } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/PodRole";
const POD_TOKEN = secret("eks-pod-identity-token-0123456789abcdef");
const WEB_TOKEN = secret("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJla3MifQ.ZWtzLXNpZw");

async function world() {
  const clock = testClock();
  const store = watchStore(createCredentialStore([SOURCE_KEYS]));
  const container = createContainerCredentialsEmulator({ store, now: clock.now, authorizationToken: POD_TOKEN, eksPodIdentity: true });
  const imds = createInstanceMetadataEmulator({ store, now: clock.now, roleName: "ec2-bedrock" });
  const sts = createStsEmulator({ store, now: clock.now, webIdentityTokens: [WEB_TOKEN] });
  const [containerUrl, imdsUrl, stsUrl, bedrockUrl] = await Promise.all([
    startServer(container), startServer(imds), startServer(sts), startBedrock(store, clock.now),
  ]);
  const dir = mkdtempSync(join(tmpdir(), "bedrock-fetch-metadata-"));
  writeFileSync(join(dir, "pod-token"), POD_TOKEN + "\n");
  writeFileSync(join(dir, "web-token"), WEB_TOKEN);
  // An empty home, so the default chain finds no shared files.
  const base = { HOME: dir, AWS_CONFIG_FILE: join(dir, "none"), AWS_SHARED_CREDENTIALS_FILE: join(dir, "none") };
  return { clock, store, container, imds, sts, containerUrl, imdsUrl, stsUrl, bedrockUrl, dir, base };
}

describe("container credentials", () => {
  it("EKS Pod Identity: FULL_URI on loopback with the token file; the credentials sign Bedrock requests", async () => {
    const w = await world();
    const env = { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${w.containerUrl}/v1/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: join(w.dir, "pod-token") };
    const provider = fromContainerMetadata({ env, now: w.clock.now });
    expect(await converseWith(w.bedrockUrl, provider, w.clock.now)).toBeTruthy();
    expect(w.container.calls).toEqual([{ path: "/v1/credentials", authorized: true, status: 200 }]);
  });

  it("a wrong or missing token is refused by the endpoint and surfaces as a typed error", async () => {
    const w = await world();
    const wrong = await catchError(fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${w.containerUrl}/v1/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN: "not-the-token-123" } })());
    expect(wrong.status).toBe(403);
    const none = await catchError(fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${w.containerUrl}/v1/credentials` } })());
    expect(none).toBeInstanceOf(AuthenticationError);
    expect(none.status).toBe(401);
  });

  it("RELATIVE_URI goes to 169.254.170.2; FULL_URI over plain http must be loopback or a container host", async () => {
    const seen: string[] = [];
    const fake = async (input: Request | string | URL) => {
      seen.push(String(input));
      return new Response(JSON.stringify({ AccessKeyId: "ASIAECS", SecretAccessKey: "ecs-secret-value-1234", Token: "ecs-token-value-1234", Expiration: "2030-01-01T00:00:00Z" }));
    };
    await fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: "/v2/credentials/abc" }, fetch: fake })();
    expect(seen).toEqual(["http://169.254.170.2/v2/credentials/abc"]);
    const error = await catchError(fromContainerMetadata({ env: { AWS_CONTAINER_CREDENTIALS_FULL_URI: "http://example.com/creds" }, fetch: fake })());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.field).toBe("AWS_CONTAINER_CREDENTIALS_FULL_URI");
    const absent = await catchError(fromContainerMetadata({ env: {} })());
    expect(absent.tryNextLink).toBe(true);
  });
});

describe("instance metadata (IMDSv2)", () => {
  it("gets a session token, the role name and its credentials; renews the token when IMDS expires it", async () => {
    const w = await world();
    const provider = fromInstanceMetadata({ endpoint: w.imdsUrl, env: {}, now: w.clock.now, tokenTtl: 300 });
    expect(await converseWith(w.bedrockUrl, provider, w.clock.now)).toBeTruthy();
    expect(w.imds.calls.map((c) => `${c.method} ${c.path} ${c.status}`)).toEqual([
      "PUT /latest/api/token 200",
      "GET /latest/meta-data/iam/security-credentials/ 200",
      "GET /latest/meta-data/iam/security-credentials/ec2-bedrock 200",
    ]);
    w.clock.advance(6 * 3600_000); // credentials and the token both expired
    await provider();
    expect(w.imds.calls.slice(3).map((c) => `${c.method} ${c.status}`)).toEqual(["PUT 200", "GET 200", "GET 200"]);
  });

  it("AWS_EC2_METADATA_DISABLED and an unreachable endpoint let a chain move on", async () => {
    const disabled = await catchError(fromInstanceMetadata({ env: { AWS_EC2_METADATA_DISABLED: "true" } })());
    expect(disabled.tryNextLink).toBe(true);
    const unreachable = await catchError(fromInstanceMetadata({ env: {}, fetch: async () => {
      throw new TypeError("connect EHOSTUNREACH");
    } })());
    expect(unreachable.tryNextLink).toBe(true);
    expect(unreachable.message).toContain("http://169.254.169.254");
  });
});

describe("web identity token file and the default chain", () => {
  it("AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN", async () => {
    const w = await world();
    const env = { AWS_WEB_IDENTITY_TOKEN_FILE: join(w.dir, "web-token"), AWS_ROLE_ARN: ROLE, AWS_ROLE_SESSION_NAME: "pod", AWS_ENDPOINT_URL_STS: w.stsUrl };
    expect(await converseWith(w.bedrockUrl, fromTokenFile({ env, now: w.clock.now }), w.clock.now)).toBeTruthy();
    expect(w.sts.calls[0]).toMatchObject({ action: "AssumeRoleWithWebIdentity", roleSessionName: "pod", status: 200 });
    const noRole = await catchError(fromTokenFile({ env: { AWS_WEB_IDENTITY_TOKEN_FILE: join(w.dir, "web-token") } })());
    expect(noRole.field).toBe("AWS_ROLE_ARN");
  });

  it("takes the first configured source in AWS's order: env → web identity → profile → container → IMDS", async () => {
    const w = await world();
    const imds = { AWS_EC2_METADATA_SERVICE_ENDPOINT: w.imdsUrl };
    const container = { AWS_CONTAINER_CREDENTIALS_FULL_URI: `${w.containerUrl}/v1/credentials`, AWS_CONTAINER_AUTHORIZATION_TOKEN: POD_TOKEN };
    const webIdentity = { AWS_WEB_IDENTITY_TOKEN_FILE: join(w.dir, "web-token"), AWS_ROLE_ARN: ROLE, AWS_ENDPOINT_URL_STS: w.stsUrl };
    const keys = { AWS_ACCESS_KEY_ID: SOURCE_KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: SOURCE_KEYS.secretAccessKey };
    writeFileSync(join(w.dir, "config"), `[profile dev]\nregion = us-east-1\n[default]\nregion = us-west-2\n`);
    writeFileSync(join(w.dir, "credentials"), `[dev]\naws_access_key_id = ${SOURCE_KEYS.accessKeyId}\naws_secret_access_key = ${SOURCE_KEYS.secretAccessKey}\n`);
    const files = { HOME: w.dir, AWS_CONFIG_FILE: join(w.dir, "config"), AWS_SHARED_CREDENTIALS_FILE: join(w.dir, "credentials") };
    const use = async (env: Record<string, string>) => {
      const before = { sts: w.sts.calls.length, container: w.container.calls.length, imds: w.imds.calls.length };
      const provider = defaultProvider({ env, now: w.clock.now });
      expect(await converseWith(w.bedrockUrl, provider, w.clock.now)).toBeTruthy();
      if (w.sts.calls.length > before.sts) return "web identity";
      if (w.container.calls.length > before.container) return "container";
      if (w.imds.calls.length > before.imds) return "imds";
      return (await provider()).accessKeyId === SOURCE_KEYS.accessKeyId ? "keys" : "?";
    };
    expect(await use({ ...w.base, ...keys, ...webIdentity, ...container, ...imds })).toBe("keys");
    expect(await use({ ...w.base, ...webIdentity, ...container, ...imds })).toBe("web identity");
    expect(await use({ ...files, AWS_PROFILE: "dev", ...container, ...imds })).toBe("keys");
    // The default profile only sets a region, so the chain moves on.
    expect(await use({ ...files, ...container, ...imds })).toBe("container");
    expect(await use({ ...w.base, ...imds })).toBe("imds");
  });

  it("finds nothing → one error listing the fixes; a broken source surfaces instead of being skipped", async () => {
    const w = await world();
    const nothing = await catchError(defaultProvider({ env: w.base, fetch: async () => {
      throw new TypeError("connect EHOSTUNREACH");
    } })());
    expect(nothing.name).toBe("CredentialsProviderError");
    expect(nothing.message).toMatch(/^No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, configure a profile/);
    const typo = await catchError(defaultProvider({ env: { ...w.base, AWS_PROFILE: "missing" }, fetch: async () => new Response("") })());
    expect(typo).toBeInstanceOf(ConfigurationError);
    expect(typo.field).toBe("profile");
  });
});
