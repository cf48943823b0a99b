/**
 * The contract of a family module: how one model family's native InvokeModel body is read and how answers are
 * written back, for plain and streamed invocations. One file per family; each cites the recordings it follows.
 */
import type { Generation, Prompt } from "../types";

/** What a family sees besides the generation. */
export interface RenderContext {
  /** The model id as the caller sent it (decoded), e.g. `us.anthropic.claude-3-5-haiku-20241022-v1:0`. */
  modelId: string;
  /** The parsed request body. */
  body: Record<string, unknown>;
}

/** A chat/text-generation family. */
export interface TextFamily {
  kind: "text";
  name: string;
  /** Reads the native request body into a normalized prompt. */
  parse(body: Record<string, unknown>): Prompt;
  /** The InvokeModel response body. */
  render(generation: Generation, ctx: RenderContext): unknown;
  /**
   * The InvokeModelWithResponseStream events, in order. The emulator merges `amazon-bedrock-invocationMetrics`
   * into the last one, as Bedrock does.
   */
  events(generation: Generation, ctx: RenderContext): Record<string, unknown>[];
  /** Extra counters this family's `amazon-bedrock-invocationMetrics` carries (Nova adds cache counts). */
  extraInvocationMetrics?: Record<string, number>;
}

/** An embedding family: answers with vectors, never streams. */
export interface EmbeddingFamily {
  kind: "embedding";
  name: string;
  render(ctx: RenderContext): { body: unknown; inputTokens: number };
}

/** An image-generation family: answers with small PNGs, never streams. */
export interface ImageFamily {
  kind: "image";
  name: string;
  render(ctx: RenderContext): { body: unknown };
}

export type Family = TextFamily | EmbeddingFamily | ImageFamily;
