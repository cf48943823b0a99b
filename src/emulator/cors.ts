/**
 * Cross-origin resource sharing for the emulator, so a web page on another origin can call it the way it calls
 * Bedrock Runtime: preflights (`OPTIONS` with `Access-Control-Request-Method`) are answered without authentication,
 * and answers to requests that carry an allowed `Origin` get `Access-Control-Allow-Origin` and expose the `x-amzn-*`
 * headers the client reads (request id, error type, token counts) plus `date` (clock-skew correction). Since the
 * allowed origin is echoed back, every answer (to other origins and to requests without `Origin` too) says
 * `Vary: Origin`, so that a shared cache never hands one origin's answer to another
 * (https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches). Protocol:
 * https://fetch.spec.whatwg.org/#http-cors-protocol. Web-standard APIs only.
 */
import { ConfigurationError } from "../errors";

/** Options of {@link withCors}; `true` in the emulator's `cors` option means all defaults. */
export interface CorsOptions {
  /** Origins allowed to call, or `"*"` for any (the allowed origin is then echoed back). @defaultValue `"*"` */
  origins?: "*" | readonly string[] | undefined;
  /** How long a browser may cache a preflight answer, in seconds (`Access-Control-Max-Age`). @defaultValue 600 */
  maxAgeSeconds?: number | undefined;
}

/** Request headers a browser may send: SigV4, bearer auth, content negotiation and Bedrock's own `x-amzn-bedrock-*`. */
export const CORS_ALLOW_HEADERS: readonly string[] = [
  "authorization",
  "content-type",
  "accept",
  "x-amz-date",
  "x-amz-security-token",
  "x-amz-content-sha256",
  "x-amz-user-agent",
  "x-amz-target",
  "amz-sdk-invocation-id",
  "amz-sdk-request",
  "x-amzn-bedrock-accept",
  "x-amzn-bedrock-content-type",
  "x-amzn-bedrock-guardrailidentifier",
  "x-amzn-bedrock-guardrailversion",
  "x-amzn-bedrock-trace",
  "x-amzn-bedrock-performanceconfig-latency",
  "x-amzn-bedrock-service-tier",
  "x-amzn-bedrock-request-metadata",
  // The emulator's per-request fault header, so browser tests can inject faults too.
  "x-bedrock-fetch-fault",
];

/** Response headers a page may read beyond the CORS-safelisted ones. */
export const CORS_EXPOSE_HEADERS: readonly string[] = [
  "x-amzn-requestid",
  "x-amz-request-id",
  "x-amzn-errortype",
  "x-amzn-bedrock-input-token-count",
  "x-amzn-bedrock-output-token-count",
  "x-amzn-bedrock-invocation-latency",
  "x-amzn-bedrock-performanceconfig-latency",
  "x-amzn-bedrock-service-tier",
  "x-amzn-bedrock-content-type",
  "retry-after",
  "date",
];

const ALLOW_METHODS = "GET, POST, OPTIONS";

/** {@link CorsOptions} with the defaults filled in. */
interface ResolvedCors {
  origins: "*" | readonly string[];
  maxAgeSeconds: number;
}

/** Checks the emulator's `cors` option and fills in defaults; `undefined` when CORS is off. */
export function resolveCorsOptions(value: boolean | CorsOptions | undefined): ResolvedCors | undefined {
  if (value === false) return undefined;
  if (value === undefined || value === true) return { origins: "*", maxAgeSeconds: 600 };
  if (typeof value !== "object" || value === null) {
    throw new ConfigurationError("cors", "cors must be true, false or { origins?, maxAgeSeconds? }.");
  }
  const origins = value.origins ?? "*";
  if (origins !== "*" && (!Array.isArray(origins) || !origins.every((o) => typeof o === "string" && o !== ""))) {
    throw new ConfigurationError("cors.origins", 'cors.origins must be "*" or an array of origins such as "http://127.0.0.1:8080".');
  }
  const maxAgeSeconds = value.maxAgeSeconds ?? 600;
  if (!Number.isInteger(maxAgeSeconds) || maxAgeSeconds < 0) {
    throw new ConfigurationError("cors.maxAgeSeconds", "cors.maxAgeSeconds must be a whole number of seconds, 0 or more.");
  }
  return { origins, maxAgeSeconds };
}

function allowedOrigin(origin: string, options: ResolvedCors): boolean {
  return options.origins === "*" || options.origins.includes(origin);
}

/** The preflight answer: 200 with the allow lists, or 403 without them when the origin is not allowed. */
function preflight(request: Request, origin: string, options: ResolvedCors): Response {
  if (!allowedOrigin(origin, options)) return new Response(null, { status: 403, headers: { vary: "Origin" } });
  const headers = new Headers({
    "access-control-allow-origin": origin,
    "access-control-allow-methods": ALLOW_METHODS,
    "access-control-allow-headers": CORS_ALLOW_HEADERS.join(", "),
    "access-control-expose-headers": CORS_EXPOSE_HEADERS.join(", "),
    "access-control-max-age": String(options.maxAgeSeconds),
    vary: "Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
  });
  // Headers the page asked for that are not listed are simply not allowed: the browser then refuses the request,
  // as it would against Bedrock. Chromium's Private Network Access preflights get their opt-in answered.
  if (request.headers.get("access-control-request-private-network") === "true") {
    headers.set("access-control-allow-private-network", "true");
  }
  return new Response(null, { status: 200, headers });
}

/** Copies a response with `Vary: Origin` and, for an allowed `origin`, the CORS headers of an actual answer. */
function decorate(response: Response, origin: string | undefined): Response {
  const headers = new Headers(response.headers);
  if (origin !== undefined) {
    headers.set("access-control-allow-origin", origin);
    headers.set("access-control-expose-headers", CORS_EXPOSE_HEADERS.join(", "));
  }
  headers.append("vary", "Origin");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Wraps a web handler with CORS: preflights are answered here, other requests that carry an allowed `Origin` go to
 * `handler` and come back with the CORS headers. Any web handler can be wrapped (the STS or Cognito test servers, a
 * proxy) — the options are checked once, here.
 *
 * @example
 * ```ts
 * const sts = withCors(createStsEmulator({ store }), { origins: ["http://127.0.0.1:8080"] });
 * ```
 */
export function withCors(
  handler: (request: Request) => Promise<Response>,
  options: boolean | CorsOptions = true,
): (request: Request) => Promise<Response> {
  const resolved = resolveCorsOptions(options);
  if (resolved === undefined) return handler;
  return async (request: Request): Promise<Response> => {
    const origin = request.headers.get("origin");
    if (origin !== null && request.method.toUpperCase() === "OPTIONS" && request.headers.has("access-control-request-method")) {
      return preflight(request, origin, resolved);
    }
    const response = await handler(request);
    return decorate(response, origin !== null && allowedOrigin(origin, resolved) ? origin : undefined);
  };
}
