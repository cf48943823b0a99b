/**
 * A bounded-concurrency map for the calls one embedding or image request fans out into (Titan Embeddings takes one
 * text per call; SDXL draws one image per call). Pure async utility: it starts at most `limit` calls of `fn` at a
 * time and does no I/O of its own.
 */
import { ConfigurationError } from "../../errors";

/**
 * Maps `items` through `fn` with at most `limit` calls in flight; results keep input order. On the first rejection
 * no further item is started and the returned promise rejects at once with that error (calls already in flight
 * are left to settle; give `fn` an AbortSignal to stop them).
 *
 * @example
 * const answers = await mapWithConcurrency(plan.calls, 8, (call) => invoke(call.body));
 */
export function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  if (!Number.isInteger(limit) || limit < 1) {
    return Promise.reject(
      new ConfigurationError("concurrency", `\`concurrency\` must be a positive integer; got ${String(limit)}.`),
    );
  }
  return new Promise<R[]>((resolve, reject) => {
    const results = new Array<R>(items.length);
    let started = 0;
    let settled = 0;
    let failed = false;

    const launch = (): void => {
      if (failed || started >= items.length) return;
      const index = started++;
      let call: Promise<R>;
      try {
        call = fn(items[index]!, index);
      } catch (error) {
        // A synchronous throw counts as that item's rejection, like an async function's would.
        call = Promise.reject(error);
      }
      call.then(
        (value) => {
          if (failed) return;
          results[index] = value;
          settled++;
          if (settled === items.length) resolve(results);
          else launch();
        },
        (error: unknown) => {
          if (failed) return;
          failed = true;
          reject(error);
        },
      );
    };

    if (items.length === 0) {
      resolve(results);
      return;
    }
    for (let i = 0; i < Math.min(limit, items.length); i++) launch();
  });
}
