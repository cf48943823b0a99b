/**
 * The OpenAI-shaped methods of a client (`completion`, `embedding`, `imageGeneration`), bound to it with every model
 * family and the remote-media downloader: the convenience of `createBedrock()`, built on `chatCompletion`,
 * `createEmbeddings` and `generateImages`.
 */
import { chatFamilies } from "../families/chat-families";
import { embeddingFamilies } from "../families/embeddings/families";
import { imageFamilies } from "../families/images/families";
import type { BedrockCore } from "../runtime-client";
import { createChatCompletion } from "./chat";
import type { ChatContext, CompletionFunction } from "./chat";
import { createEmbeddings } from "./embedding";
import type { EmbeddingOptions } from "./embedding";
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from "../api/embedding-types";
import { generateImages } from "./image-generation";
import { remoteMedia } from "./media";
import type { MediaPolicy } from "./media-policy";
import type { ImageGenerationOptions } from "./image-generation";
import type { ImageGenerateParams, ImagesResponse } from "../api/image-types";

export interface OpenAIMethods {
  /**
   * An OpenAI chat completion; `stream: true` returns a `Stream<ChatCompletionChunk>`.
   *
   * @example
   * ```ts
   * const stream = await bedrock.completion({ model: "anthropic.claude-3-haiku-20240307-v1:0", messages, stream: true });
   * let text = "";
   * for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? "";
   * ```
   */
  completion: CompletionFunction;
  /** OpenAI embeddings for a string or an array of strings, in input order. */
  embedding(params: EmbeddingCreateParams, options?: EmbeddingOptions): Promise<CreateEmbeddingResponse>;
  /** OpenAI image generation: `{ created, data: [{ b64_json }] }`. */
  imageGeneration(params: ImageGenerateParams, options?: ImageGenerationOptions): Promise<ImagesResponse>;
}

/**
 * The methods over a client, with every model family and the remote-media downloader: what `createBedrock()` gives.
 * `media` is the client's remote-media policy.
 */
export function openAIMethods(core: BedrockCore, media?: MediaPolicy): OpenAIMethods {
  const context: ChatContext = { target: core, fetch: core.fetch, media, totalTimeout: core.config.totalTimeout };
  // The client's totalTimeout bounds the whole request, not each of the calls it may take.
  const totalTimeout = core.config.totalTimeout;
  return {
    completion: ((params, options) => createChatCompletion(context, params, { families: chatFamilies, remoteMedia, ...options })) as CompletionFunction,
    embedding: (params, options) => createEmbeddings(core, params, { families: embeddingFamilies, totalTimeout, ...options }),
    imageGeneration: (params, options) => generateImages(core, params, { families: imageFamilies, totalTimeout, ...options }),
  };
}
