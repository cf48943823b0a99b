/**
 * @module bedrock-fetch
 *
 * Amazon Bedrock Runtime over `fetch`, with no dependencies: SigV4 signing on WebCrypto, AWS event-stream decoding,
 * the raw Bedrock operations and an OpenAI-compatible API on top. Runs unchanged on Cloudflare Workers, Deno, Bun,
 * browsers and Node 18+.
 *
 * @example
 * ```ts
 * import { createBedrock } from "bedrock-fetch";
 * const bedrock = createBedrock({ region: "us-east-1" });
 * const answer = await bedrock.completion({
 *   model: "anthropic.claude-3-haiku-20240307-v1:0",
 *   messages: [{ role: "user", content: "Hello!" }],
 * });
 * console.log(answer.choices[0]?.message.content);
 * ```
 */
export { createBedrock, createBedrockRuntime } from "./bedrock";
export type { BedrockClient, BedrockClientOptions, BedrockOptions, BedrockRuntimeClient, MediaPolicy, ResolvedBedrockConfig } from "./bedrock";
export { completion, embedding, imageGeneration, rerank } from "./one-shot";
export type { OneShotOptions } from "./one-shot";
export { chatCompletion } from "./openai/chat";
export type { ChatCompletionFunction, ChatCompletionOptions, CompletionFunction, CompletionOptions } from "./openai/chat";
export { createEmbeddings } from "./openai/embedding";
export type { CreateEmbeddingsOptions, EmbeddingOptions } from "./openai/embedding";
export { generateImages } from "./openai/image-generation";
export type { GenerateImagesOptions, ImageGenerationOptions } from "./openai/image-generation";
export { remoteMedia } from "./openai/media";
export { rerankDocuments } from "./openai/rerank";
export type { RerankOptions } from "./openai/rerank";
export type { RerankDocumentInput, RerankParams, RerankResponse, RerankResult } from "./families/rerank-types";
export { countChatTokens } from "./openai/count-tokens";
export type { ChatTokenCount, CountChatTokensOptions } from "./openai/count-tokens";
export type { ChatFamily, EmbeddingFamily, ImageFamily } from "./families/family";
export type { OpenAIMethods } from "./openai/methods";
export { parseModel } from "./api/models";
export type { ModelProvider, ModelRoute, ParsedModel } from "./api/models";
export type * from "./api/chat-types";
export type * from "./api/embedding-types";
export type * from "./api/image-types";
export { Stream } from "./stream";
export { createBedrockCore } from "./runtime-client";
export type { BedrockCore } from "./runtime-client";
export {
  applyGuardrail,
  converse,
  converseStream,
  countTokens,
  getAsyncInvoke,
  invokeModel,
  invokeModelWithResponseStream,
  listAsyncInvokes,
  startAsyncInvoke,
} from "./runtime/operations";
export type { BedrockRuntime, RuntimeTarget } from "./runtime/operations";
export { agentRuntimeRerank } from "./runtime/agent-rerank";
export type {
  AgentRerankDocument,
  AgentRerankRequest,
  AgentRerankResponse,
  AgentRerankResult,
  AgentRerankText,
  AgentRuntimeOptions,
  AgentRuntimeTarget,
} from "./runtime/agent-rerank";
export type * from "./runtime/io-types";
export type { CredentialProvider, ProviderCallOptions } from "./transport/types";
export type { RequestOptions, ResponseMetadata } from "./transport/types";
export type { Credentials } from "./sigv4/types";
export type { EnvRecord } from "./env";
export * from "./errors";
