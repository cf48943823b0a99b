/**
 * `fromSSO`: role credentials from IAM Identity Center using the access token `aws sso login` cached.
 *
 * - Cache file: `~/.aws/sso/cache/<sha1 hex>.json`, the SHA-1 of the `sso_session` name (or, for a legacy profile
 *   without `sso_session`, of `sso_start_url`), holding `{ "accessToken", "expiresAt", ... }`
 *   (https://docs.aws.amazon.com/sdkref/latest/guide/feature-sso-credentials.html,
 *   https://docs.aws.amazon.com/cli/latest/userguide/sso-configure-profile-token.html).
 * - Role credentials: GetRoleCredentials, `GET https://portal.sso.{region}.amazonaws.com/federation/credentials
 *   ?account_id=…&role_name=…` with header `x-amz-sso_bearer_token`; answer
 *   `{ roleCredentials: { accessKeyId, secretAccessKey, sessionToken, expiration (epoch ms) } }`
 *   (https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html).
 *
 * An expired cached token is not refreshed here (that needs the SSO OIDC CreateToken flow); the error says to run
 * `aws sso login` again.
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { BedrockError, ConfigurationError } from "../../errors";
import type { EnvRecord } from "../../env";
import { cached, type CachedProvider } from "../../credentials/cached";
import { CredentialsProviderError } from "../../credentials/errors";
import { jsonServiceError, readJson, send } from "../../credentials/http";
import type { Clock, FetchLike } from "../../credentials/types";
import { checkEndpoint, checkRegion, makeCredentials } from "../../credentials/validate";
import { homeDirectory } from "./shared-config";

/** Options of {@link fromSSO}. */
export interface SsoOptions {
  /** `sso_start_url`, e.g. `https://my-sso-portal.awsapps.com/start`. */
  startUrl: string;
  /** `sso_region`: region of the IAM Identity Center instance. */
  ssoRegion: string;
  /** `sso_account_id`. */
  accountId: string;
  /** `sso_role_name`. */
  roleName: string;
  /** `sso_session` name; when set the token cache is keyed by it instead of the start URL. */
  sessionName?: string | undefined;
  /** Profile name, for messages. */
  profile?: string | undefined;
  /** Portal endpoint override. @defaultValue `https://portal.sso.{ssoRegion}.amazonaws.com` */
  endpoint?: string | undefined;
  /** Directory of cached tokens. @defaultValue `~/.aws/sso/cache` */
  cacheDirectory?: string | undefined;
  env?: EnvRecord | undefined;
  fetch?: FetchLike | undefined;
  now?: Clock | undefined;
  refreshBefore?: number | undefined;
  /** Milliseconds the GetRoleCredentials request may take, its answer included. @defaultValue 10000 */
  timeout?: number | undefined;
}

/** Name of the token cache file for a session name or (legacy) start URL. */
export function ssoCacheFileName(sessionNameOrStartUrl: string): string {
  return createHash("sha1").update(sessionNameOrStartUrl, "utf8").digest("hex") + ".json";
}

/** A cached provider of the SSO role's credentials. */
export function fromSSO(options: SsoOptions): CachedProvider {
  const profile = options.profile === undefined ? "" : ` (profile "${options.profile}")`;
  for (const [field, value] of [["sso_start_url", options.startUrl], ["sso_account_id", options.accountId], ["sso_role_name", options.roleName]] as const) {
    if (typeof value !== "string" || value === "") {
      throw new ConfigurationError(field, `SSO${profile} needs ${field}; run \`aws configure sso\` to set the profile up.`);
    }
  }
  const region = checkRegion(options.ssoRegion, "sso_region");
  const endpoint = options.endpoint === undefined
    ? `https://portal.sso.${region}.${region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"}`
    : checkEndpoint(options.endpoint, "sso endpoint");
  const now = options.now ?? (() => new Date());
  const login = `aws sso login${options.profile === undefined ? "" : ` --profile ${options.profile}`}`;
  const provider = options.profile === undefined ? "fromSSO" : `profile ${options.profile}`;

  async function readToken(): Promise<string> {
    const dir = options.cacheDirectory ?? join(homeDirectory(options.env ?? process.env), ".aws", "sso", "cache");
    const file = join(dir, ssoCacheFileName(options.sessionName ?? options.startUrl));
    let json: { accessToken?: unknown; expiresAt?: unknown };
    try {
      json = JSON.parse(await readFile(file, "utf8")) as typeof json;
    } catch {
      throw new CredentialsProviderError(provider, `No cached SSO login${profile} in ${file}; run \`${login}\`.`);
    }
    const expiresAt = new Date(String(json.expiresAt));
    if (typeof json.accessToken !== "string" || json.accessToken === "" || Number.isNaN(expiresAt.getTime())) {
      throw new CredentialsProviderError(provider, `The cached SSO login${profile} in ${file} is unreadable; run \`${login}\`.`);
    }
    if (expiresAt.getTime() <= now().getTime()) {
      throw new CredentialsProviderError(provider, `The cached SSO login${profile} expired at ${expiresAt.toISOString()}; run \`${login}\`.`);
    }
    return json.accessToken;
  }

  return cached(
    async (call) => {
      const token = await readToken();
      const query = new URLSearchParams({ account_id: options.accountId, role_name: options.roleName });
      const answer = await send(`${endpoint}/federation/credentials?${query}`, {
        method: "GET",
        headers: { "x-amz-sso_bearer_token": token },
      }, "SSO GetRoleCredentials", { fetch: options.fetch, timeout: options.timeout, signal: call?.signal, secrets: [token] });
      if (!answer.ok) {
        const error = jsonServiceError(answer, `SSO GetRoleCredentials${profile}`);
        if (answer.status === 401) error.message += ` Run \`${login}\`.`;
        throw error;
      }
      const c = readJson(answer)?.roleCredentials as Record<string, unknown> | undefined;
      if (typeof c?.accessKeyId !== "string" || typeof c.secretAccessKey !== "string" || typeof c.expiration !== "number") {
        throw new BedrockError("SSO GetRoleCredentials answered without role credentials.", { code: "InvalidResponse" });
      }
      return makeCredentials(c.accessKeyId, c.secretAccessKey, typeof c.sessionToken === "string" ? c.sessionToken : undefined,
        new Date(c.expiration));
    },
    { refreshBefore: options.refreshBefore, now },
  );
}
