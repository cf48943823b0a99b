/**
 * The OpenAI-shaped methods of a client (`completion`, `embedding`, `imageGeneration`), bound to its runtime.
 */
import type { BedrockRuntime } from "../runtime/operations";
import { createChatCompletion } from "./chat";
import type { ChatContext, CompletionFunction } from "./chat";
import { createEmbedding } from "./embedding";
import type { EmbeddingOptions } from "./embedding";
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from "../api/embedding-types";
import { createImages } from "./image-generation";
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

/** The methods over `runtime`; `extra` holds the client's remote-media policy and call deadline for chat. */
export function openAIMethods(
  runtime: BedrockRuntime,
  fetch: typeof globalThis.fetch,
  extra: Pick<ChatContext, "media" | "totalTimeout"> = {},
): OpenAIMethods {
  const context: ChatContext = { runtime, fetch, ...extra };
  return {
    completion: ((params, options) => createChatCompletion(context, params, options)) as CompletionFunction,
    // The client's totalTimeout bounds the whole request, not each of the calls it may take.
    embedding: (params, options) => createEmbedding(runtime, params, { totalTimeout: extra.totalTimeout, ...options }),
    imageGeneration: (params, options) => createImages(runtime, params, { totalTimeout: extra.totalTimeout, ...options }),
  };
}
