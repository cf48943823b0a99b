/**
 * @module
 * AWS Signature Version 4 on web standards: `signRequest` for a `Request` or a plain request, `presignUrl`, and
 * every step of the algorithm (canonical URI, query, headers and request; string to sign; signing key; signature;
 * authorization header) exported on its own, so a server can verify signatures with the same code. Small inputs are
 * hashed in JavaScript and large bodies with WebCrypto; derived keys are cached, bounded, keyed by a digest.
 * Algorithm: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html
 */
export type {
  Credentials,
  HeaderInput,
  HeaderPairs,
  HttpRequestLike,
  QueryInput,
  SignableBody,
  SignedRequest,
  SignOptions,
} from "./types";
export { signRequest, presignUrl } from "./sign-request";
export { signParts, type RequestParts, type SignedParts } from "./sign-parts";
export {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  normalizeHeaderValue,
  type CanonicalHeaders,
  type CanonicalRequestParts,
  type CanonicalUriOptions,
} from "./canonical";
export { ALGORITHM, authorizationHeader, credentialScope, signature, stringToSign, toAmzDate } from "./signature";
export { signingKey } from "./signing-key";
export { hasWebCrypto, sha256Hex } from "./digest";
export { encodePathSegment, uriEncode } from "./encode";
