/**
 * Messages API events as a server-sent-events body, in the format of https://docs.anthropic.com/en/api/messages-streaming:
 * each event named by its type (`event: content_block_delta`) with its JSON as `data`, a `ping` after
 * `message_start` as Anthropic sends one, and a failure after the first byte sent as an `error` event
 * (`{"type": "error", "error": {"type": "overloaded_error", "message": ...}}`) that ends the stream. Event syntax per
 * https://html.spec.whatwg.org/multipage/server-sent-events.html.
 *
 * The body is pulled, one event per read: a slow client slows the upstream read instead of filling memory.
 * Cancelling it (the client went away) aborts the upstream request, and is not reported as an error.
 */
import type { Stream } from "../../stream";
import { describeAnthropicError } from "./errors";
import type { StreamEvent } from "./types";

const encoder = new TextEncoder();

function frame(type: string, data: unknown): Uint8Array {
  return encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

/**
 * Encodes events as SSE bytes.
 *
 * @param events - the events; aborted when the reader cancels, which stops the upstream request
 * @param onError - told about an error that ended the stream early (for logging); not about the reader leaving
 */
export function toAnthropicEventStream(events: Stream<StreamEvent>, onError?: (error: unknown) => void): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<StreamEvent> | undefined;
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (finished) return;
        try {
          iterator ??= events[Symbol.asyncIterator]();
          const { done, value } = await iterator.next();
          if (done) {
            finished = true;
            controller.close();
            return;
          }
          controller.enqueue(frame(value.type, value));
          if (value.type === "message_start") controller.enqueue(frame("ping", { type: "ping" }));
        } catch (error) {
          if (!finished && (error as Error | null)?.name !== "APIUserAbortError") onError?.(error);
          finished = true;
          try {
            controller.enqueue(frame("error", describeAnthropicError(error, true).body));
            controller.close();
          } catch {
            // Already cancelled by the reader: nobody is left to tell.
          }
        }
      },
      async cancel() {
        finished = true;
        events.abort();
        await iterator?.return?.().catch(() => {});
      },
    },
    { highWaterMark: 0 },
  );
}
