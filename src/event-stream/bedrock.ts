/**
 * The public Bedrock layer of `bedrock-fetch/event-stream`: `event` frames become `{ type, data }` (a `chunk` event's
 * data is the model's own event, unwrapped from its base64), and `exception` / `error` frames become typed errors.
 * The decoding itself lives in events.ts and chunk.ts, which the runtime operations use directly.
 */
import { ConfigurationError } from "../errors";
import { decodeChunk } from "./chunk";
import { limits, resettable } from "./decoder";
import { createEventDecoder, decodeEvent, type BedrockStreamEvent } from "./events";
import type { EventStreamDecoder, EventStreamDecoderOptions, EventStreamMessage } from "./types";

export type { BedrockStreamEvent } from "./events";

/**
 * Turns one decoded frame of a Bedrock response stream into an event, or throws the error it carries.
 *
 * @param message - a frame from {@link createEventStreamDecoder}
 * @param offset - the frame's position in the stream, for error messages. @defaultValue -1 (unknown)
 * @returns `{ type: ":event-type", data }`; for `chunk`, `data` is the model's own parsed JSON event. Unknown event
 *   types pass through with their JSON payload.
 * @throws an `APIError` subclass (via `createAPIError`) for an `exception` or `error` frame, e.g. `RateLimitError` for
 *   `throttlingException`; an {@link EventStreamError} when `:message-type`/`:event-type` is missing or the payload is
 *   not the JSON/base64 it must be.
 */
export function decodeBedrockEvent(message: EventStreamMessage, offset = -1): BedrockStreamEvent {
  return decodeEvent(message.headers, message.payload, 0, message.payload.length, offset, decodeChunk);
}

/** Options of {@link createBedrockEventDecoder}: the frame limits plus the event callback. */
export interface BedrockEventDecoderOptions extends Omit<EventStreamDecoderOptions, "onMessage"> {
  /** Called for every event as soon as its frame is complete. */
  onEvent(event: BedrockStreamEvent): void;
}

/**
 * A push decoder from Bedrock response-stream bytes to events. `feed`/`end` throw the typed error of an exception
 * frame, or an {@link EventStreamError} for malformed bytes.
 *
 * @example
 * ```ts
 * const decoder = createBedrockEventDecoder({ onEvent: (e) => console.log(e.type, e.data) });
 * for await (const chunk of response.body!) decoder.feed(chunk);
 * decoder.end();
 * ```
 */
export function createBedrockEventDecoder(options: BedrockEventDecoderOptions): EventStreamDecoder {
  const onEvent = options?.onEvent;
  if (typeof onEvent !== "function") {
    throw new ConfigurationError(
      "onEvent",
      "createBedrockEventDecoder needs an `onEvent` callback. Did you mean `createBedrockEventDecoder({ onEvent: fn })`?",
    );
  }
  const checked = limits(options);
  return resettable(() => createEventDecoder(onEvent, decodeChunk, undefined, checked));
}

/**
 * A `TransformStream` from Bedrock response-stream bytes to {@link BedrockStreamEvent}s. The readable side errors
 * with the typed error of an exception frame (e.g. `ModelError` for `modelStreamErrorException`).
 *
 * @example
 * ```ts
 * for await (const event of response.body!.pipeThrough(new BedrockEventStream())) console.log(event.type, event.data);
 * ```
 */
export class BedrockEventStream extends TransformStream<Uint8Array, BedrockStreamEvent> {
  /** @param options - frame size limits, as for {@link createEventStreamDecoder}. */
  constructor(options: Omit<EventStreamDecoderOptions, "onMessage"> = {}) {
    let decoder: EventStreamDecoder;
    super({
      start(controller) {
        decoder = createBedrockEventDecoder({ ...options, onEvent: (event) => controller.enqueue(event) });
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
