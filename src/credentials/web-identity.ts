/**
 * `fromWebIdentity`: temporary credentials for an OIDC or OAuth 2.0 token (EKS service accounts, GitHub Actions,
 * Google, Cognito user pools) via STS AssumeRoleWithWebIdentity, which is not signed.
 * API: https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
 */
import { ConfigurationError } from "../errors";
import type { CachedProvider } from "./cached";
import { callStsForCredentials, roleProvider, sessionPolicyParams, type ParamEncoder, type StsEndpointOptions } from "./sts-client";
import { checkRoleArn } from "./validate";

/** Options of {@link fromWebIdentity}. Give `token` or `tokenProvider`. */
export interface WebIdentityOptions extends StsEndpointOptions {
  /** ARN of the role whose trust policy admits the identity provider. */
  roleArn: string;
  /** The OIDC ID token or OAuth access token. */
  token?: string | undefined;
  /** Returns a current token on each refresh (e.g. re-reads a projected token file). Wins over `token`. */
  tokenProvider?: (() => string | Promise<string>) | undefined;
  /** @defaultValue `bedrock-fetch-<epoch ms>` */
  roleSessionName?: string | undefined;
  /** 900-43200 seconds. @defaultValue STS's 3600 */
  durationSeconds?: number | undefined;
  /** Only for OAuth 2.0 access tokens from Amazon or Facebook (`www.amazon.com`, `graph.facebook.com`). */
  providerId?: string | undefined;
  /** Inline session policy, JSON text or an object. */
  policy?: string | object | undefined;
  /** Managed session policy ARNs. */
  policyArns?: readonly string[] | undefined;
  /** Refresh this many ms before expiry; see {@link cached}. @defaultValue 300000 */
  refreshBefore?: number | undefined;
}

/**
 * A cached provider of the role's credentials for a web identity token. Options are checked now: a malformed ARN
 * or a missing token throws a {@link ConfigurationError} before any request.
 *
 * @example
 * ```ts
 * const credentials = fromWebIdentity({ roleArn, tokenProvider: () => getIdToken(), region: "us-east-1" });
 * ```
 */
export function fromWebIdentity(options: WebIdentityOptions): CachedProvider {
  return webIdentityWith(options, sessionPolicyParams);
}

/** {@link fromWebIdentity} with `more` encoding the options beyond role, session name and duration. @internal */
export function webIdentityWith(options: WebIdentityOptions, more?: ParamEncoder): CachedProvider {
  if (options === null || typeof options !== "object") {
    throw new ConfigurationError("options", "fromWebIdentity takes { roleArn, token | tokenProvider, region, ... }.");
  }
  checkRoleArn(options.roleArn);
  const { tokenProvider, token } = options;
  if (tokenProvider === undefined && (typeof token !== "string" || token.trim() === "")) {
    throw new ConfigurationError(
      "token",
      "fromWebIdentity needs the web identity token: pass `token` (the OIDC ID token) or `tokenProvider` (a function returning it).",
    );
  }
  if (tokenProvider !== undefined && typeof tokenProvider !== "function") {
    throw new ConfigurationError("tokenProvider", "tokenProvider must be a function returning the token.");
  }
  return roleProvider(options, "fromWebIdentity", more, async (params, signal) => {
    const current = tokenProvider ? await tokenProvider() : token!;
    if (typeof current !== "string" || current.trim() === "") {
      throw new ConfigurationError("tokenProvider", "tokenProvider returned an empty web identity token.");
    }
    const webToken = current.trim();
    params.push(["WebIdentityToken", webToken]);
    if (options.providerId !== undefined) params.push(["ProviderId", options.providerId]);
    return callStsForCredentials("AssumeRoleWithWebIdentity", params, options, "fromWebIdentity", signal, undefined, webToken);
  });
}
