/**
 * Request authorisation, decided once at client creation: SigV4 with static credentials or a credentials provider,
 * or a Bedrock API key sent as `Authorization: Bearer <key>`
 * (https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-use.html). Nothing here ever puts a secret into an
 * error message.
 * @internal
 */
import { BedrockError, ConfigurationError } from "../errors";
import { networkFailure } from "./network-error";
import { headerSigner } from "../sigv4/sign-headers";
import type { Credentials } from "../sigv4/types";

import type { CredentialProvider } from "./types";

/** Adds the authorisation headers to one attempt of a request. */
export interface Authorizer {
  readonly kind: "sigv4" | "bearer";
  /** Whether a forced refresh can produce different credentials (a provider); static ones cannot. */
  readonly refreshable: boolean;
  /**
   * @param headers - the request headers; mutated and returned with the auth headers added
   * @param now - the (clock-skew corrected) signing time
   * @param signal - aborts when the attempt's caller leaves or its time is up (passed on to a credentials provider)
   */
  authorize(
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | Uint8Array | undefined,
    now: () => Date,
    forceRefresh: boolean,
    signal?: AbortSignal,
  ): Promise<Record<string, string>>;
}

// The transport's URLs carry only the queries the runtime's request builders write: `name=value` pieces with
// letters-only names and values encoded by `encodePathSegment` (RFC 3986, upper-case hex), which is their canonical
// form already, and letters sort after `=`. So sorting the pieces is the canonical query (test/transport pins this
// against the general signer), and the general query decoder and encoder stay out of the runtime's bundle.
const sortedQuery = (search: string): string => search.slice(1).split("&").sort().join("&");
const signBedrock = /* @__PURE__ */ headerSigner(sortedQuery);

// A header value may not contain CR/LF or other controls (https://fetch.spec.whatwg.org/#header-value); checking
// here gives a named error instead of a TypeError from fetch that could echo the value.
const BAD_HEADER_CHARS = /[\0-\x1f\x7f]/;

/** An authorizer that sends a Bedrock API key as a bearer token. */
export function bearerAuthorizer(apiKey: string, field: string): Authorizer {
  if (typeof apiKey !== "string" || apiKey.trim() === "" || BAD_HEADER_CHARS.test(apiKey) || /\s/.test(apiKey.trim())) {
    throw new ConfigurationError(field, `\`${field}\` must be a non-empty Bedrock API key without spaces or line breaks.`);
  }
  const value = `Bearer ${apiKey.trim()}`;
  return {
    kind: "bearer",
    refreshable: false,
    authorize(_method, _url, headers) {
      headers["authorization"] = value;
      return Promise.resolve(headers);
    },
  };
}

/** Checks the shape of credentials without ever echoing their values. */
export function validateCredentials(credentials: unknown, field: string): Credentials {
  const c = credentials as Partial<Credentials> | null;
  if (
    typeof c !== "object" ||
    c === null ||
    typeof c.accessKeyId !== "string" ||
    c.accessKeyId === "" ||
    BAD_HEADER_CHARS.test(c.accessKeyId) ||
    typeof c.secretAccessKey !== "string" ||
    c.secretAccessKey === "" ||
    (c.sessionToken !== undefined && (typeof c.sessionToken !== "string" || BAD_HEADER_CHARS.test(c.sessionToken)))
  ) {
    throw new ConfigurationError(
      field,
      `\`${field}\` must be { accessKeyId, secretAccessKey, sessionToken? } (non-empty strings without line breaks) or an async provider function.`,
    );
  }
  return c as Credentials;
}

/**
 * An authorizer that signs with SigV4 (signing name `bedrock`). A provider is called on every attempt (it is expected
 * to cache); with `forceRefresh` after the service rejected the credentials. Credentials whose `expiration` has
 * passed are refreshed once, then refused before any network call.
 */
export function sigv4Authorizer(credentials: Credentials | CredentialProvider, region: string): Authorizer {
  const fixed = typeof credentials === "function" ? undefined : validateCredentials(credentials, "credentials");
  return {
    kind: "sigv4",
    refreshable: !fixed,
    async authorize(method, url, headers, body, now, forceRefresh, signal) {
      const get = (force: boolean) => fixed ?? callProvider(credentials as CredentialProvider, force, signal);
      const nowMs = now().getTime();
      const expired = (c: Credentials) => c.expiration && c.expiration.getTime() <= nowMs;
      let creds = await get(forceRefresh);
      if (!forceRefresh && expired(creds)) creds = await get(true);
      if (expired(creds)) {
        throw new ConfigurationError(
          "credentials",
          `The credentials expired at ${creds.expiration!.toISOString()}; pass fresh ones or a provider function that refreshes them.`,
          { code: "ExpiredToken" },
        );
      }
      return signBedrock(method, url, headers, body, creds, region, "bedrock", now);
    },
  };
}

async function callProvider(provider: CredentialProvider, forceRefresh: boolean, signal: AbortSignal | undefined): Promise<Credentials> {
  let value: unknown;
  try {
    value = await provider(forceRefresh ? { forceRefresh, signal } : { signal });
  } catch (error) {
    // A provider's configuration mistake is one about `credentials` (and so, to a proxy, its own fault, not a
    // client's); the library's messages hold no secret.
    if (error instanceof ConfigurationError && error.field !== "credentials") {
      throw new ConfigurationError("credentials", `The credentials provider failed: ${error.message}`, { code: error.code, cause: error });
    }
    if (error instanceof BedrockError) throw error;
    // The provider's own message stays in `cause`: it is not ours to vouch that it holds no secret. A system error
    // code in its cause chain (ECONNREFUSED from the provider's own request) is only an identifier.
    const reason = networkFailure(error).code;
    throw new BedrockError(`The credentials provider failed${reason ? ` (${reason})` : ""}; see \`cause\`.`, { code: "CredentialsProviderError", cause: error });
  }
  return validateCredentials(value, "credentials");
}
