/**
 * `createBedrockRuntime()`: configuration resolved once (region, endpoint, auth, limits) into a client whose `runtime`
 * holds the raw Bedrock Runtime operations, and nothing of the OpenAI layer (see `createBedrock` in bedrock.ts).
 */
import { defaultEnv, readEnv } from "./env";
import type { EnvRecord } from "./env";
import { ConfigurationError } from "./errors";
import { createRuntime } from "./runtime/operations";
import type { BedrockRuntime } from "./runtime/operations";
import type { Credentials } from "./sigv4";
import { bearerAuthorizer, sigv4Authorizer } from "./transport/auth";
import type { CredentialProvider } from "./transport/types";
import type { Authorizer } from "./transport/auth";
import { ALLOW_INSECURE_ENV, MISSING_REGION, resolveEndpoint } from "./transport/endpoints";
import { abortableSleep, DEFAULT_RETRY_TIMING } from "./transport/retry";
import type { Sleep } from "./transport/retry";
import { checkLimits, createTransport } from "./transport/transport";
import type { Transport } from "./transport/transport";

/** Options of {@link createBedrock}. Everything is optional when the environment supplies it. */
export interface BedrockOptions {
  /** AWS region, e.g. `us-east-1`. @defaultValue env `AWS_REGION_NAME`, `AWS_REGION`, then `AWS_DEFAULT_REGION` */
  region?: string | undefined;
  /**
   * SigV4 credentials, or an async provider called before each attempt (it should cache) and with
   * `{ forceRefresh: true }` after the service rejected the credentials. Wins over everything in the environment.
   * @defaultValue env `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`
   */
  credentials?: Credentials | CredentialProvider | undefined;
  /** A Bedrock API key, sent as `Authorization: Bearer`. @defaultValue env `AWS_BEARER_TOKEN_BEDROCK` */
  apiKey?: string | undefined;
  /**
   * A custom endpoint (an emulator at `http://127.0.0.1:PORT`, a VPC endpoint). Plain http only on loopback, unless
   * {@link BedrockOptions.allowInsecureEndpoint}.
   * @defaultValue env `AWS_ENDPOINT_URL_BEDROCK_RUNTIME`, else `https://bedrock-runtime.{region}.{partition suffix}`
   */
  endpoint?: string | URL | undefined;
  /**
   * Accept a plain `http:` endpoint on any host, not only on loopback: for an emulator in another container or on
   * another machine of a network you trust (`http://emulator:4010`). Requests, their signatures and a bearer API
   * key then cross that network unencrypted: never use it for real credentials over a network you do not control.
   * @defaultValue env `BEDROCK_FETCH_ALLOW_INSECURE_ENDPOINT` === "true", else false
   */
  allowInsecureEndpoint?: boolean | undefined;
  /** The `fetch` to use. @defaultValue `globalThis.fetch`, looked up at call time */
  fetch?: typeof globalThis.fetch | undefined;
  /** Where to read environment variables (a Workers `env`, `Deno.env.toObject()`). @defaultValue {@link defaultEnv} */
  env?: EnvRecord | undefined;
  /** Retries after throttling, 5xx, ModelNotReady and network failures; 0 disables. @defaultValue 2 */
  maxRetries?: number | undefined;
  /**
   * Milliseconds per attempt until the response headers (and for non-streaming calls the body); for streams, also
   * the longest wait for the next chunk. @defaultValue 600000
   */
  timeout?: number | undefined;
  /**
   * Milliseconds for a whole call: every attempt, backoff wait and credentials lookup, remote media downloads, and for
   * a stream its last event. A server that drips bytes cannot hold a call longer. Raise it for very long streamed
   * generations. @defaultValue 600000
   */
  totalTimeout?: number | undefined;
  /**
   * The largest non-streamed response body accepted, in bytes (error bodies are read only up to 64 KiB); a larger
   * one is cut off as a `ResponseTooLargeError`, so an endless answer costs bounded memory. The default leaves room
   * for five large generated images. @defaultValue 67108864 (64 MiB)
   */
  maxResponseBytes?: number | undefined;
  /** Use the FIPS endpoint. @defaultValue env `AWS_USE_FIPS_ENDPOINT` === "true" */
  useFipsEndpoint?: boolean | undefined;
  /** Use the dual-stack (IPv6) endpoint. @defaultValue env `AWS_USE_DUALSTACK_ENDPOINT` === "true" */
  useDualstackEndpoint?: boolean | undefined;
  /** The clock used for signing. @defaultValue `() => new Date()` */
  now?: (() => Date) | undefined;
  /** Uniform random numbers in [0, 1) for backoff jitter. @defaultValue `Math.random` */
  random?: (() => number) | undefined;
  /** How to wait between retries (tests inject one that records delays). @defaultValue an abortable `setTimeout` */
  sleep?: Sleep | undefined;
}

/** The configuration a client resolved, with no secret in it. */
export interface ResolvedBedrockConfig {
  readonly region: string | undefined;
  /** Base URL requests go to. */
  readonly endpoint: string;
  readonly auth: "sigv4" | "bearer";
  readonly maxRetries: number;
  readonly timeout: number;
  readonly totalTimeout: number;
  readonly maxResponseBytes: number;
}

/**
 * What {@link createBedrockCore} returns: the resolved configuration and the HTTP engine, which the operation
 * functions (`converseStream(core, input)`, ...) take as their first argument.
 */
export interface BedrockCore {
  readonly config: ResolvedBedrockConfig;
  /** The HTTP engine (retries, auth, errors) under the operations, for layers that add operations. @internal */
  readonly transport: Transport;
  /** The client's `fetch`, for the OpenAI layer's downloads of remote media. @internal */
  readonly fetch: typeof globalThis.fetch;
}

/** What {@link createBedrockRuntime} returns: the raw runtime and the resolved configuration. */
export interface BedrockRuntimeClient extends BedrockCore {
  /** The raw, typed Bedrock Runtime operations. */
  readonly runtime: BedrockRuntime;
}

const DEFAULT_TIMEOUT = 600_000;
const DEFAULT_MAX_RETRIES = 2;
const DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

function flag(value: boolean | undefined, env: EnvRecord, name: string): boolean {
  if (value !== undefined) return value;
  return readEnv(env, name)?.toLowerCase() === "true";
}

function chooseAuth(options: BedrockOptions, env: EnvRecord, region: string | undefined): Authorizer {
  const needRegion = (): string => {
    if (region) return region;
    throw new ConfigurationError("region", "SigV4 signing needs a region: pass `region` or set AWS_REGION.", { code: MISSING_REGION });
  };
  if (options.credentials !== undefined && options.apiKey !== undefined) {
    throw new ConfigurationError("apiKey", "Pass either `credentials` (SigV4) or `apiKey` (Bedrock API key), not both.");
  }
  if (options.credentials !== undefined) return sigv4Authorizer(options.credentials, needRegion());
  if (options.apiKey !== undefined) return bearerAuthorizer(options.apiKey, "apiKey");
  const token = readEnv(env, "AWS_BEARER_TOKEN_BEDROCK");
  if (token !== undefined) return bearerAuthorizer(token, "AWS_BEARER_TOKEN_BEDROCK");
  const accessKeyId = readEnv(env, "AWS_ACCESS_KEY_ID");
  const secretAccessKey = readEnv(env, "AWS_SECRET_ACCESS_KEY");
  if (accessKeyId !== undefined && secretAccessKey !== undefined) {
    const credentials: Credentials = { accessKeyId, secretAccessKey, sessionToken: readEnv(env, "AWS_SESSION_TOKEN") };
    return sigv4Authorizer(credentials, needRegion());
  }
  if (accessKeyId !== undefined || secretAccessKey !== undefined) {
    throw new ConfigurationError("credentials", "Only one of AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY is set; set both.");
  }
  throw new ConfigurationError(
    "credentials",
    "No credentials: pass `credentials` or `apiKey`, or set AWS_BEARER_TOKEN_BEDROCK, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN if temporary).",
  );
}

/**
 * Creates a client with only the raw Bedrock Runtime operations: the smallest bundle for code that builds its own
 * request bodies (no OpenAI layer, no model-family mappers). Validation is the same as {@link createBedrock}'s.
 *
 * @example
 * ```ts
 * const { runtime } = createBedrockRuntime({ region: "us-east-1" });
 * const stream = await runtime.converseStream({ modelId, messages: [{ role: "user", content: [{ text: "Hi" }] }] });
 * ```
 */
export function createBedrockRuntime(options: BedrockOptions = {}): BedrockRuntimeClient {
  return resolveClient(options).client;
}

/**
 * Creates the smallest client: configuration resolved and validated as by {@link createBedrockRuntime}, with no
 * operation attached. Pass it to the operation functions (`converse`, `converseStream`, `invokeModel`,
 * `invokeModelWithResponseStream`, `countTokens`, `applyGuardrail`, `startAsyncInvoke`, `getAsyncInvoke`,
 * `listAsyncInvokes`), so that a bundle holds only the operations it calls. Those functions also accept the clients
 * of {@link createBedrockRuntime} and `createBedrock`.
 *
 * @example
 * ```ts
 * import { createBedrockCore, converseStream } from "bedrock-fetch";
 * const core = createBedrockCore({ region: "us-east-1" });
 * const stream = await converseStream(core, { modelId, messages: [{ role: "user", content: [{ text: "Hi" }] }] });
 * ```
 */
export function createBedrockCore(options: BedrockOptions = {}): BedrockCore {
  return resolveCore(options).core;
}

/** Resolves the options once, with the runtime attached; `fetch` is kept for the OpenAI layer's downloads. @internal */
export function resolveClient(options: BedrockOptions): { client: BedrockRuntimeClient; fetch: typeof globalThis.fetch } {
  const { core, fetch } = resolveCore(options);
  return { client: { runtime: createRuntime(core.transport), ...core }, fetch };
}

function resolveCore(options: BedrockOptions): { core: BedrockCore; fetch: typeof globalThis.fetch } {
  if (typeof options !== "object" || options === null) {
    throw new ConfigurationError("options", "createBedrock() takes an options object.");
  }
  const env = options.env ?? defaultEnv();
  if (options.region !== undefined && typeof options.region !== "string") {
    throw new ConfigurationError("region", "`region` must be a string such as us-east-1.");
  }
  const region = options.region || readEnv(env, "AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION");
  const limits = checkLimits({
    maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
    timeout: options.timeout ?? DEFAULT_TIMEOUT,
    totalTimeout: options.totalTimeout ?? DEFAULT_TIMEOUT,
    maxResponseBytes: options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
  });
  if (options.fetch !== undefined && typeof options.fetch !== "function") {
    throw new ConfigurationError("fetch", "`fetch` must be a function with the signature of globalThis.fetch.");
  }
  const endpoint = resolveEndpoint({
    region,
    endpoint: options.endpoint ?? readEnv(env, "AWS_ENDPOINT_URL_BEDROCK_RUNTIME"),
    useFipsEndpoint: flag(options.useFipsEndpoint, env, "AWS_USE_FIPS_ENDPOINT"),
    useDualstackEndpoint: flag(options.useDualstackEndpoint, env, "AWS_USE_DUALSTACK_ENDPOINT"),
    allowInsecureEndpoint: flag(options.allowInsecureEndpoint, env, ALLOW_INSECURE_ENV),
  });
  const authorizer = chooseAuth(options, env, region);
  // Looked up per call so that a fetch patched after creation (tests, instrumentation) is honoured, and called
  // unbound-safe: Workers throw "Illegal invocation" when fetch is called with another `this`.
  const fetchFn: typeof globalThis.fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const transport = createTransport({
    baseUrl: endpoint,
    authorizer,
    fetch: fetchFn,
    ...limits,
    now: options.now ?? (() => new Date()),
    random: options.random ?? Math.random,
    sleep: options.sleep ?? abortableSleep,
    retryTiming: DEFAULT_RETRY_TIMING,
  });
  const core = { config: Object.freeze({ region, endpoint, auth: authorizer.kind, ...limits }), transport, fetch: fetchFn };
  return { core, fetch: fetchFn };
}

