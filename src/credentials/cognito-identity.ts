/**
 * `fromCognitoIdentity`: browser-friendly credentials from an Amazon Cognito identity pool, with two unsigned calls
 * of the JSON 1.1 protocol (`X-Amz-Target: AWSCognitoIdentityService.<Operation>`):
 * GetId (https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html) and
 * GetCredentialsForIdentity (https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html).
 */
import { BedrockError, ConfigurationError } from "../errors";
import { cached, type CachedProvider } from "./cached";
import { jsonServiceError, readJson, send } from "./http";
import type { Clock, FetchLike } from "./types";
import { checkEndpoint, checkRegion, checkRoleArn, makeCredentials } from "./validate";

/** A login token, or a function returning a current one (ID tokens expire). */
export type CognitoLogin = string | (() => string | Promise<string>);

/** Options of {@link fromCognitoIdentity}. */
export interface CognitoIdentityOptions {
  /** `<region>:<uuid>`, e.g. `us-east-1:1a234b56-...`. */
  identityPoolId: string;
  /** Provider name → token, e.g. `{ "cognito-idp.us-east-1.amazonaws.com/us-east-1_ABC": idToken }`. Omit for guests. */
  logins?: Readonly<Record<string, CognitoLogin>> | undefined;
  /** Skip GetId for a known identity. */
  identityId?: string | undefined;
  /** AWS account that owns the pool (GetId `AccountId`). */
  accountId?: string | undefined;
  /** Role to assume when the pool allows choosing one (`CustomRoleArn`). */
  customRoleArn?: string | undefined;
  /** @defaultValue the region in `identityPoolId` */
  region?: string | undefined;
  /** @defaultValue `https://cognito-identity.{region}.amazonaws.com` */
  endpoint?: string | undefined;
  /**
   * Accept a plain `http:` `endpoint` on any host, not only on loopback (an emulator in another container). The
   * login tokens and the credentials then cross the network unencrypted. @defaultValue false
   */
  allowInsecureEndpoint?: boolean | undefined;
  fetch?: FetchLike | undefined;
  now?: Clock | undefined;
  /** See {@link cached}. @defaultValue 300000 */
  refreshBefore?: number | undefined;
  /** Milliseconds each Cognito request may take, its answer included; then it fails with `APITimeoutError`. @defaultValue 10000 */
  timeout?: number | undefined;
}

const POOL_ID = /^([a-z]{2}(?:-[a-z]+)+-\d{1,2}):[0-9a-f-]{1,128}$/;

/**
 * A cached provider of an identity pool's credentials. The identity id from GetId is kept for later refreshes.
 *
 * @example
 * ```ts
 * const credentials = fromCognitoIdentity({
 *   identityPoolId: "us-east-1:1a234b56-7890-1234-5678-90abcdef1234",
 *   logins: { "cognito-idp.us-east-1.amazonaws.com/us-east-1_ABC": () => session.idToken },
 * });
 * ```
 */
export function fromCognitoIdentity(options: CognitoIdentityOptions): CachedProvider {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("options", "fromCognitoIdentity takes { identityPoolId, logins?, region? }.");
  }
  const match = typeof options.identityPoolId === "string" ? POOL_ID.exec(options.identityPoolId) : null;
  if (!match && options.identityId === undefined) {
    throw new ConfigurationError(
      "identityPoolId",
      'identityPoolId must look like "us-east-1:1a234b56-7890-1234-5678-90abcdef1234" (region, colon, pool uuid).',
    );
  }
  const region = checkRegion(options.region ?? match?.[1], "region");
  const endpoint = options.endpoint === undefined
    ? `https://cognito-identity.${region}.${region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com"}`
    : checkEndpoint(options.endpoint, "endpoint", options.allowInsecureEndpoint === true, "pass `allowInsecureEndpoint: true`");
  if (options.customRoleArn !== undefined) checkRoleArn(options.customRoleArn, "customRoleArn");
  for (const [name, value] of Object.entries(options.logins ?? {})) {
    if (typeof value !== "function" && (typeof value !== "string" || value === "")) {
      throw new ConfigurationError(`logins.${name}`, `logins["${name}"] must be a token string or a function returning one.`);
    }
  }
  let identityId = options.identityId;

  async function call(target: string, body: Record<string, unknown>, signal: AbortSignal | undefined, logins: string[]): Promise<Record<string, unknown>> {
    const what = `Cognito Identity ${target}`;
    const answer = await send(`${endpoint}/`, {
      method: "POST",
      headers: {
        "content-type": "application/x-amz-json-1.1",
        "x-amz-target": `AWSCognitoIdentityService.${target}`,
      },
      body: JSON.stringify(body),
    }, what, { ...options, signal, secrets: logins });
    if (!answer.ok) throw jsonServiceError(answer, what);
    const json = readJson(answer);
    if (!json) throw new BedrockError(`${what} answered with a body that is not JSON.`, { code: "InvalidResponse" });
    return json;
  }

  return cached(
    async (request) => {
      const logins: Record<string, string> = {};
      for (const [name, value] of Object.entries(options.logins ?? {})) {
        logins[name] = typeof value === "function" ? await value() : value;
      }
      const tokens = Object.values(logins);
      const withLogins = tokens.length > 0 ? { Logins: logins } : {};
      const signal = request?.signal;
      if (identityId === undefined) {
        const answer = await call("GetId", {
          IdentityPoolId: options.identityPoolId,
          ...(options.accountId === undefined ? {} : { AccountId: options.accountId }),
          ...withLogins,
        }, signal, tokens);
        if (typeof answer.IdentityId !== "string") {
          throw new BedrockError("Cognito Identity GetId answered without an IdentityId.", { code: "InvalidResponse" });
        }
        identityId = answer.IdentityId;
      }
      const answer = await call("GetCredentialsForIdentity", {
        IdentityId: identityId,
        ...(options.customRoleArn === undefined ? {} : { CustomRoleArn: options.customRoleArn }),
        ...withLogins,
      }, signal, tokens);
      const c = answer.Credentials as Record<string, unknown> | undefined;
      // Expiration is a JSON 1.1 timestamp: epoch seconds (https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html).
      const expiration = typeof c?.Expiration === "number" ? new Date(c.Expiration * 1000) : undefined;
      if (typeof c?.AccessKeyId !== "string" || typeof c.SecretKey !== "string" || typeof c.SessionToken !== "string" || !expiration) {
        throw new BedrockError("Cognito Identity GetCredentialsForIdentity answered without credentials.", { code: "InvalidResponse" });
      }
      return makeCredentials(c.AccessKeyId, c.SecretKey, c.SessionToken, expiration);
    },
    { refreshBefore: options.refreshBefore, now: options.now },
  );
}
