/**
 * A routed stream: its first item is awaited inside the router's attempt, so that a stream failing before any content
 * (a throttling exception as its first frame, a connection cut before the first event) is retried like a failed
 * request; from the first item on, the stream belongs to the client and is never retried. A failure after that is
 * counted against the deployment that served it (toward its cooldown), and tokens reported in the items' `usage`
 * are counted toward its `tpm`.
 * @internal
 */
import { Stream } from "../../stream";
import type { Deployment } from "../config";

/** What a routed stream reports to the router. */
export interface StreamHooks {
  /** Tokens found in an item's `usage`. */
  tokens(count: number): void;
  /** The stream failed after its first item. */
  failedAfterStart(error: unknown): void;
  /** Drop the `usage` the router asked for but the client did not (see {@link askUsageForLimits}). */
  stripUsage: boolean;
}

/** Total tokens of an OpenAI-shaped (`total_tokens`, or prompt + completion) or Anthropic-shaped `usage`. */
export function tokensOf(usage: unknown): number {
  if (typeof usage !== "object" || usage === null) return 0;
  const u = usage as Record<string, unknown>;
  const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v > 0 ? v : 0);
  if (n(u.total_tokens) > 0) return n(u.total_tokens);
  return n(u.prompt_tokens) + n(u.completion_tokens) + n(u.input_tokens) + n(u.output_tokens);
}

/**
 * For a streamed chat request to a deployment with a `tpm` limit, asks for the usage chunk (`stream_options.include_usage`)
 * so the tokens can be counted, and says whether the client asked for it itself (if not, the routed stream drops it).
 */
export function askUsageForLimits(deployment: Deployment, params: Record<string, unknown>): boolean {
  const options = params.stream_options;
  const asked = typeof options === "object" && options !== null && (options as Record<string, unknown>).include_usage === true;
  if (params.stream !== true || deployment.tpm === undefined || asked) return true;
  params.stream_options = { ...(typeof options === "object" && options !== null ? options : {}), include_usage: true };
  return false;
}

function withoutUsage<T>(item: T): T | undefined {
  if (typeof item !== "object" || item === null || !("usage" in item)) return item;
  const { usage: _usage, ...rest } = item as Record<string, unknown>;
  // The usage-only chunk at the end (no choices) was the router's; the others only carry `usage: null`.
  if (Array.isArray(rest.choices) && rest.choices.length === 0) return undefined;
  return rest as T;
}

/**
 * Waits for the first item of `source` (its failure rejects, and releases the stream), then returns a stream of every
 * item with the hooks attached. Aborting the returned stream aborts `source`.
 */
export async function startStream<T>(source: Stream<T>, hooks: StreamHooks): Promise<Stream<T>> {
  const iterator = source[Symbol.asyncIterator]();
  let first: IteratorResult<T>;
  try {
    first = await iterator.next();
  } catch (error) {
    await iterator.return?.().catch(() => {});
    throw error;
  }
  const seen = (item: T): T | undefined => {
    const usage = typeof item === "object" && item !== null ? (item as { usage?: unknown }).usage : undefined;
    if (usage) hooks.tokens(tokensOf(usage));
    return hooks.stripUsage ? withoutUsage(item) : item;
  };
  async function* items(): AsyncGenerator<T> {
    try {
      for (let next = first; !next.done; next = await iterator.next()) {
        const item = seen(next.value);
        if (item !== undefined) yield item;
      }
    } catch (error) {
      hooks.failedAfterStart(error);
      throw error;
    } finally {
      await iterator.return?.().catch(() => {});
    }
  }
  return new Stream(() => items(), source.controller);
}
