/**
 * `createBedrock()`: the full client, the raw runtime of {@link createBedrockRuntime} plus the OpenAI-shaped
 * methods (`completion`, `embedding`, `imageGeneration`) and every model-family mapper they use.
 */
import { openAIMethods } from "./openai/methods";
import type { OpenAIMethods } from "./openai/methods";
import { resolveClient } from "./runtime-client";
import type { BedrockOptions, BedrockRuntimeClient } from "./runtime-client";

export { createBedrockRuntime } from "./runtime-client";
export type { BedrockOptions, BedrockRuntimeClient, ResolvedBedrockConfig } from "./runtime-client";

/** What {@link createBedrock} returns: the OpenAI-shaped methods, the raw runtime and the resolved configuration. */
export interface BedrockClient extends OpenAIMethods, BedrockRuntimeClient {}

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
export function createBedrock(options: BedrockOptions = {}): BedrockClient {
  const { client, fetch } = resolveClient(options);
  return { ...openAIMethods(client.runtime, fetch), ...client };
}
