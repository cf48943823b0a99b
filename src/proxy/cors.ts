/**
 * CORS for browser clients, per the Fetch standard's CORS protocol (https://fetch.spec.whatwg.org/#http-cors-protocol):
 * a preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin gets the methods, and those of
 * the headers it asked for that a client of this proxy sends; actual responses to an allowed origin carry
 * `Access-Control-Allow-Origin`. Origins outside the list get no CORS headers (the browser then blocks the call) and
 * a preflight from one a 403 naming the setting.
 *
 * When the answer depends on `Origin` (a list of origins rather than `*`), every response says `Vary: Origin`, those
 * to other origins and to requests without one included, so that a shared cache never hands one origin's answer to
 * another ("CORS protocol and HTTP caches", https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches). With `*`
 * the header is the same for everyone, so it is sent on every response instead.
 *
 * A POST from a page of an origin that is not allowed is refused before anything is read or sent upstream: browsers
 * send such "simple" requests without a preflight (https://fetch.spec.whatwg.org/#cors-safelisted-request-header).
 */
import { errorResponse, ProxyRequestError } from "./errors";

const ALLOWED_METHODS = "GET, POST, OPTIONS";
// What OpenAI and Anthropic clients send: the key (as OpenAI, Azure or Anthropic style), the organisation and project,
// the SDKs' `x-stainless-*` headers (language, version, retry count, timeout), and Anthropic's version and beta flags.
const ALLOWED_HEADERS = [
  "authorization", "content-type", "api-key", "x-api-key", "openai-organization", "openai-project", "x-stainless-retry-count",
  // Anthropic's SDK in a browser (https://docs.anthropic.com/en/api/versioning, …/beta-headers).
  "anthropic-version", "anthropic-beta", "anthropic-dangerous-direct-browser-access",
];
const PREFLIGHT_MAX_AGE = "600";
// The router's headers naming the deployment that answered, and the Messages API's dropped beta flags.
const EXPOSED_HEADERS = "x-litellm-model-id, x-litellm-model-group, x-litellm-attempted-retries, x-litellm-attempted-fallbacks, x-bedrock-fetch-dropped-betas";

/** CORS decisions for one configuration. */
export interface Cors {
  /** Adds the CORS headers an actual response to `request` needs. */
  decorate(request: Request, response: Response): Response;
  /** Answers a preflight request; `undefined` when `request` is not one. */
  preflight(request: Request): Response | undefined;
  /**
   * A refusal for a request that changes something (not GET or HEAD) from a browser page of an origin that is not
   * allowed, or `undefined` to go on. Such a POST needs no preflight when its body is sent as `text/plain`, so
   * without this check any web page could spend the proxy's Bedrock quota through a visitor's browser (a proxy
   * on localhost without a master key); the browser would only hide the answer.
   */
  refuse(request: Request): Response | undefined;
}

/** @param allowed - origins without a trailing slash, or `*` */
export function createCors(allowed: readonly string[]): Cors {
  const any = allowed.includes("*");
  const set = new Set(allowed);
  const allowOrigin = (origin: string | null): string | undefined => {
    if (origin === null) return undefined;
    if (any) return "*";
    return set.has(origin) ? origin : undefined;
  };
  /** `headers` with the CORS headers of an answer to `origin` (as {@link allowOrigin} decided it). */
  const withCors = (headers: Headers, origin: string | undefined): Headers => {
    if (any) headers.set("access-control-allow-origin", "*");
    else {
      if (origin !== undefined) headers.set("access-control-allow-origin", origin);
      headers.append("vary", "Origin");
    }
    // A page may read which deployment answered (https://fetch.spec.whatwg.org/#http-access-control-expose-headers).
    if (any || origin !== undefined) headers.set("access-control-expose-headers", EXPOSED_HEADERS);
    return headers;
  };
  const refusal = () =>
    errorResponse(new ProxyRequestError(403, "The origin is not allowed to call this proxy; add it to general_settings.allowed_origins.", {
      type: "permission_error",
      code: "origin_not_allowed",
    }));
  return {
    refuse(request) {
      const origin = request.headers.get("origin");
      if (origin === null || request.method === "GET" || request.method === "HEAD" || allowOrigin(origin) !== undefined) return undefined;
      request.body?.cancel().catch(() => {});
      return refusal();
    },
    decorate(request, response) {
      // Without allowed origins, no answer depends on Origin.
      if (allowed.length === 0) return response;
      // Headers of a fetched Response may be immutable; a new Response shares the body stream without copying it.
      const out = new Response(response.body, response);
      withCors(out.headers, allowOrigin(request.headers.get("origin")));
      return out;
    },
    preflight(request) {
      if (request.method !== "OPTIONS" || request.headers.get("access-control-request-method") === null) return undefined;
      const origin = allowOrigin(request.headers.get("origin"));
      if (origin === undefined) {
        const refused = refusal();
        if (allowed.length > 0 && !any) refused.headers.append("vary", "Origin");
        return refused;
      }
      // Only headers a client of this proxy sends are allowed: the browser refuses a request that needs another.
      const requested = (request.headers.get("access-control-request-headers") ?? "").toLowerCase().split(",").map((h) => h.trim());
      const headers = requested.filter((h) => ALLOWED_HEADERS.includes(h) || /^x-stainless-[a-z0-9-]+$/.test(h));
      return new Response(null, {
        status: 204,
        headers: withCors(new Headers({
          "access-control-allow-methods": ALLOWED_METHODS,
          "access-control-allow-headers": (headers.length > 0 ? headers : ALLOWED_HEADERS).join(", "),
          "access-control-max-age": PREFLIGHT_MAX_AGE,
        }), origin),
      });
    },
  };
}
