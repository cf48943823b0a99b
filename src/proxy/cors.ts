/**
 * CORS for browser clients, per the Fetch standard's CORS protocol (https://fetch.spec.whatwg.org/#http-cors-protocol):
 * a preflight (`OPTIONS` with `Access-Control-Request-Method`) from an allowed origin gets the methods and headers
 * it asked for; actual responses to an allowed origin carry `Access-Control-Allow-Origin`. Origins outside the list
 * get no CORS headers (the browser then blocks the call) and a preflight from one a 403 naming the setting.
 */
import { errorResponse, ProxyRequestError } from "./errors";

const ALLOWED_METHODS = "GET, POST, OPTIONS";
const DEFAULT_ALLOWED_HEADERS = "authorization, content-type, api-key, x-api-key, openai-organization, openai-project, x-stainless-retry-count";
const PREFLIGHT_MAX_AGE = "600";

/** CORS decisions for one configuration. */
export interface Cors {
  /** Adds the CORS headers an actual response to `request` needs. */
  decorate(request: Request, response: Response): Response;
  /** Answers a preflight request; `undefined` when `request` is not one. */
  preflight(request: Request): Response | undefined;
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
  return {
    decorate(request, response) {
      const origin = allowOrigin(request.headers.get("origin"));
      if (origin === undefined) return response;
      // Headers of a fetched Response may be immutable; a new Response shares the body stream without copying it.
      const out = new Response(response.body, response);
      out.headers.set("access-control-allow-origin", origin);
      if (origin !== "*") out.headers.append("vary", "Origin");
      return out;
    },
    preflight(request) {
      if (request.method !== "OPTIONS" || request.headers.get("access-control-request-method") === null) return undefined;
      const requested = request.headers.get("origin");
      const origin = allowOrigin(requested);
      if (origin === undefined) {
        return errorResponse(new ProxyRequestError(403, "The origin is not allowed to call this proxy; add it to general_settings.allowed_origins.", {
          type: "permission_error",
          code: "origin_not_allowed",
        }));
      }
      const headers = new Headers({
        "access-control-allow-origin": origin,
        "access-control-allow-methods": ALLOWED_METHODS,
        "access-control-allow-headers": request.headers.get("access-control-request-headers") ?? DEFAULT_ALLOWED_HEADERS,
        "access-control-max-age": PREFLIGHT_MAX_AGE,
      });
      if (origin !== "*") headers.set("vary", "Origin");
      return new Response(null, { status: 204, headers });
    },
  };
}
