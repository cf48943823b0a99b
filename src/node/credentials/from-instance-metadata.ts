/**
 * `fromInstanceMetadata`: the EC2 instance profile's credentials from IMDSv2.
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html and
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html :
 * `PUT /latest/api/token` (header `X-aws-ec2-metadata-token-ttl-seconds`) gives a session token, sent as
 * `X-aws-ec2-metadata-token` to `GET /latest/meta-data/iam/security-credentials/` (the role name) and then
 * `…/security-credentials/<role>` (`{ Code: "Success", AccessKeyId, SecretAccessKey, Token, Expiration }`).
 * Settings: https://docs.aws.amazon.com/sdkref/latest/guide/feature-imds-credentials.html
 * (`AWS_EC2_METADATA_DISABLED`, `AWS_EC2_METADATA_SERVICE_ENDPOINT`, `AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`).
 * Only IMDSv2 is used: no fallback to token-less IMDSv1 requests.
 */
import { BedrockError, createAPIError, isBedrockError } from "../../errors";
import type { EnvRecord } from "../../env";
import { cached, type CachedProvider } from "../../credentials/cached";
import { CredentialsProviderError } from "../../credentials/errors";
import { readJson, type Answer } from "../../credentials/http";
import { redact } from "../../internal/redact";
import type { Clock } from "../../credentials/types";
import { checkEndpoint, makeCredentials } from "../../credentials/validate";
import { fetchWithTimeout, type TimeoutFetchOptions } from "./timeout-fetch";

/** Options of {@link fromInstanceMetadata}. */
export interface InstanceMetadataOptions extends TimeoutFetchOptions {
  /** @defaultValue `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else `http://169.254.169.254` (`http://[fd00:ec2::254]` in IPv6 mode) */
  endpoint?: string | undefined;
  /** Lifetime requested for the IMDS session token, seconds (1-21600). @defaultValue 21600 */
  tokenTtl?: number | undefined;
  /** @defaultValue `process.env` */
  env?: EnvRecord | undefined;
  now?: Clock | undefined;
  refreshBefore?: number | undefined;
}

const TTL_HEADER = "x-aws-ec2-metadata-token-ttl-seconds";
const TOKEN_HEADER = "x-aws-ec2-metadata-token";
const CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";

/** A cached provider of the instance role's credentials. Off EC2 it throws with `tryNextLink`. */
export function fromInstanceMetadata(options: InstanceMetadataOptions = {}): CachedProvider {
  const now = options.now ?? (() => new Date());
  const ttl = options.tokenTtl ?? 21600;
  let session: { token: string; expires: number } | undefined;

  async function token(base: string, force: boolean, signal: AbortSignal | undefined): Promise<string> {
    if (!force && session && now().getTime() < session.expires) return session.token;
    let answer: Answer;
    try {
      answer = await fetchWithTimeout(`${base}/latest/api/token`, { method: "PUT", headers: { [TTL_HEADER]: String(ttl) } },
        "Instance metadata", options, signal);
    } catch (error) {
      // No answer to the token request (no connection, or a timeout) is how the default chain learns it is not on
      // EC2, so the next link is tried. A caller that left, or a redirect or oversized answer, is not that.
      if (!isBedrockError(error) || !error.retryable || signal?.aborted) throw error;
      throw new CredentialsProviderError("instance metadata", `No instance metadata service answered at ${base} (not on EC2?).`, {
        tryNextLink: true,
        cause: error,
      });
    }
    if (!answer.ok) {
      throw createAPIError({ status: answer.status, message: `Instance metadata refused an IMDSv2 token (HTTP ${answer.status}).` });
    }
    const value = answer.text.trim();
    const granted = Number(answer.headers.get(TTL_HEADER) ?? ttl);
    // Renew a minute early so a token never expires between our check and IMDS's.
    session = { token: value, expires: now().getTime() + Math.max(0, granted - 60) * 1000 };
    return value;
  }

  async function get(base: string, path: string, signal: AbortSignal | undefined): Promise<Answer> {
    const attempt = async (force: boolean) => {
      const value = await token(base, force, signal);
      return fetchWithTimeout(`${base}${path}`, { headers: { [TOKEN_HEADER]: value } }, "Instance metadata", options, signal, [value]);
    };
    let answer = await attempt(false);
    if (answer.status === 401) answer = await attempt(true);
    if (!answer.ok) {
      // The path may hold the role name IMDS listed: upstream text.
      throw createAPIError({ status: answer.status, message: redact(`Instance metadata ${path} answered HTTP ${answer.status}.`, answer.secrets) });
    }
    return answer;
  }

  return cached(
    async (call) => {
      const signal = call?.signal;
      const env = options.env ?? process.env;
      if ((env.AWS_EC2_METADATA_DISABLED ?? "").toLowerCase() === "true") {
        throw new CredentialsProviderError("instance metadata", "AWS_EC2_METADATA_DISABLED is true.", { tryNextLink: true });
      }
      const configured = options.endpoint ?? env.AWS_EC2_METADATA_SERVICE_ENDPOINT;
      const base = configured !== undefined
        ? checkEndpoint(configured, "AWS_EC2_METADATA_SERVICE_ENDPOINT", true)
        : (env.AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE ?? "").toLowerCase() === "ipv6" ? "http://[fd00:ec2::254]" : "http://169.254.169.254";
      const roleName = (await get(base, CREDENTIALS_PATH, signal)).text.split("\n")[0]?.trim();
      if (!roleName) {
        throw new CredentialsProviderError("instance metadata", "The instance has no IAM role (instance profile) attached.", { tryNextLink: true });
      }
      // Not parsed with a bare JSON.parse: its SyntaxError quotes the text, which may hold the credentials.
      const c = readJson(await get(base, CREDENTIALS_PATH + encodeURIComponent(roleName), signal)) ?? {};
      const expiration = typeof c.Expiration === "string" ? new Date(c.Expiration) : undefined;
      if (c.Code !== "Success" || typeof c.AccessKeyId !== "string" || typeof c.SecretAccessKey !== "string" ||
        typeof c.Token !== "string" || !expiration || Number.isNaN(expiration.getTime())) {
        throw new BedrockError("Instance metadata answered without usable credentials.", { code: "InvalidResponse" });
      }
      return makeCredentials(c.AccessKeyId, c.SecretAccessKey, c.Token, expiration);
    },
    { refreshBefore: options.refreshBefore, now },
  );
}
