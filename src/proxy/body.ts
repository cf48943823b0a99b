/**
 * Reads a request's JSON body with a size cap: a `Content-Length` over the cap is refused before reading, and a
 * body without one (chunked) is counted as it streams and cancelled as soon as it passes the cap, so an oversized
 * upload never sits in memory whole.
 */
import { ProxyRequestError } from "./errors";

function tooLarge(limit: number): ProxyRequestError {
  const mib = Math.round((limit / (1024 * 1024)) * 100) / 100;
  return new ProxyRequestError(413, `The request body is larger than the proxy's limit of ${mib} MiB (general_settings.max_request_size_mb).`, {
    code: "request_too_large",
  });
}

/** The body's bytes, at most `limit` of them. @throws ProxyRequestError 413 when larger */
async function readLimited(request: Request, limit: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) {
    // Not read at all: cancelling tells the server adapter it may drop the rest.
    await request.body?.cancel().catch(() => {});
    throw tooLarge(limit);
  }
  if (request.body === null) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    parts.push(value);
  }
  if (parts.length === 1) return parts[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

/**
 * Parses the request body as a JSON object.
 *
 * @throws ProxyRequestError 413 over `limit` bytes, 400 for anything that is not a JSON object
 */
export async function readJsonObject(request: Request, limit: number): Promise<Record<string, unknown>> {
  const bytes = await readLimited(request, limit);
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new ProxyRequestError(400, "The request body is not valid JSON. Send a JSON object with Content-Type: application/json.", {
      code: "invalid_json",
    });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ProxyRequestError(400, "The request body must be a JSON object, e.g. {\"model\": \"...\", \"messages\": [...]}.", {
      code: "invalid_json",
    });
  }
  return value as Record<string, unknown>;
}
