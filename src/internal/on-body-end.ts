/**
 * Knowing when an answer has been sent in full: a web `Response` whose body calls back once it has been read to its
 * end, broken off, or cancelled by its reader (a client that went away). Pull-based, so backpressure is kept.
 */

/** How an answer's body ended, when not normally. */
export type BodyEnding = "aborted" | "failed";

/** `response` with `done` called once, when its body has ended (at once for a response without one). */
export function onBodyEnd(response: Response, done: (ending?: BodyEnding) => void): Response {
  let called = false;
  const end = (ending?: BodyEnding) => {
    if (called) return;
    called = true;
    done(ending);
  };
  if (response.body === null) {
    end();
    return response;
  }
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        let next: ReadableStreamReadResult<Uint8Array>;
        try {
          next = await reader.read();
        } catch (error) {
          end("failed");
          throw error;
        }
        if (next.done) {
          controller.close();
          end();
        } else {
          controller.enqueue(next.value);
        }
      },
      cancel(reason) {
        end("aborted");
        return reader.cancel(reason);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
