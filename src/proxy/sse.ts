/**
 * A `Stream<ChatCompletionChunk>` as a server-sent-events body, in the format OpenAI streams chat completions
 * (https://platform.openai.com/docs/api-reference/chat-streaming): one `data: <chunk JSON>\n\n` event per chunk and
 * a final `data: [DONE]\n\n`. Event syntax per https://html.spec.whatwg.org/multipage/server-sent-events.html.
 *
 * The body is pulled: the next chunk is read from Bedrock only when the HTTP layer asks for more bytes, so a slow
 * client slows the upstream read instead of filling memory. Cancelling the body (the client went away) aborts the
 * upstream request, and is not reported as an error. An error after the first byte cannot change the status any
 * more: it is sent as one `data: {"error": {...}}` event, then the stream closes without `[DONE]`.
 */
import type { Stream } from "../stream";
import { describeError } from "./errors";

const encoder = new TextEncoder();

/** Headers of an SSE response; `x-accel-buffering: no` stops nginx-style proxies from holding events back. */
export const SSE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  "x-accel-buffering": "no",
};

function event(data: string): Uint8Array {
  return encoder.encode(`data: ${data}\n\n`);
}

/**
 * Encodes a stream of JSON-serialisable items as SSE bytes.
 *
 * @param onError - told about an error that ended the stream early (for logging); not about the reader leaving
 * @example
 * ```ts
 * const chunks = await bedrock.completion({ model, messages, stream: true });
 * return new Response(toServerSentEvents(chunks), { headers: SSE_HEADERS });
 * ```
 */
export function toServerSentEvents<T>(stream: Stream<T>, onError?: (error: unknown) => void): ReadableStream<Uint8Array> {
  let iterator: AsyncIterator<T> | undefined;
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (finished) return;
        try {
          iterator ??= stream[Symbol.asyncIterator]();
          const { done, value } = await iterator.next();
          if (done) {
            finished = true;
            controller.enqueue(event("[DONE]"));
            controller.close();
            return;
          }
          controller.enqueue(event(JSON.stringify(value)));
        } catch (error) {
          // Cancelled by the reader, or aborted through the request's signal: the client went away, which is no
          // failure to report.
          if (!finished && (error as Error | null)?.name !== "APIUserAbortError") onError?.(error);
          finished = true;
          try {
            controller.enqueue(event(JSON.stringify(describeError(error, true).body)));
            controller.close();
          } catch {
            // Already cancelled by the reader: nobody is left to tell.
          }
        }
      },
      async cancel() {
        finished = true;
        stream.abort();
        await iterator?.return?.().catch(() => {});
      },
    },
    // One event at a time: nothing is read ahead of what the client has taken.
    { highWaterMark: 0 },
  );
}
