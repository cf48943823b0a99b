/**
 * Redaction of secrets from text the library did not write (an upstream error message, an exception frame, a
 * provider's answer) before it goes into an error or a response: a server that echoes the request would otherwise put
 * the signature or the session token into `err.message`.
 */

const MARK = "[redacted]";

// What a secret looks like on the wire, whoever's it is: a SigV4 signature (header or query), a session token
// (header, query or form field), a bearer token, an SSO bearer token header, a Bedrock API key (long-term keys start
// with ABSK, short-term ones with bedrock-api-key-; https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html).
const SHAPES =
  /((?:x-amz-)?signature=)[0-9a-f]{64}|((?:x-amz-security-token|x-amz-sso_bearer_token|sessiontoken|secretaccesskey|secretkey)["']?\s*[:=]\s*["']?|bearer\s+)[^\s&"',;<>]+|\b(ABSK|bedrock-api-key-)[\w+/=%.-]{16,}/gi;

/**
 * `text` with every secret in `known` (as is and percent-encoded) replaced by `[redacted]`, and with anything shaped
 * like a signature, session token, bearer token or Bedrock API key replaced too. Values shorter than 8 characters
 * are not treated as secrets (they would mangle ordinary words).
 */
export function redact(text: string, known: ReadonlyArray<string | undefined> = []): string {
  for (const secret of known) {
    if (!secret || secret.length < 8) continue;
    text = text.split(secret).join(MARK);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) text = text.split(encoded).join(MARK);
  }
  return text.replace(SHAPES, (_m, a: string | undefined, b: string | undefined, c: string | undefined) => (a ?? b ?? c ?? "") + MARK);
}

/**
 * The secrets a signed or bearer request carries in its headers (any letter case): the signature or bearer token,
 * and a session token.
 */
export function secretsOf(headers: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const name in headers) {
    const lower = name.toLowerCase();
    const value = headers[name]!;
    if (lower === "authorization") out.push(/Signature=([0-9a-f]+)/.exec(value)?.[1] ?? value.replace(/^Bearer\s+/i, ""));
    else if (lower === "x-amz-security-token") out.push(value);
  }
  return out;
}

/** `error` with its message and stack redacted as by {@link redact} (the stack repeats the message). */
export function scrub<T>(error: T, known: ReadonlyArray<string | undefined>): T {
  if (error instanceof Error) {
    error.message = redact(error.message, known);
    if (error.stack) error.stack = redact(error.stack, known);
  }
  return error;
}
