/**
 * The emulator's front door: validates options once, then for every request reads the body, applies clock skew,
 * checks authentication the way Bedrock does, applies faults, routes to the operation and turns failures into
 * AWS-shaped error answers. Web-standard APIs only, so the handler runs on Workers, Deno, Bun and Node alike.
 */
import { ConfigurationError, isBedrockError } from "../errors";
import { createAsyncInvokeStore } from "./async-invoke";
import { awsErrorResponse, EmulatedAwsError } from "./aws-error";
import { type OperationContext } from "./context";
import { converse, converseStream } from "./converse";
import { withCors } from "./cors";
import { checkServiceShapes } from "./check-service";
import { countTokensOperation } from "./count-tokens";
import { rerankOperation } from "./agent-rerank";
import { FAULT_MESSAGES, mergeFaults, parseFaultSpec, type Faults } from "./faults";
import { fromUtf8 } from "./bytes";
import { applyGuardrail } from "./guardrail";
import { invoke } from "./invoke";
import { validateOptions } from "./options";
import { createReplayer, replayResponse } from "./replay";
import type { EmulatorOptions } from "./types";
import { verifySigV4 } from "./verify-sigv4";

/** The well-known example key pair from the AWS documentation, accepted by default so the demo works. */
/** A test Bedrock API key (`Authorization: Bearer`), accepted by `bedrock-fetch emulate` unless `--api-key` names another. Not a real key. */
export const TEST_API_KEY = "bedrock-fetch-emulator-test-key";

export const TEST_CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
} as const;

/** Header carrying a per-request fault spec. */
export const FAULT_HEADER = "x-bedrock-fetch-fault";

const MODEL_OPERATIONS = new Set(["invoke", "invoke-with-response-stream", "converse", "converse-stream", "count-tokens"]);

type Route =
  | { op: "model"; operation: string; modelId: string }
  | { op: "apply-guardrail"; guardrailId: string; version: string }
  | { op: "async-start" }
  | { op: "async-list" }
  | { op: "async-get"; arn: string }
  /** The Agent Runtime's Rerank, served on the same endpoint (its host is `bedrock-agent-runtime`). */
  | { op: "rerank" };

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new EmulatedAwsError(400, "ValidationException", "The provided model identifier is invalid.");
  }
}

function route(method: string, pathname: string): Route | undefined {
  const s = pathname.split("/").slice(1);
  if (method === "POST" && s.length === 3 && s[0] === "model" && MODEL_OPERATIONS.has(s[2]!)) {
    return { op: "model", operation: s[2]!, modelId: decode(s[1]!) };
  }
  if (method === "POST" && s.length === 5 && s[0] === "guardrail" && s[2] === "version" && s[4] === "apply") {
    return { op: "apply-guardrail", guardrailId: decode(s[1]!), version: decode(s[3]!) };
  }
  if (s[0] === "async-invoke" && s.length === 1) return method === "POST" ? { op: "async-start" } : method === "GET" ? { op: "async-list" } : undefined;
  if (s[0] === "async-invoke" && s.length === 2 && method === "GET") return { op: "async-get", arn: decode(s[1]!) };
  if (s[0] === "rerank" && s.length === 1 && method === "POST") return { op: "rerank" };
  return undefined;
}

/** The path members of a route, by their names in the service model. */
function pathMembers(target: Route): Record<string, string> {
  switch (target.op) {
    case "model":
      return { modelId: target.modelId };
    case "apply-guardrail":
      return { guardrailIdentifier: target.guardrailId, guardrailVersion: target.version };
    case "async-get":
      return { invocationArn: target.arn };
    default:
      return {};
  }
}

function regionOfHost(host: string): string {
  return /bedrock-runtime(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com/.exec(host)?.[1] ?? "us-east-1";
}

/**
 * Creates a local Bedrock Runtime as a web handler `(request: Request) => Promise<Response>`.
 *
 * It verifies SigV4 (header or presigned query; signing name `bedrock`, any region, ±5 minutes) or bearer API
 * keys, and answers InvokeModel(+WithResponseStream) in each model family's native wire format, Converse(+Stream),
 * CountTokens, ApplyGuardrail and the async-invoke operations, with deterministic text (see `generate.ts`),
 * tool calls, embeddings and small PNGs. It refuses what Bedrock refuses, in Bedrock's words: requests that break
 * the service model, unknown model ids, native bodies that break their model's schema and Converse features the
 * model lacks (`lenient: true` accepts them). Faults come from the `faults` option or the `x-bedrock-fetch-fault`
 * header (syntax: {@link parseFaultSpec}); `replay` answers with recordings instead.
 *
 * @throws ConfigurationError when an option is malformed (the error names the field).
 * @example
 * ```ts
 * import { createEmulator } from "bedrock-fetch/emulator";
 * const emulator = createEmulator({ faults: "drip:20" });
 * // Cloudflare Workers / Deno / Bun: export default { fetch: emulator };  Node: serve(emulator) from bedrock-fetch/node
 * ```
 */
export function createEmulator(options: EmulatorOptions = {}): (request: Request) => Promise<Response> {
  validateOptions(options);
  const credentials = options.credentials ?? [TEST_CREDENTIALS];
  // A list is searched on every request, so credentials added to it later (e.g. by the STS test server) count.
  const lookup =
    "lookup" in credentials
      ? (accessKeyId: string) => credentials.lookup(accessKeyId)
      : (accessKeyId: string) => credentials.find((c) => c.accessKeyId === accessKeyId);
  const apiKeys = new Set(options.apiKeys ?? []);
  const baseFaults = parseFaultSpec(options.faults ?? [], "faults");
  const clock = options.now ?? (() => new Date());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const blockedWords = options.blockedWords ?? ["blocked"];
  const newRequestId = options.requestId ?? (() => crypto.randomUUID());
  const counters = new Map<string, number>();
  const asyncJobs = createAsyncInvokeStore();
  const replayer = options.replay ? createReplayer(options.replay) : undefined;

  async function authenticate(request: Request, body: Uint8Array, faults: Faults, now: Date): Promise<string | undefined> {
    if (options.verifyAuth === false) return undefined;
    const authorization = request.headers.get("authorization") ?? "";
    if (faults.expiredToken) throw new EmulatedAwsError(403, "ExpiredTokenException", "The security token included in the request is expired");
    if (faults.badSignature) {
      throw new EmulatedAwsError(403, "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }
    if (/^bearer /i.test(authorization)) {
      const key = authorization.slice(7).trim();
      const ok = apiKeys.has(key) || (options.verifyApiKey !== undefined && (await options.verifyApiKey(key)) === true);
      if (!ok) throw new EmulatedAwsError(403, "UnrecognizedClientException", "The security token included in the request is invalid.");
      return undefined;
    }
    const result = await verifySigV4(request, body, { service: "bedrock", lookup, now });
    if (!result.ok) throw new EmulatedAwsError(result.status, result.code, result.message);
    return result.region;
  }

  async function handle(request: Request, requestId: string, clockOf: { now: Date }): Promise<Response> {
    const spec = request.headers.get(FAULT_HEADER);
    let faults = baseFaults;
    if (spec !== null) {
      try {
        faults = mergeFaults(baseFaults, parseFaultSpec(spec, FAULT_HEADER));
      } catch (error) {
        if (error instanceof ConfigurationError) throw new EmulatedAwsError(400, "ValidationException", error.message);
        throw error;
      }
    }
    const now = new Date(clock().getTime() + (faults.skewSeconds ?? 0) * 1000);
    clockOf.now = now;
    const bytes = new Uint8Array(await request.arrayBuffer());
    const url = new URL(request.url);
    const region = (await authenticate(request, bytes, faults, now)) ?? regionOfHost(url.host);

    for (const fault of faults.counted) {
      const calls = (counters.get(fault.key) ?? 0) + 1;
      counters.set(fault.key, calls);
      if (calls <= fault.limit) throw new EmulatedAwsError(fault.status, fault.code, FAULT_MESSAGES[fault.code] ?? fault.code);
    }

    const target = route(request.method.toUpperCase(), url.pathname);
    if (target === undefined) throw new EmulatedAwsError(404, "UnknownOperationException", "The requested operation is not recognized by the service.");

    let parsed: unknown = null;
    if (bytes.length > 0) {
      try {
        parsed = JSON.parse(fromUtf8(bytes));
      } catch {
        throw new EmulatedAwsError(400, "ValidationException", "Malformed input request, please reformat your input and try again.");
      }
    }
    const stream = {
      dripMs: faults.dripMs,
      cutAfter: faults.cutAfter,
      errorAfter: faults.streamError && { ...faults.streamError, message: FAULT_MESSAGES[faults.streamError.type] ?? "Stream failed." },
      sleep,
    };

    if (replayer !== undefined) {
      const operation = target.op === "model" ? target.operation : target.op;
      const found = replayer.find(operation, target.op === "model" ? target.modelId : null, parsed);
      if (found === undefined) {
        throw new EmulatedAwsError(404, "ResourceNotFoundException", `No recorded exchange matches this ${operation} request.`);
      }
      return replayResponse(found, requestId, stream);
    }

    const lenient = options.lenient === true;
    if (!lenient) {
      checkServiceShapes({ operation: target.op === "model" ? target.operation : target.op, path: pathMembers(target), body: parsed,
        bodyBytes: bytes.length, headers: request.headers, query: url.searchParams });
    }
    const body = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    const ctx: OperationContext = { requestId, now, modelId: target.op === "model" ? target.modelId : "", body, json: parsed, stream,
      blockedWords, region, lenient, headers: request.headers };
    switch (target.op) {
      case "model":
        switch (target.operation) {
          case "invoke":
            return invoke(ctx, false);
          case "invoke-with-response-stream":
            return invoke(ctx, true);
          case "converse":
            return converse(ctx);
          case "converse-stream":
            return converseStream(ctx);
          default:
            return countTokensOperation(ctx);
        }
      case "apply-guardrail":
        return applyGuardrail(ctx, target.guardrailId, target.version);
      case "async-start":
        return asyncJobs.start(ctx);
      case "async-list":
        return asyncJobs.list(ctx, url.searchParams);
      case "async-get":
        return asyncJobs.get(ctx, target.arn);
      case "rerank":
        return rerankOperation(ctx);
    }
  }

  const answer = async (request: Request): Promise<Response> => {
    const requestId = newRequestId();
    const clockOf = { now: clock() };
    let response: Response;
    try {
      response = await handle(request, requestId, clockOf);
    } catch (error) {
      if (error instanceof EmulatedAwsError) response = awsErrorResponse(error.status, error.code, error.message, requestId);
      else {
        // Unexpected failures never echo request content (it may hold credentials): a fixed message only.
        const detail = isBedrockError(error) ? ` (${error.name})` : "";
        response = awsErrorResponse(500, "InternalServerException", `The emulator failed to process the request${detail}.`, requestId);
      }
    }
    // AWS sends its clock in `Date` (clients correct their signing clock from it); the emulator sends its own,
    // skewed one when the skew fault is on.
    if (!response.headers.has("date")) response.headers.set("date", clockOf.now.toUTCString());
    return response;
  };
  // CORS wraps the whole handler: preflights carry no credentials, so they are answered before authentication.
  return withCors(answer, options.cors ?? true);
}
