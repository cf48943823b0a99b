/**
 * The one place providers call `fetch`: connection failures become {@link APIConnectionError} naming the service
 * and host (never the URL's query or any header), and error answers become the typed errors of `../errors`.
 * @internal
 */
import { APIConnectionError, createAPIError, type APIError } from "../errors";
import type { FetchLike } from "./types";

/** Sends a request; a failure to get any response becomes an {@link APIConnectionError}. */
export async function send(fetchFn: FetchLike | undefined, url: string, init: RequestInit, what: string): Promise<Response> {
  const f = fetchFn ?? (globalThis.fetch as FetchLike | undefined);
  if (typeof f !== "function") {
    throw new APIConnectionError(`${what}: no fetch function is available; pass one with the \`fetch\` option.`);
  }
  try {
    return await f(url, init);
  } catch (error) {
    if (isAbort(error)) throw error;
    throw new APIConnectionError(`${what}: could not reach ${originOf(url)}.`, { cause: error });
  }
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/** `scheme://host[:port]` of a URL, for messages. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "the endpoint";
  }
}

/** Builds the typed error for an error answer of a JSON-protocol AWS service (Cognito Identity, SSO portal). */
export async function jsonServiceError(response: Response, what: string): Promise<APIError> {
  const text = await response.text().catch(() => "");
  let body: { __type?: unknown; message?: unknown; Message?: unknown; code?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object") body = parsed as typeof body;
  } catch {
    // Not JSON: the status alone decides.
  }
  // The code is in `x-amzn-ErrorType` or `__type`, possibly as `Code:namespace` or `namespace#Code`.
  const rawCode = response.headers.get("x-amzn-errortype") ?? (typeof body.__type === "string" ? body.__type : undefined);
  const code = rawCode?.split(":")[0]?.split("#").pop()?.trim() || undefined;
  const message = typeof body.message === "string" ? body.message : typeof body.Message === "string" ? body.Message : undefined;
  return createAPIError({
    status: response.status,
    code,
    message: `${what} failed: ${message ?? code ?? `HTTP ${response.status}`}`,
    requestId: response.headers.get("x-amzn-requestid") ?? undefined,
  });
}

/** Parses a JSON body, or `undefined` if it is not JSON. */
export async function readJson(response: Response): Promise<unknown> {
  try {
    return JSON.parse(await response.text());
  } catch {
    return undefined;
  }
}
