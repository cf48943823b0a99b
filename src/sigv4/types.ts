/** Public types of the SigV4 signer. */

/** AWS credentials. Only `accessKeyId` and `secretAccessKey` are required. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** STS session token of temporary credentials; sent as `x-amz-security-token`. */
  sessionToken?: string | undefined;
  /** When temporary credentials stop working. The signer does not refresh; the credentials layer does. */
  expiration?: Date | undefined;
}

/** How to sign. */
export interface SignOptions {
  credentials: Credentials;
  /** Signing region, e.g. `us-east-1`. */
  region: string;
  /** Signing name: `bedrock` for Bedrock Runtime. */
  service: string;
  /** Injectable clock, read once per signature. @defaultValue `() => new Date()` */
  now?: (() => Date) | undefined;
  /** A fixed signing time; wins over `now`. */
  datetime?: Date | undefined;
  /** Sign in the query string (a presigned URL) instead of the `authorization` header. @defaultValue false */
  signQuery?: boolean | undefined;
  /** Lifetime of a query signature in seconds (`X-Amz-Expires`), 1 to 604800. @defaultValue 900 */
  expiresIn?: number | undefined;
  /** Add a signed `x-amz-content-sha256` header carrying the payload hash. @defaultValue false */
  contentSha256?: boolean | undefined;
  /** Sign the literal `UNSIGNED-PAYLOAD` instead of hashing the body (allows stream bodies). @defaultValue false */
  unsignedPayload?: boolean | undefined;
  /** Remove `.` / `..` segments and empty segments from the canonical URI. @defaultValue true */
  normalizePath?: boolean | undefined;
  /** Encode the (already encoded) path once more, as every service but S3 expects. @defaultValue true */
  doubleEncodePath?: boolean | undefined;
  /**
   * Add `x-amz-security-token` after signing instead of signing it, for the few services that want it so
   * (aws-c-auth's `omit_session_token`). Bedrock wants it signed. @defaultValue false
   */
  omitSessionToken?: boolean | undefined;
}

/** A body the signer can hash. Streams need {@link SignOptions.unsignedPayload}. */
export type SignableBody = string | Uint8Array | ArrayBuffer | null;

/** A request in plain form, for callers that do not want a `Request` object. */
export interface HttpRequestLike {
  method: string;
  /** Absolute URL. Path segments must already be percent-encoded (see {@link encodePathSegment}). */
  url: string | URL;
  headers?: HeadersInit | Record<string, string> | undefined;
  body?: SignableBody | undefined;
}

/** The signed request in plain form: send `headers` as they are (plus the `host` fetch derives from `url`). */
export interface SignedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: SignableBody | undefined;
}

/** Header pairs as they appear on the wire; a name may repeat. */
export type HeaderPairs = ReadonlyArray<readonly [string, string]>;

/** Any way of passing headers to a step function. */
export type HeaderInput = HeaderPairs | Record<string, string> | Headers;

/** Query parameters: a raw query string (with or without `?`), or decoded name/value pairs. */
export type QueryInput = string | URLSearchParams | Iterable<readonly [string, string]>;
