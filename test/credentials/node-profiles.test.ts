import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCredentialStore, createSsoPortalEmulator, createStsEmulator } from "../../src/aws-emulators";
import { AuthenticationError, ConfigurationError } from "../../src/errors";
import { credentialsFromLiteLLMParams, fromProfile, loadSharedConfig, parseIni, splitCommandLine } from "../../src/node/credentials";
import { SOURCE_KEYS, catchError, converseWith, registerLeakScan, secret, startBedrock, startServer, testClock, watchStore } from "./helpers";

registerLeakScan();

const ROLE = "arn:aws:iam::123456789012:role/ProfileRole";
const ROLE_B = "arn:aws:iam::123456789012:role/ChainedRole";
const PROC_KEYS = { accessKeyId: "AKIAPROCESSKEY000001", secretAccessKey: secret("processSecret/abcdefghijklmnopqrstuvwxy") };
const SELF_KEYS = { accessKeyId: "AKIASELFKEY000000001", secretAccessKey: secret("selfSecret/abcdefghijklmnopqrstuvwxyz0123") };
const WEB_TOKEN = secret("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwcm9maWxlIn0.cHJvZmlsZS1zaWc");
const SSO_TOKEN = secret("aoaAAAAAGWebSsoAccessTokenForTheSuite0123456789");
const START_URL = "https://my-sso-portal.awsapps.com/start";

async function world() {
  const clock = testClock();
  const store = watchStore(createCredentialStore([SOURCE_KEYS, PROC_KEYS, SELF_KEYS]));
  const sts = createStsEmulator({ store, now: clock.now, webIdentityTokens: [WEB_TOKEN] });
  const sso = createSsoPortalEmulator({ store, now: clock.now, tokens: {
    [SSO_TOKEN]: { roles: { "111122223333": ["BedrockUser"] }, expiresAt: new Date(clock.now().getTime() + 3600_000) },
  } });
  const [stsUrl, ssoUrl, bedrockUrl] = await Promise.all([startServer(sts), startServer(sso), startBedrock(store, clock.now)]);

  const home = mkdtempSync(join(tmpdir(), "bedrock-fetch-profiles-"));
  const script = (name: string, body: string) => {
    const path = join(home, name);
    writeFileSync(path, body);
    return `"${process.execPath}" "${path}"`;
  };
  const ok = script("ok.js", `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: ${JSON.stringify(PROC_KEYS.accessKeyId)}, SecretAccessKey: ${JSON.stringify(PROC_KEYS.secretAccessKey)}, Expiration: "2030-01-01T00:00:00Z" }))`);
  const fail = script("fail.js", `process.stderr.write("refusing; key was ${PROC_KEYS.secretAccessKey}\\n"); process.stdout.write(${JSON.stringify(PROC_KEYS.secretAccessKey)}); process.exit(3)`);
  const badJson = script("bad.js", `process.stdout.write("AccessKeyId=${PROC_KEYS.accessKeyId} SecretAccessKey=${PROC_KEYS.secretAccessKey}")`);
  const v2 = script("v2.js", `process.stdout.write(JSON.stringify({ Version: 2, AccessKeyId: "A", SecretAccessKey: ${JSON.stringify(PROC_KEYS.secretAccessKey)} }))`);
  writeFileSync(join(home, "token"), WEB_TOKEN + "\n");
  mkdirSync(join(home, ".aws", "sso", "cache"), { recursive: true });
  const cache = (key: string, expiresAt: string) => writeFileSync(
    join(home, ".aws", "sso", "cache", createHash("sha1").update(key).digest("hex") + ".json"),
    JSON.stringify({ startUrl: START_URL, region: "us-east-1", accessToken: SSO_TOKEN, expiresAt }),
  );
  cache("corp", "2025-03-01T13:00:00Z");
  cache(START_URL, "2025-03-01T11:00:00Z"); // the legacy profile's login has expired

  writeFileSync(join(home, "config"), `
# comment
[default]
region = us-west-2

[profile role]
role_arn = ${ROLE}
source_profile = static
role_session_name = profile-session
region = us-east-1

[profile chained]
role_arn = ${ROLE_B}
source_profile = role

[profile cycle-a]
role_arn = ${ROLE}
source_profile = cycle-b

[profile cycle-b]
role_arn = ${ROLE}
source_profile = cycle-a

[profile self]
role_arn = ${ROLE}
source_profile = self
aws_access_key_id = ${SELF_KEYS.accessKeyId}
aws_secret_access_key = ${SELF_KEYS.secretAccessKey}

[profile webid]
role_arn = ${ROLE}
web_identity_token_file = ${join(home, "token")}

[profile sso]
sso_session = corp
sso_account_id = 111122223333
sso_role_name = BedrockUser

[profile sso-legacy]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_account_id = 111122223333
sso_role_name = BedrockUser

[sso-session corp]
sso_start_url = ${START_URL}
sso_region = us-east-1
sso_registration_scopes = sso:account:access

[profile proc]
credential_process = ${ok}

[profile proc-fail]
credential_process = ${fail}

[profile proc-badjson]
credential_process = ${badJson}

[profile proc-v2]
credential_process = ${v2}

[profile bad-arn]
role_arn = arn:aws:iam::123:role/Nope
source_profile = static

[profile region-only]
region = eu-central-1
`);
  writeFileSync(join(home, "credentials"), `[static]
aws_access_key_id = ${SOURCE_KEYS.accessKeyId}
aws_secret_access_key = ${SOURCE_KEYS.secretAccessKey}
`);
  const env = {
    HOME: home,
    AWS_CONFIG_FILE: join(home, "config"),
    AWS_SHARED_CREDENTIALS_FILE: join(home, "credentials"),
    AWS_ENDPOINT_URL_STS: stsUrl,
    AWS_ENDPOINT_URL_SSO: ssoUrl,
  };
  const profile = (name: string) => fromProfile({ profile: name, env, now: clock.now });
  return { clock, store, sts, sso, bedrockUrl, env, profile, home };
}

describe("fromProfile", () => {
  it("static keys from the credentials file", async () => {
    const w = await world();
    expect(await w.profile("static")()).toEqual(SOURCE_KEYS);
    expect(await converseWith(w.bedrockUrl, w.profile("static"), w.clock.now)).toBeTruthy();
  });

  it("role_arn + source_profile, chained roles and a self-sourced role, each signed as STS verifies", async () => {
    const w = await world();
    expect(await converseWith(w.bedrockUrl, w.profile("role"), w.clock.now)).toBeTruthy();
    expect(w.sts.calls[0]).toMatchObject({ action: "AssumeRole", accessKeyId: SOURCE_KEYS.accessKeyId, roleArn: ROLE, roleSessionName: "profile-session", status: 200 });
    await converseWith(w.bedrockUrl, w.profile("chained"), w.clock.now);
    expect(w.sts.calls.slice(1).map((c) => [c.roleArn, c.accessKeyId?.slice(0, 4)])).toEqual([[ROLE, "AKIA"], [ROLE_B, "ASIA"]]);
    await converseWith(w.bedrockUrl, w.profile("self"), w.clock.now);
    expect(w.sts.calls.at(-1)).toMatchObject({ accessKeyId: SELF_KEYS.accessKeyId, status: 200 });
  });

  it("a source_profile cycle is a ConfigurationError naming the chain", async () => {
    const w = await world();
    const error = await catchError(w.profile("cycle-a")());
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.field).toBe("source_profile");
    expect(error.message).toContain("cycle-a -> cycle-b -> cycle-a");
    expect(w.sts.calls).toHaveLength(0);
  });

  it("web_identity_token_file", async () => {
    const w = await world();
    expect(await converseWith(w.bedrockUrl, w.profile("webid"), w.clock.now)).toBeTruthy();
    expect(w.sts.calls[0]).toMatchObject({ action: "AssumeRoleWithWebIdentity", status: 200 });
  });

  it("SSO from the cached login (sso_session), GetRoleCredentials on the portal", async () => {
    const w = await world();
    expect(await converseWith(w.bedrockUrl, w.profile("sso"), w.clock.now)).toBeTruthy();
    expect(w.sso.calls).toEqual([{ accountId: "111122223333", roleName: "BedrockUser", status: 200 }]);
  });

  it("an expired SSO login, or one the portal rejects, says to run aws sso login", async () => {
    const w = await world();
    const expired = await catchError(w.profile("sso-legacy")());
    expect(expired.name).toBe("CredentialsProviderError");
    expect(expired.message).toContain("run `aws sso login --profile sso-legacy`");
    expect(w.sso.calls).toHaveLength(0);
    w.clock.advance(3600_000 - 60_000); // the portal's session ends before the cached token says
    const portalTokens = createSsoPortalEmulator({ tokens: {} });
    const env = { ...w.env, AWS_ENDPOINT_URL_SSO: await startServer(portalTokens) };
    const rejected = await catchError(fromProfile({ profile: "sso", env, now: w.clock.now })());
    expect(rejected).toBeInstanceOf(AuthenticationError);
    expect(rejected.code).toBe("UnauthorizedException");
    expect(rejected.message).toContain("aws sso login --profile sso");
  });

  it("credential_process: JSON version 1 works; failures and bad output are typed errors without the output", async () => {
    const w = await world();
    expect(await converseWith(w.bedrockUrl, w.profile("proc"), w.clock.now)).toBeTruthy();
    const failed = await catchError(w.profile("proc-fail")());
    expect(failed.name).toBe("CredentialsProviderError");
    expect(failed.message).toMatch(/^credential_process of profile "proc-fail" exited with code 3; run it by hand/);
    const bad = await catchError(w.profile("proc-badjson")());
    expect(bad.message).toMatch(/profile "proc-badjson" printed output that is not JSON/);
    const v2 = await catchError(w.profile("proc-v2")());
    expect(v2.message).toContain('without "Version": 1');
  });

  it("a profile that does not exist, or a malformed role ARN in one, is a ConfigurationError naming the fix", async () => {
    const w = await world();
    const missing = await catchError(w.profile("nope")());
    expect(missing).toBeInstanceOf(ConfigurationError);
    expect(missing.field).toBe("profile");
    expect(missing.message).toContain('The AWS profile "nope" is not in');
    expect(missing.message).toContain("known: default, role");
    const arn = await catchError(w.profile("bad-arn")());
    expect(arn.field).toBe("roleArn");
    const empty = await catchError(w.profile("region-only")());
    expect(empty.message).toMatch(/has no credentials: add aws_access_key_id/);
    const viaEnv = await catchError(fromProfile({ env: { ...w.env, AWS_PROFILE: "typo" } })());
    expect(viaEnv.message).toContain('"typo"');
  });

  it("credentialsFromLiteLLMParams (node): aws_profile_name, AWS_PROFILE, and aws_role_name sourced from a profile", async () => {
    const w = await world();
    const named = credentialsFromLiteLLMParams({ aws_profile_name: "static", aws_region_name: "us-east-1" }, w.env, { now: w.clock.now });
    expect(await converseWith(w.bedrockUrl, named.credentials!, w.clock.now)).toBeTruthy();
    const envProfile = credentialsFromLiteLLMParams({}, { ...w.env, AWS_PROFILE: "proc" }, { now: w.clock.now });
    expect(await converseWith(w.bedrockUrl, envProfile.credentials!, w.clock.now)).toBeTruthy();
    const role = credentialsFromLiteLLMParams({ aws_profile_name: "static", aws_role_name: ROLE_B, aws_sts_endpoint: w.env.AWS_ENDPOINT_URL_STS,
      aws_session_name: "litellm-node" }, w.env, { now: w.clock.now });
    expect(await converseWith(w.bedrockUrl, role.credentials!, w.clock.now)).toBeTruthy();
    expect(w.sts.calls.at(-1)).toMatchObject({ accessKeyId: SOURCE_KEYS.accessKeyId, roleArn: ROLE_B, roleSessionName: "litellm-node" });
  });
});

describe("file format helpers", () => {
  it("parseIni keeps values with # and ;, and nests indented sub-settings", () => {
    expect(parseIni("[services dev]\nsts =\n  endpoint_url = http://localhost:1\n[profile a]\nkey = a#b;c\n; comment\n")).toEqual({
      "services dev": { sts: "", "sts.endpoint_url": "http://localhost:1" },
      "profile a": { key: "a#b;c" },
    });
  });

  it("splitCommandLine honours quotes without a shell", () => {
    expect(splitCommandLine(`"/opt/my tools/creds" --role 'a b' plain\\ word`)).toEqual(["/opt/my tools/creds", "--role", "a b", "plain word"]);
  });
});

describe("shared config files cannot reach Object.prototype", () => {
  const dir = mkdtempSync(join(tmpdir(), "bedrock-fetch-proto-"));
  const files = (config: string, credentials = "") => {
    const configFile = join(dir, `config-${Math.random().toString(36).slice(2)}`);
    const credentialsFile = `${configFile}-credentials`;
    writeFileSync(configFile, config);
    writeFileSync(credentialsFile, credentials);
    return { configFile, credentialsFile, env: {} };
  };
  /** Runs `body`, then undoes what a vulnerable parser would have done to the process, so later tests still run. */
  async function guarded(body: () => Promise<void>): Promise<void> {
    const keys = Object.keys;
    try {
      await body();
    } finally {
      Object.keys = keys;
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
  }

  it("a [__proto__] section does not set ({}).polluted: parseIni refuses it, naming the line", () =>
    guarded(async () => {
      const error = await catchError(() => parseIni("# comment\n[__proto__]\npolluted = yes\n", "/home/me/.aws/config")).finally(() =>
        expect(({} as Record<string, unknown>).polluted).toBeUndefined(),
      );
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.field).toBe("AWS_CONFIG_FILE");
      expect(error.message).toBe('/home/me/.aws/config line 2: "__proto__" cannot be used as a section name; rename it.');
    }));

  it("[profile constructor] with keys = oops leaves Object.keys working and is a ConfigurationError naming the file and line", () =>
    guarded(async () => {
      const where = files("[default]\nregion = us-east-1\n[profile constructor]\nkeys = oops\n");
      const loaded = await catchError(loadSharedConfig(where));
      expect(typeof Object.keys).toBe("function");
      expect(loaded).toBeInstanceOf(ConfigurationError);
      expect(loaded.message).toBe(`${where.configFile} line 3: "constructor" cannot be used as a section name; rename it.`);
      const viaProfile = await catchError(fromProfile({ ...where, profile: "default" })());
      expect(viaProfile).toBeInstanceOf(ConfigurationError);
      expect(viaProfile.message).toContain(`${where.configFile} line 3`);
    }));

  it("a [constructor] section of the credentials file cannot replace Object.keys either", () =>
    guarded(async () => {
      const where = files("", "[constructor]\nkeys = oops\n");
      const error = await catchError(loadSharedConfig(where));
      expect(typeof Object.keys).toBe("function");
      expect(error.field).toBe("AWS_SHARED_CREDENTIALS_FILE");
      expect(error.message).toBe(`${where.credentialsFile} line 1: "constructor" cannot be used as a section name; rename it.`);
    }));

  it.each([
    ["a setting", "[profile dev]\nregion = us-east-1\n__proto__ = x\n", 3, "__proto__"],
    ["a sub-setting", "[services dev]\nsts =\n  prototype = x\n", 3, "prototype"],
    ["an sso-session", "[sso-session prototype]\nsso_region = us-east-1\n", 1, "prototype"],
  ])("%s named after an Object.prototype member is refused", (_, text, line, name) =>
    guarded(async () => {
      const where = files(text);
      const error = await catchError(loadSharedConfig(where));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toMatch(new RegExp(`line ${line}: "${name}" cannot be used as a (setting|section) name`));
    }));

  it("a profile name that is an Object.prototype member is an unknown profile, not a function", async () => {
    const where = files("[default]\nregion = us-east-1\naws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = x\n");
    const config = await loadSharedConfig(where);
    expect(config.profiles.toString).toBeUndefined();
    expect(config.services.hasOwnProperty).toBeUndefined();
    for (const profile of ["toString", "hasOwnProperty"]) {
      const error = await catchError(fromProfile({ ...where, profile })());
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toContain(`The AWS profile "${profile}" is not in`);
    }
  });
});
