/**
 * The master-key check. Keys are compared as SHA-256 digests with a loop that always visits every byte, so neither
 * the time taken nor an early exit reveals how much of a guess was right, nor the key's length.
 */
import { ProxyRequestError } from "./errors";

const encoder = new TextEncoder();

async function digest(text: string): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ (b[i] ?? 0);
  return diff === 0;
}

/** The key a client sent: `Authorization: Bearer <key>`, else `api-key` (Azure style) or `x-api-key`. */
export function presentedKey(headers: Headers): string | undefined {
  const authorization = headers.get("authorization");
  if (authorization !== null) {
    const match = /^\s*Bearer\s+(.+?)\s*$/i.exec(authorization);
    return match ? match[1] : undefined;
  }
  return headers.get("api-key")?.trim() || headers.get("x-api-key")?.trim() || undefined;
}

/**
 * A checker for one master key; without a key every request passes.
 *
 * @example
 * ```ts
 * const check = createKeyCheck("sk-1234");
 * await check(request.headers); // throws ProxyRequestError 401 on a wrong or missing key
 * ```
 */
export function createKeyCheck(masterKey: string | undefined): (headers: Headers) => Promise<void> {
  if (masterKey === undefined) return async () => {};
  const expected = digest(masterKey);
  return async (headers) => {
    const key = presentedKey(headers);
    if (key === undefined) {
      throw new ProxyRequestError(401, "Missing API key: send `Authorization: Bearer <key>` with the proxy's master key.", {
        type: "invalid_request_error",
        code: "invalid_api_key",
      });
    }
    if (!equalBytes(await digest(key), await expected)) {
      throw new ProxyRequestError(401, "Incorrect API key provided: use the proxy's master key (general_settings.master_key).", {
        type: "invalid_request_error",
        code: "invalid_api_key",
      });
    }
  };
}
