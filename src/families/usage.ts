/**
 * Token counts → OpenAI `usage`: from the answer body, from Bedrock's invocation metrics (the last stream chunk or
 * the InvokeModel response headers), with prompt-cache and reasoning details when the model reported them. Pure.
 *
 * @module
 */
import type { CompletionUsage } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import type { MapperOptions } from "./types";

/** Token counts → OpenAI usage; cached-token details only when the model reported cache use. */
export function buildUsage(counts: {
  prompt: number;
  completion: number;
  total?: number | undefined;
  cacheRead?: number | undefined;
  cacheWrite?: number | undefined;
  reasoning?: number | undefined;
}): CompletionUsage {
  const usage: CompletionUsage = {
    prompt_tokens: counts.prompt,
    completion_tokens: counts.completion,
    total_tokens: counts.total ?? counts.prompt + counts.completion,
  };
  if (counts.cacheRead !== undefined) {
    usage.prompt_tokens_details = { cached_tokens: counts.cacheRead };
    usage.cache_read_input_tokens = counts.cacheRead;
  }
  if (counts.cacheWrite !== undefined) usage.cache_creation_input_tokens = counts.cacheWrite;
  if (counts.reasoning !== undefined) usage.completion_tokens_details = { reasoning_tokens: counts.reasoning };
  return usage;
}

/** The token-count keys of one usage record: input, output, cache read, cache write and (optional) total. */
type UsageKeys = readonly [string, string, string, string, string?];

/**
 * A usage record with cache counts → OpenAI usage. The native input count excludes prompt-cache reads and writes;
 * like OpenAI's, our `prompt_tokens` includes them (`cached_tokens` is the part read from the cache). `strict`:
 * undefined unless both the input and the output counts are present.
 */
export function cacheUsage(value: unknown, [i, o, r, w, t]: UsageKeys, strict?: boolean): CompletionUsage | undefined {
  const u = isRecord(value) ? value : {};
  const n = (k: string | undefined): number | undefined => (k && typeof u[k] === "number" ? (u[k] as number) : undefined);
  const input = n(i);
  const completion = n(o);
  if (strict && (input === undefined || completion === undefined)) return undefined;
  const cacheRead = n(r);
  const cacheWrite = n(w);
  return buildUsage({ prompt: (input ?? 0) + (cacheRead ?? 0) + (cacheWrite ?? 0), completion: completion ?? 0, total: n(t), cacheRead, cacheWrite });
}

/**
 * Reads `amazon-bedrock-invocationMetrics` from the last chunk of an InvokeModelWithResponseStream stream (Bedrock's
 * billed counts), or undefined.
 */
export function invocationMetricsUsage(event: unknown): CompletionUsage | undefined {
  return isRecord(event)
    ? cacheUsage(event["amazon-bedrock-invocationMetrics"], ["inputTokenCount", "outputTokenCount", "cacheReadInputTokenCount", "cacheWriteInputTokenCount"], true)
    : undefined;
}

/** A finite number from untyped JSON, or undefined. */
export function numberOf(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/**
 * Usage from the counts the body carries, else from the token counts Bedrock sent in the InvokeModel response
 * headers ({@link MapperOptions.invocationMetrics}), else zeros (the model reported none).
 */
export function usageOf(prompt: unknown, completion: unknown, options: { invocationMetrics?: MapperOptions["invocationMetrics"] } | undefined): CompletionUsage {
  const p = numberOf(prompt);
  const c = numberOf(completion);
  const m = options?.invocationMetrics;
  return p !== undefined && c !== undefined
    ? buildUsage({ prompt: p, completion: c })
    : buildUsage({ prompt: m ? m.inputTokenCount : (p ?? 0), completion: m ? m.outputTokenCount : (c ?? 0) });
}

/** Usage for a stream event that carries both counts; undefined while either is missing. */
export function knownUsage(prompt: number | undefined, completion: number | undefined): CompletionUsage | undefined {
  return prompt !== undefined && completion !== undefined ? buildUsage({ prompt, completion }) : undefined;
}
