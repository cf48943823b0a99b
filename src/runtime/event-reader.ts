/**
 * Reads a Bedrock response stream as events, pulling body bytes only when the consumer asks for the next event.
 * Before the first event reaches the caller, a retryable failure (a throttling or service-unavailable exception
 * frame, a broken connection) re-opens the request through the transport's retry policy; after that, every failure
 * is thrown from the iterator as is. Leaving early cancels the body and aborts the request.
 * @internal
 */
import { APIConnectionError, APIError, APITimeoutError, APIUserAbortError, createAPIError } from "../errors";
import { EventStreamError } from "../event-stream/errors";
import { createEventDecoder, type BedrockStreamEvent, type ChunkDecoder } from "../event-stream/events";
import type { CallState, OpenResponse, Transport } from "../transport/transport";
import type { HttpRequest, RequestOptions } from "../transport/types";
import { requestIdOf } from "../transport/errors";

export interface EventReaderContext {
  transport: Transport;
  request: HttpRequest;
  /** Options whose `signal` is the stream's own controller's signal. */
  options: RequestOptions;
  state: CallState;
  controller: AbortController;
  /** Called with every response (the first and any re-opened one). */
  onResponse(response: OpenResponse): void;
  /** Validates the sequence of event types once the body ended cleanly; throws if a required final event is missing. */
  checkEnd?: ((seen: ReadonlySet<string>) => void) | undefined;
  /** Decodes `chunk` events (InvokeModelWithResponseStream); other streams never carry them. */
  chunk?: ChunkDecoder | undefined;
}

/** Re-creates an exception-frame error with the response's request id, which the frame itself does not carry. */
function withRequestId(error: unknown, requestId: string | undefined): unknown {
  if (!(error instanceof APIError) || error.requestId !== undefined || requestId === undefined) return error;
  return createAPIError({ status: error.status, code: error.code, message: error.message, requestId, cause: error.cause });
}

function idleError(ctx: EventReaderContext, open: OpenResponse, requestId: string | undefined, cause?: unknown): APITimeoutError {
  return new APITimeoutError(`${ctx.request.operation}: no data arrived for ${open.idleTimeoutMs} ms.`, { requestId, cause });
}

/** The events of a stream, as an async generator (its `return()` cancels the body). */
export async function* readEvents(first: OpenResponse, ctx: EventReaderContext): AsyncGenerator<BedrockStreamEvent, void, undefined> {
  let open = first;
  let delivered = false;
  let completed = false;
  const seen = new Set<string>();
  try {
    for (;;) {
      const requestId = requestIdOf(open.headers);
      const reader = open.body.getReader();
      const queue: BedrockStreamEvent[] = [];
      const decoder = createEventDecoder((event) => queue.push(event), ctx.chunk);
      let failure: { error: unknown } | undefined;
      let ended = false;
      // Abort cancels the reader itself: a pending read must not wait on a fetch that ignores its signal.
      const onAbort = () => void reader.cancel(ctx.controller.signal.reason).catch(() => {});
      ctx.controller.signal.addEventListener("abort", onAbort, { once: true });
      try {
        for (;;) {
          // Events decoded before a failing frame in the same chunk still reach the caller first.
          for (let i = 0; i < queue.length; i++) {
            const event = queue[i]!;
            seen.add(event.type);
            delivered = true;
            yield event;
          }
          queue.length = 0;
          if (failure) throw failure.error;
          if (ended) {
            ctx.checkEnd?.(seen);
            completed = true;
            return;
          }
          let chunk: ReadableStreamReadResult<Uint8Array>;
          let idle = false;
          // A stream that stalls after its headers would otherwise hang until the caller aborts.
          const timer = setTimeout(() => {
            idle = true;
            void reader.cancel().catch(() => {});
          }, open.idleTimeoutMs);
          try {
            chunk = await reader.read();
          } catch (error) {
            if (ctx.controller.signal.aborted) throw new APIUserAbortError(undefined, { cause: error });
            if (idle) throw idleError(ctx, open, requestId, error);
            throw new APIConnectionError(`${ctx.request.operation}: the response stream broke off.`, { requestId, cause: error });
          } finally {
            clearTimeout(timer);
          }
          if (idle) throw idleError(ctx, open, requestId);
          if (ctx.controller.signal.aborted) throw new APIUserAbortError();
          try {
            if (chunk.done) {
              decoder.end();
              ended = true;
            } else {
              decoder.feed(chunk.value);
            }
          } catch (error) {
            failure = { error: withRequestId(error, requestId) };
          }
        }
      } catch (error) {
        if (delivered || ctx.controller.signal.aborted) throw error;
        failure = { error };
      } finally {
        ctx.controller.signal.removeEventListener("abort", onAbort);
        if (!completed) {
          // Cancelling the reader alone can leave the connection open on some runtimes; aborting the fetch closes it.
          reader.cancel().catch(() => {});
          open.abort();
        }
        open.release();
      }
      // Nothing reached the caller yet: the transport decides whether this failure is worth another attempt.
      open = await ctx.transport.reopen(ctx.request, ctx.options, ctx.state, failure!.error);
      ctx.onResponse(open);
    }
  } finally {
    // Early exit (break, return, throw): make sure the connection is dropped, not just the reader.
    if (!completed) ctx.controller.abort();
  }
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
