/**
 * Reads a request's JSON body with a size cap: a `Content-Length` over the cap is refused before reading, and a
 * body without one (chunked) is counted as it streams and cancelled as soon as it passes the cap, so an oversized
 * upload never sits in memory whole. A body that breaks off (the client went away) is the client's doing: 499,
 * which the proxy does not report as its own failure.
 *
 * The parsed body is then walked once, without recursion: nesting deeper than {@link MAX_DEPTH} is refused (no
 * OpenAI request nests that deep, and serialising such a value would exhaust the stack), and so is a `__proto__`
 * key anywhere. `JSON.parse` keeps `__proto__` as a plain own key, but copying it with an assignment
 * (`params[key] = value`, `Object.assign`) would replace the copy's prototype and let the client slip in inherited
 * fields it may not set (`model_id`, `api_base`). No OpenAI or Bedrock field has that name. `constructor` and
 * `prototype` stay accepted: assigning them creates ordinary own keys, and they are legitimate names (of a tool
 * parameter in a JSON schema, say).
 */
import { readCapped } from "../internal/read-capped";
import { ProxyRequestError } from "./errors";

/** Deepest nesting of arrays and objects accepted in a request body. */
export const MAX_DEPTH = 64;

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
  let bytes: Uint8Array | undefined;
  try {
    bytes = await readCapped(request.body, limit);
  } catch {
    throw new ProxyRequestError(499, "The client closed the request before its body was read.", { code: "client_closed_request" });
  }
  if (!bytes) throw tooLarge(limit);
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
  checkStructure(value);
  return value as Record<string, unknown>;
}

/** Refuses nesting deeper than {@link MAX_DEPTH} and `__proto__` keys, naming the JSON path. */
function checkStructure(body: object): void {
  const stack: Array<[unknown, string, number]> = [[body, "", 0]];
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [value, path, depth] = item;
    if (typeof value !== "object" || value === null) continue;
    if (depth > MAX_DEPTH) {
      throw new ProxyRequestError(400, `The request body nests arrays and objects deeper than ${MAX_DEPTH} levels, at \`${path}\`.`, { param: path, code: "invalid_json" });
    }
    for (const [key, child] of Object.entries(value)) {
      const at = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      if (key === "__proto__") {
        throw new ProxyRequestError(400, `\`${at}\`: a "__proto__" key is not accepted in a request body; remove it.`, { param: at, code: "invalid_parameter" });
      }
      stack.push([child, at, depth + 1]);
    }
  }
}
