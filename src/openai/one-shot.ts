/**
 * LiteLLM-style one-shot calls: `completion({ model, messages, aws_region_name, ... })` with the configuration
 * taken from the call's `aws_*` parameters and the environment, as LiteLLM's Python `completion()` does.
 * For many calls, prefer one {@link createBedrock} client: it resolves the configuration once.
 */
import { createBedrock } from "../bedrock";
import type { BedrockClient, BedrockOptions } from "../bedrock";
import { credentialsFromLiteLLMParams } from "../credentials/litellm";
import type { LiteLLMAuthParams } from "../credentials/litellm";
import { defaultEnv } from "../env";
import { LITELLM_AUTH_PARAMS } from "./auth-params";
import type { Stream } from "../stream";
import type { CompletionOptions } from "./chat";
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from "./embedding-types";
import type { EmbeddingOptions } from "./embedding";
import type { ImageGenerationOptions } from "./image-generation";
import type { ImageGenerateParams, ImagesResponse } from "./image-types";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "./types";

/** Connection settings of a one-shot call that are not LiteLLM parameters. */
export interface OneShotOptions {
  /** Where `aws_*` fallbacks and `os.environ/NAME` references are read. @defaultValue the process or Deno environment */
  env?: BedrockOptions["env"];
  fetch?: BedrockOptions["fetch"];
  maxRetries?: number | undefined;
}

const AUTH_KEYS: ReadonlySet<string> = new Set(LITELLM_AUTH_PARAMS);

/** Splits the auth parameters off the model parameters, so that none of them can reach a request body. */
function split<P extends object>(params: P): { auth: LiteLLMAuthParams; rest: P } {
  const auth: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) {
    if (AUTH_KEYS.has(key)) auth[key] = value;
    else rest[key] = value;
  }
  return { auth: auth as LiteLLMAuthParams, rest: rest as P };
}

function clientFor(auth: LiteLLMAuthParams, options: OneShotOptions): BedrockClient {
  const env = options.env ?? defaultEnv();
  const resolved = credentialsFromLiteLLMParams(auth, env, options.fetch ? { fetch: options.fetch } : {});
  return createBedrock({
    env,
    region: resolved.region,
    endpoint: resolved.endpoint,
    credentials: resolved.credentials,
    apiKey: resolved.apiKey,
    fetch: options.fetch,
    maxRetries: options.maxRetries,
  });
}

type WithAuth<P> = P & LiteLLMAuthParams;

/**
 * One chat completion, configured from its own `aws_*` parameters and the environment.
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
export function completion(
  params: WithAuth<ChatCompletionCreateParamsStreaming>,
  options?: CompletionOptions & OneShotOptions,
): Promise<Stream<ChatCompletionChunk>>;
export function completion(
  params: WithAuth<ChatCompletionCreateParamsNonStreaming>,
  options?: CompletionOptions & OneShotOptions,
): Promise<ChatCompletion>;
export function completion(
  params: WithAuth<ChatCompletionCreateParams>,
  options?: CompletionOptions & OneShotOptions,
): Promise<ChatCompletion | Stream<ChatCompletionChunk>>;
export async function completion(
  params: WithAuth<ChatCompletionCreateParams>,
  options: CompletionOptions & OneShotOptions = {},
): Promise<ChatCompletion | Stream<ChatCompletionChunk>> {
  const { env, fetch, maxRetries, ...callOptions } = options;
  const { auth, rest } = split(params);
  return clientFor(auth, { env, fetch, maxRetries }).completion(rest, callOptions);
}

/** One embedding request, configured from its own `aws_*` parameters and the environment. */
export async function embedding(
  params: WithAuth<EmbeddingCreateParams>,
  options: EmbeddingOptions & OneShotOptions = {},
): Promise<CreateEmbeddingResponse> {
  const { env, fetch, maxRetries, ...callOptions } = options;
  const { auth, rest } = split(params);
  return clientFor(auth, { env, fetch, maxRetries }).embedding(rest, callOptions);
}

/** One image-generation request, configured from its own `aws_*` parameters and the environment. */
export async function imageGeneration(
  params: WithAuth<ImageGenerateParams>,
  options: ImageGenerationOptions & OneShotOptions = {},
): Promise<ImagesResponse> {
  const { env, fetch, maxRetries, ...callOptions } = options;
  const { auth, rest } = split(params);
  return clientFor(auth, { env, fetch, maxRetries }).imageGeneration(rest, callOptions);
}
