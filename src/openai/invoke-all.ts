/**
 * Sends several InvokeModel calls for one OpenAI request (an embedding of many inputs, several images) with a
 * bounded concurrency. Answers come back in call order; the first failure cancels the calls still in flight, so
 * the caller sees one error rather than a pile of them.
 */
import { invokeModel, type RuntimeTarget } from "../runtime/operations";
import { mapWithConcurrency } from "../families/embeddings/concurrency";
import { APIError } from "../errors";
import type { RequestOptions, ResponseMetadata } from "../transport/types";

export interface JsonAnswer {
  body: unknown;
  metadata: ResponseMetadata;
}

/** Per-call options of the methods that send several InvokeModel calls. */
export interface ConcurrentOptions extends RequestOptions {
  /** Most InvokeModel calls in flight at once for one request. @defaultValue 8 */
  concurrency?: number | undefined;
}

/** Sends the calls of an embedding or image plan, at most `options.concurrency` at once; answers in call order. */
export async function invokeAll(
  target: RuntimeTarget,
  plan: { modelId: string; calls: ReadonlyArray<{ body: Record<string, unknown> }> },
  { concurrency = 8, ...options }: ConcurrentOptions,
): Promise<JsonAnswer[]> {
  const { modelId } = plan;
  // mapWithConcurrency refuses a `concurrency` that is not a positive integer, before any call.
  const controller = new AbortController();
  // Linked by hand: AbortSignal.any is missing on Node 18 and older browsers.
  const outer = options.signal;
  const onAbort = () => controller.abort(outer?.reason);
  if (outer?.aborted) onAbort();
  else outer?.addEventListener("abort", onAbort, { once: true });
  const decoder = new TextDecoder();
  // One deadline for the whole request, however many calls it takes: each call gets what is left of it.
  const total = options.totalTimeout;
  const deadline = total === undefined ? undefined : Date.now() + total;
  try {
    return await mapWithConcurrency(plan.calls, concurrency, async ({ body }): Promise<JsonAnswer> => {
      try {
        const result = await invokeModel(
          target,
          { modelId, body, contentType: "application/json", accept: "application/json" },
          { ...options, signal: controller.signal, totalTimeout: deadline && Math.max(1, deadline - Date.now()) },
        );
        let parsed: unknown;
        try {
          parsed = JSON.parse(decoder.decode(result.body));
        } catch (cause) {
          throw new APIError(`InvokeModel on ${modelId} answered with a body that is not JSON.`, {
            status: result.$metadata.httpStatus,
            code: "InvalidResponse",
            requestId: result.$metadata.requestId,
            cause,
          });
        }
        return { body: parsed, metadata: result.$metadata };
      } catch (error) {
        controller.abort();
        throw error;
      }
    });
  } finally {
    outer?.removeEventListener("abort", onAbort);
  }
}
