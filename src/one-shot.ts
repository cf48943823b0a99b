/**
 * LiteLLM-style one-shot calls: `completion({ model, messages, aws_region_name, ... })` with the configuration
 * taken from the call's `aws_*` parameters and the environment, as LiteLLM's Python `completion()` does.
 * For many calls, prefer one {@link createBedrock} client: it resolves the configuration once.
 */
import { createBedrock } from "./bedrock";
import type { BedrockClient, BedrockOptions } from "./bedrock";
import { credentialsFromLiteLLMParams } from "./credentials/litellm";
import type { LiteLLMAuthParams } from "./credentials/litellm";
import { defaultEnv } from "./env";
import type { EnvRecord } from "./env";
import { toHex, utf8 } from "./sigv4/encode";
import { sha256Sync } from "./sigv4/sha256";
import { AUTH_PARAM_NAMES } from "./credentials/litellm-keys";
import { ConfigurationError, isBedrockError } from "./errors";
import { ALLOW_INSECURE_ENV, MISSING_REGION } from "./transport/endpoints";
import type { Stream } from "./stream";
import type { CompletionOptions } from "./openai/chat";
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from "./api/embedding-types";
import type { EmbeddingOptions } from "./openai/embedding";
import type { ImageGenerationOptions } from "./openai/image-generation";
import type { ImageGenerateParams, ImagesResponse } from "./api/image-types";
import { rerankDocuments, type RerankOptions } from "./openai/rerank";
import type { RerankParams, RerankResponse } from "./families/rerank-types";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "./api/chat-types";

/** Connection settings of a one-shot call that are not LiteLLM parameters. */
export interface OneShotOptions {
  /** Where `aws_*` fallbacks and `os.environ/NAME` references are read. @defaultValue the process or Deno environment */
  env?: BedrockOptions["env"];
  fetch?: BedrockOptions["fetch"];
  maxRetries?: number | undefined;
}

/**
 * Splits the auth parameters off the model parameters, so that none of them can reach a request body. Every `aws_*`
 * name goes with them: one that is none of LiteLLM's (a typo such as `aws_regon_name`) is then refused by the
 * resolver, instead of reaching the model with its value while the setting it meant stays unset.
 */
function split<P extends object>(params: P): { auth: LiteLLMAuthParams; rest: P } {
  const auth: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (AUTH_PARAM_NAMES.has(key) || /^aws_/i.test(key)) auth[key] = value;
    else rest[key] = value;
  }
  return { auth: auth as LiteLLMAuthParams, rest: rest as P };
}

/** Resolves LiteLLM's `aws_*` params to credentials; the Node entry passes one that also reads profiles. */
export type LiteLLMResolver = typeof credentialsFromLiteLLMParams;

/**
 * Clients of recent one-shot calls, keyed by a SHA-256 of everything their configuration came from: the `aws_*`
 * params, the `AWS_*` environment variables and any `os.environ/NAME` the params name (never the text itself: it
 * holds secrets). Without it, every `completion({ aws_role_name, ... })` would build a new credential provider and
 * call STS again; with it, repeated calls share the client and its cached credentials.
 */
type ClientCache = Map<string, BedrockClient>;
const MAX_CLIENTS = 16;
const ENV_REF = "os.environ/";

function cacheKey(auth: LiteLLMAuthParams, env: EnvRecord, maxRetries: number | undefined): string {
  const params = Object.entries(auth).filter(([, v]) => v !== undefined && v !== null);
  const fromEnv = Object.keys(env)
    .filter((name) => name.startsWith("AWS_") || name === ALLOW_INSECURE_ENV || params.some(([, v]) => v === ENV_REF + name))
    .map((name) => [name, env[name]]);
  // Sorted, so that the same settings in another order share a client.
  return toHex(sha256Sync(utf8(JSON.stringify([params.sort(), fromEnv.sort(), maxRetries ?? null]))));
}

function clientFor(auth: LiteLLMAuthParams, options: OneShotOptions, resolve: LiteLLMResolver, cache: ClientCache): BedrockClient {
  const env = options.env ?? defaultEnv();
  // A call with its own fetch is not shared: the function is the caller's.
  const key = options.fetch === undefined ? cacheKey(auth, env, options.maxRetries) : undefined;
  const hit = key === undefined ? undefined : cache.get(key);
  if (hit !== undefined) {
    // Least recently used goes first: re-insert on every hit.
    cache.delete(key!);
    cache.set(key!, hit);
    return hit;
  }
  const resolved = resolve(auth, env, options.fetch ? { fetch: options.fetch } : {});
  let client: BedrockClient;
  try {
    client = createBedrock({
      env,
      region: resolved.region,
      endpoint: resolved.endpoint,
      credentials: resolved.credentials,
      apiKey: resolved.apiKey,
      allowInsecureEndpoint: resolved.allowInsecureEndpoint,
      fetch: options.fetch,
      maxRetries: options.maxRetries,
    });
  } catch (error) {
    // The client's message names its own option (`region`); a one-shot call sets it as aws_region_name.
    if (isBedrockError(error) && error.name === "ConfigurationError" && error.code === MISSING_REGION) {
      throw new ConfigurationError("aws_region_name", 'No AWS region: pass aws_region_name (e.g. "us-east-1") or set AWS_REGION.', { cause: error });
    }
    throw error;
  }
  if (key !== undefined) {
    if (cache.size >= MAX_CLIENTS) cache.delete(cache.keys().next().value!);
    cache.set(key, client);
  }
  return client;
}

type WithAuth<P> = P & LiteLLMAuthParams;

/** The one-shot functions, with a given way of resolving credentials. */
export interface OneShotFunctions {
  completion: {
    (params: WithAuth<ChatCompletionCreateParamsStreaming>, options?: CompletionOptions & OneShotOptions): Promise<Stream<ChatCompletionChunk>>;
    (params: WithAuth<ChatCompletionCreateParamsNonStreaming>, options?: CompletionOptions & OneShotOptions): Promise<ChatCompletion>;
    (params: WithAuth<ChatCompletionCreateParams>, options?: CompletionOptions & OneShotOptions): Promise<ChatCompletion | Stream<ChatCompletionChunk>>;
  };
  embedding(params: WithAuth<EmbeddingCreateParams>, options?: EmbeddingOptions & OneShotOptions): Promise<CreateEmbeddingResponse>;
  imageGeneration(params: WithAuth<ImageGenerateParams>, options?: ImageGenerationOptions & OneShotOptions): Promise<ImagesResponse>;
  rerank(params: WithAuth<RerankParams>, options?: RerankOptions & OneShotOptions): Promise<RerankResponse>;
}

/** Builds the one-shot functions over a credentials resolver. @internal */
export function createOneShot(resolve: LiteLLMResolver): OneShotFunctions {
  const cache: ClientCache = new Map();
  // Async, so that a configuration mistake rejects the returned promise like any other failure of the call.
  const run = async <P extends object, O extends OneShotOptions, R>(
    params: P & LiteLLMAuthParams,
    options: O,
    call: (client: BedrockClient, rest: P, callOptions: Omit<O, keyof OneShotOptions>) => Promise<R>,
  ): Promise<R> => {
    const { env, fetch, maxRetries, ...callOptions } = options;
    const { auth, rest } = split(params);
    return call(clientFor(auth, { env, fetch, maxRetries }, resolve, cache), rest as P, callOptions);
  };
  return {
    completion: ((params: WithAuth<ChatCompletionCreateParams>, options: CompletionOptions & OneShotOptions = {}) =>
      run(params, options, (client, rest, o) => client.completion(rest, o))) as OneShotFunctions["completion"],
    embedding: (params, options = {}) => run(params, options, (client, rest, o) => client.embedding(rest, o)),
    imageGeneration: (params, options = {}) => run(params, options, (client, rest, o) => client.imageGeneration(rest, o)),
    rerank: (params, options = {}) => run(params, options, (client, rest, o) => rerankDocuments(client, rest, o)),
  };
}

// Marked pure so that bundles which never call the one-shot functions drop them (and the credentials code).
const web = /* @__PURE__ */ createOneShot(credentialsFromLiteLLMParams);

/**
 * One chat completion, configured from its own `aws_*` parameters and the environment. (`aws_profile_name` needs
 * the Node entry: `import { completion } from "bedrock-fetch/node"`.)
 *
 * @example
 * ```ts
 * import { completion } from "bedrock-fetch";
 * const response = await completion({
 *   model: "bedrock/anthropic.claude-3-sonnet-20240229-v1:0",
 *   messages: [{ role: "user", content: "Hello, how are you?" }],
 *   aws_region_name: "us-east-1",
 * });
 * console.log(response.choices[0]?.message.content);
 * ```
 */
export const completion: OneShotFunctions["completion"] = web.completion;

/** One embedding request, configured from its own `aws_*` parameters and the environment. */
export const embedding: OneShotFunctions["embedding"] = web.embedding;

/** One image-generation request, configured from its own `aws_*` parameters and the environment. */
export const imageGeneration: OneShotFunctions["imageGeneration"] = web.imageGeneration;

/**
 * One rerank request (Cohere's shape, as LiteLLM's `rerank()`), configured from its own `aws_*` parameters and the
 * environment.
 *
 * @example
 * ```ts
 * import { rerank } from "bedrock-fetch";
 * const { results } = await rerank({
 *   model: "bedrock/arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0",
 *   query: "hello",
 *   documents: ["hello", "world"],
 *   top_n: 2,
 *   aws_region_name: "us-west-2",
 * });
 * ```
 */
export const rerank: OneShotFunctions["rerank"] = web.rerank;
