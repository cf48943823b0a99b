/**
 * `createBedrock()`: the full client, the raw runtime of {@link createBedrockRuntime} plus the OpenAI-shaped
 * methods (`completion`, `embedding`, `imageGeneration`) and every model-family mapper they use.
 */
import { openAIMethods } from "./openai/methods";
import type { OpenAIMethods } from "./openai/methods";
import { resolveMediaPolicy } from "./openai/media-policy";
import type { MediaPolicy } from "./openai/media-policy";
import { resolveClient } from "./runtime-client";
import type { BedrockOptions, BedrockRuntimeClient } from "./runtime-client";

export { createBedrockRuntime } from "./runtime-client";
export type { BedrockOptions, BedrockRuntimeClient, ResolvedBedrockConfig } from "./runtime-client";
export type { MediaPolicy } from "./openai/media-policy";

/** What {@link createBedrock} returns: the OpenAI-shaped methods, the raw runtime and the resolved configuration. */
export interface BedrockClient extends OpenAIMethods, BedrockRuntimeClient {}

/** Options of {@link createBedrock}: the runtime's, plus what the OpenAI-shaped methods need. */
export interface BedrockClientOptions extends BedrockOptions {
  /**
   * Which remote images and documents (`image_url.url`, `file.file_data` as http(s) URLs) `completion` downloads:
   * public http(s) hosts only, at most 25 per request, 4.5 MiB each, 32 MiB together, 4 at a time, 30 s each.
   * Per call, `completion(params, { media })` is merged over it. @defaultValue `{}`: those limits, no private host
   */
  media?: MediaPolicy | undefined;
}

/**
 * Creates a Bedrock client. All validation happens here, before any request: a missing region or credentials, an
 * invalid endpoint or limit is a {@link ConfigurationError} naming the field.
 *
 * @example
 * ```ts
 * const bedrock = createBedrock({ region: "us-east-1" }); // credentials from AWS_* or AWS_BEARER_TOKEN_BEDROCK
 * const { output, usage } = await bedrock.runtime.converse({
 *   modelId: "anthropic.claude-3-haiku-20240307-v1:0",
 *   messages: [{ role: "user", content: [{ text: "Hello" }] }],
 * });
 * ```
 */
export function createBedrock(options: BedrockClientOptions = {}): BedrockClient {
  const { client } = resolveClient(options);
  const { media } = options;
  // Checked now, so that a bad policy fails here rather than at the first request with a remote image.
  if (media !== undefined) resolveMediaPolicy(media);
  return { ...openAIMethods(client, media), ...client };
}
