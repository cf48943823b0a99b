/**
 * Opens a Bedrock response stream and reads it as events, pulling body bytes only when the consumer asks for the
 * next event.
 * Before the first event reaches the caller, a retryable failure (a throttling or service-unavailable exception
 * frame, a broken connection) re-opens the request through the transport's retry policy; after that, every failure
 * is thrown from the iterator as is. Leaving early cancels the body and aborts the request.
 * @internal
 */
import { APIConnectionError, APITimeoutError, APIUserAbortError } from "../errors";
import { scrub } from "../internal/redact";
import { EventStreamError } from "../event-stream/errors";
import { createEventDecoder, type BedrockStreamEvent, type ChunkDecoder } from "../event-stream/events";
import { Stream } from "../stream";
import { requestIdOf } from "../transport/errors";
import { connectionText, networkFailure } from "../transport/network-error";
import { newCallState, type OpenResponse, type Transport } from "../transport/transport";
import type { HttpRequest, RequestOptions, ResponseMetadata } from "../transport/types";

const ignore = () => {};

/**
 * Opens an event-stream response: resolves once the headers of a successful response arrived, with a
 * {@link Stream} of its events carrying `describe(response)` (refreshed when a failed start is re-opened).
 *
 * @param checkEnd - validates the event types seen once the body ended cleanly; throws if a required final event is
 *   missing
 * @param chunk - decodes `chunk` events, for the one operation that receives them
 * @param observe - sees each event just before the caller does, with the result `describe` built (to complete its
 *   `$metadata` from the final event)
 */
export async function openStream<E, M extends { $metadata: ResponseMetadata }>(
  transport: Transport,
  request: HttpRequest,
  options: RequestOptions | undefined,
  describe: (response: OpenResponse, attempts: number) => M,
  checkEnd: (seen: ReadonlySet<string>) => void,
  chunk?: ChunkDecoder,
  observe?: (event: BedrockStreamEvent, result: M) => void,
): Promise<Stream<E> & M> {
  // The stream owns its controller, so that `stream.abort()` and the caller's signal both cancel it.
  const controller = new AbortController();
  const signal = controller.signal;
  const caller = options?.signal;
  const onCallerAbort = () => controller.abort(caller!.reason);
  if (caller?.aborted) onCallerAbort();
  caller?.addEventListener("abort", onCallerAbort, { once: true });
  const unlink = () => caller?.removeEventListener("abort", onCallerAbort);
  const callOptions: RequestOptions = { ...options, signal };
  const state = newCallState();
  const operation = request.operation;
  let open: OpenResponse;
  try {
    open = await transport.open(request, callOptions, state);
  } catch (error) {
    unlink();
    throw error;
  }
  // A re-opened stream has its own request id and headers.
  const described = () => Object.assign(result, describe(open, state.attempts));

  async function* events(): AsyncGenerator<BedrockStreamEvent, void, undefined> {
    let delivered = false;
    let completed = false;
    const seen = new Set<string>();
    try {
      for (;;) {
        const requestId = requestIdOf(open.headers);
        const idleError = (cause?: unknown) =>
          new APITimeoutError(`${operation}: no data arrived for ${open.idleTimeoutMs} ms.`, { requestId, cause });
        const reader = open.body.getReader();
        const queue: BedrockStreamEvent[] = [];
        // Exception frames become errors carrying this response's request id.
        const decoder = createEventDecoder((event) => queue.push(event), chunk, requestId);
        let failure: { error: unknown } | undefined;
        let ended = false;
        // Abort cancels the reader itself: a pending read must not wait on a fetch that ignores its signal.
        const onAbort = () => void reader.cancel(signal.reason).catch(ignore);
        signal.addEventListener("abort", onAbort, { once: true });
        try {
          for (;;) {
            // Events decoded before a failing frame in the same chunk still reach the caller first.
            for (const event of queue) {
              seen.add(event.type);
              delivered = true;
              observe?.(event, result as unknown as M);
              yield event;
            }
            queue.length = 0;
            if (failure) throw failure.error;
            if (ended) {
              checkEnd(seen);
              completed = true;
              return;
            }
            let read: ReadableStreamReadResult<Uint8Array>;
            let idle = false;
            // A stream that stalls after its headers would otherwise hang until the caller aborts; one that drips
            // bytes, until the call's deadline.
            const left = open.deadline - Date.now();
            const overdue = left <= open.idleTimeoutMs;
            const timer = setTimeout(() => {
              idle = true;
              void reader.cancel().catch(ignore);
            }, overdue ? left : open.idleTimeoutMs);
            try {
              read = await reader.read();
            } catch (error) {
              if (signal.aborted) throw new APIUserAbortError(undefined, { cause: error });
              if (idle) throw overdue ? open.overdue() : idleError(error);
              const failure = networkFailure(error, open.secrets);
              throw new APIConnectionError(
                `${operation}: the response stream broke off; ${connectionText(failure, open.origin)}.`,
                { requestId, cause: scrub(error, open.secrets), code: failure.code },
              );
            } finally {
              clearTimeout(timer);
            }
            if (idle) throw overdue ? open.overdue() : idleError();
            if (signal.aborted) throw new APIUserAbortError();
            try {
              if (read.done) {
                decoder.end();
                ended = true;
              } else {
                decoder.feed(read.value);
              }
            } catch (error) {
              // An exception frame carries the service's text, which may echo the request.
              failure = { error: scrub(error, open.secrets) };
            }
          }
        } catch (error) {
          if (delivered || signal.aborted) throw error;
          failure = { error };
        } finally {
          signal.removeEventListener("abort", onAbort);
          if (!completed) {
            // Cancelling the reader alone can leave the connection open on some runtimes; aborting the fetch closes it.
            reader.cancel().catch(ignore);
            open.abort();
          }
          open.release();
        }
        // Nothing reached the caller yet: the transport decides whether this failure is worth another attempt.
        open = await transport.reopen(request, callOptions, state, failure!.error);
        described();
      }
    } finally {
      // Early exit (break, return, throw): make sure the connection is dropped, not just the reader.
      if (!completed) controller.abort();
      unlink();
    }
  }

  const result = new Stream<E>(events as () => AsyncGenerator<E>, controller);
  return described() as Stream<E> & M;
}

/** ConverseStream ends with `messageStop` then `metadata`; a body that ends before them was cut short. */
export function requireConverseEnd(seen: ReadonlySet<string>): void {
  if (!seen.has("messageStop") || !seen.has("metadata")) {
    const missing = seen.has("messageStop") ? "metadata" : "messageStop";
    throw new EventStreamError("truncated", `ConverseStream ended without its ${missing} event`, -1);
  }
}

/** An InvokeModelWithResponseStream body with no event at all is not an answer. */
export function requireSomeEvent(seen: ReadonlySet<string>): void {
  if (seen.size === 0) throw new EventStreamError("truncated", "The response stream ended without any event", -1);
}
