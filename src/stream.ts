/**
 * @module stream
 *
 * `Stream<T>`: what every streaming call returns. It is async-iterable once, pulls from the network only as the
 * consumer asks for the next item (backpressure), and owns the `AbortController` of its HTTP request: leaving a
 * `for await` loop early, `abort()`, or cancelling its `toReadableStream()` all cancel the response body.
 */
import { BedrockError } from "./errors";

/**
 * A one-shot async sequence of `T` backed by an HTTP response.
 *
 * @example
 * ```ts
 * const stream = await bedrock.runtime.converseStream({ modelId, messages });
 * for await (const event of stream) {
 *   if (event.type === "contentBlockDelta") console.log(event.data.delta);
 * }
 * ```
 */
export class Stream<T> implements AsyncIterable<T> {
  readonly #iterate: () => AsyncIterator<T>;
  #consumed = false;
  /** Aborting it cancels the request and its body. */
  readonly controller: AbortController;

  /**
   * Builds a stream from an iterator factory, called once when iteration starts. The factory's iterator must release
   * its resources in `return()` (an async generator's `finally`), which runs when the consumer stops early.
   *
   * @param iterate - produces the items
   * @param controller - aborted by {@link Stream.abort}; should cancel whatever `iterate` reads from
   */
  constructor(iterate: () => AsyncIterator<T>, controller: AbortController = new AbortController()) {
    this.#iterate = iterate;
    this.controller = controller;
  }

  /** A stream over any async iterable, e.g. for tests or for a layer that builds its own sequence. */
  static from<T>(iterable: AsyncIterable<T> | Iterable<T>, controller?: AbortController): Stream<T> {
    return new Stream(() => toAsyncIterator(iterable), controller);
  }

  /**
   * Iterates the items. Allowed once: a second iteration throws, because the HTTP body can only be read once; use
   * {@link Stream.tee} to read it twice.
   */
  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#consumed) {
      throw new BedrockError(
        "This stream has already been iterated; a response body can be read only once. Call `stream.tee()` before iterating to get two readers.",
        { code: "StreamAlreadyConsumed" },
      );
    }
    this.#consumed = true;
    return this.#iterate();
  }

  /** Whether iteration has started (or the stream was handed to `map`, `tee` or `toReadableStream` and then read). */
  get consumed(): boolean {
    return this.#consumed;
  }

  /** Cancels the request and its body. A pending or later `next()` rejects with `APIUserAbortError`. */
  abort(reason?: unknown): void {
    this.controller.abort(reason);
  }

  /**
   * A new stream whose items are `fn(item)`, computed lazily as they are pulled. Iterating it consumes this stream;
   * they share the abort controller.
   */
  map<U>(fn: (item: T) => U | Promise<U>): Stream<U> {
    return this.flatMap(async (item) => [await fn(item)]);
  }

  /**
   * A new stream where each item becomes zero or more items (e.g. one Bedrock event → several OpenAI chunks),
   * computed lazily. Iterating it consumes this stream; they share the abort controller.
   */
  flatMap<U>(fn: (item: T) => Iterable<U> | AsyncIterable<U> | Promise<Iterable<U>>): Stream<U> {
    const source = this;
    return new Stream<U>(async function* () {
      for await (const item of source) yield* await fn(item);
    }, this.controller);
  }

  /**
   * Splits the stream into two that each see every item. Items are buffered for the slower reader, so read both.
   * The source is pulled only as either side asks; aborting cancels the shared request.
   */
  tee(): [Stream<T>, Stream<T>] {
    const queues: IteratorResult<T>[][] = [[], []];
    const open = [true, true];
    let iterator: AsyncIterator<T> | undefined;
    let pending: Promise<void> | undefined;
    let failure: { error: unknown } | undefined;
    const pull = (): Promise<void> =>
      (pending ??= (async () => {
        try {
          iterator ??= this[Symbol.asyncIterator]();
          const result = await iterator.next();
          if (open[0]) queues[0]!.push(result);
          if (open[1]) queues[1]!.push(result);
        } catch (error) {
          failure = { error };
        } finally {
          pending = undefined;
        }
      })());
    const side = (k: 0 | 1): Stream<T> =>
      new Stream<T>(() => ({
        async next(): Promise<IteratorResult<T>> {
          for (;;) {
            const queued = queues[k]!.shift();
            if (queued) return queued;
            if (failure) throw failure.error;
            await pull();
          }
        },
        async return(): Promise<IteratorResult<T>> {
          open[k] = false;
          queues[k] = [];
          // The source is released only when neither side reads any more.
          if (!open[0] && !open[1]) await iterator?.return?.();
          return { done: true, value: undefined };
        },
      }), this.controller);
    return [side(0), side(1)];
  }

  /**
   * A `ReadableStream` of the items, pulled one at a time as its reader asks; cancelling it cancels the request.
   * Useful to hand the sequence to web APIs (`new Response(...)` after a `pipeThrough` to bytes).
   */
  toReadableStream(): ReadableStream<T> {
    let iterator: AsyncIterator<T> | undefined;
    return new ReadableStream<T>(
      {
        pull: async (controller) => {
          try {
            iterator ??= this[Symbol.asyncIterator]();
            const { done, value } = await iterator.next();
            if (done) controller.close();
            else controller.enqueue(value);
          } catch (error) {
            controller.error(error);
          }
        },
        cancel: async () => {
          this.controller.abort();
          await iterator?.return?.();
        },
      },
      { highWaterMark: 0 },
    );
  }
}

function toAsyncIterator<T>(iterable: AsyncIterable<T> | Iterable<T>): AsyncIterator<T> {
  if (Symbol.asyncIterator in iterable) return iterable[Symbol.asyncIterator]();
  return (async function* () {
    yield* iterable as Iterable<T>;
  })();
}
