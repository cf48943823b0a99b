import { createEventStreamDecoder } from "./decoder";
import type { EventStreamDecoder, EventStreamDecoderOptions, EventStreamMessage } from "./types";

/**
 * A `TransformStream` from event-stream bytes to decoded frames; errors with an {@link EventStreamError} on
 * malformed or truncated input.
 *
 * @example
 * ```ts
 * const messages = response.body!.pipeThrough(new EventStreamDecoderStream());
 * for await (const { headers, payload } of messages) console.log(headers[":event-type"]?.value, payload.length);
 * ```
 */
export class EventStreamDecoderStream extends TransformStream<Uint8Array, EventStreamMessage> {
  /** @param options - size limits, as for {@link createEventStreamDecoder}. */
  constructor(options: Omit<EventStreamDecoderOptions, "onMessage"> = {}) {
    let decoder: EventStreamDecoder;
    super({
      start(controller) {
        decoder = createEventStreamDecoder({ ...options, onMessage: (message) => controller.enqueue(message) });
      },
      transform(chunk) {
        decoder.feed(chunk);
      },
      flush() {
        decoder.end();
      },
    });
  }
}
