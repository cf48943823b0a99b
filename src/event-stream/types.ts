/**
 * Shapes of the AWS event-stream wire format.
 *
 * Format reference: https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream
 * and https://docs.aws.amazon.com/AmazonS3/latest/API/RESTSelectObjectAppendix.html (prelude, headers, payload, CRCs).
 */

/**
 * One header value, tagged with its wire type. Type codes on the wire: `true` 0, `false` 1, `byte` 2, `short` 3,
 * `integer` 4, `long` 5, `binary` 6, `string` 7, `timestamp` 8, `uuid` 9.
 */
export type EventStreamHeaderValue =
  | { type: "boolean"; value: boolean }
  | { type: "byte"; value: number }
  | { type: "short"; value: number }
  | { type: "integer"; value: number }
  | { type: "long"; value: bigint }
  | { type: "binary"; value: Uint8Array }
  | { type: "string"; value: string }
  | { type: "timestamp"; value: Date }
  | { type: "uuid"; value: string };

/** One decoded frame. */
export interface EventStreamMessage {
  /** Header name → typed value. Names are unique within a frame (duplicates are rejected). */
  headers: Record<string, EventStreamHeaderValue>;
  /**
   * The payload bytes. When a whole frame arrived inside one chunk this is a view into that chunk (no copy):
   * copy it before mutating or reusing the buffer you passed to `feed`.
   */
  payload: Uint8Array;
}

/** Options of {@link createEventStreamDecoder}. */
export interface EventStreamDecoderOptions {
  /**
   * Called synchronously for every complete frame, as soon as its last byte arrives.
   * `offset` is the position of the frame's first byte in the stream.
   */
  onMessage(message: EventStreamMessage, offset: number): void;
  /** Largest accepted frame (prelude + headers + payload + CRC), in bytes. @defaultValue 16 MiB */
  maxMessageLength?: number;
  /** Largest accepted headers section, in bytes. @defaultValue 128 KiB */
  maxHeadersLength?: number;
  /** Longest accepted header name, in bytes (the wire format allows at most 255). @defaultValue 255 */
  maxHeaderNameLength?: number;
}

/** A push decoder: feed it bytes, it calls `onMessage` per frame. */
export interface EventStreamDecoder {
  /** Decodes as many frames as `bytes` completes. Throws {@link EventStreamError} on malformed input. */
  feed(bytes: Uint8Array): void;
  /** Declares the end of the stream. Throws an `EventStreamError` of type `truncated` if a frame is unfinished. */
  end(): void;
  /** Forgets any partial frame and any earlier error; the next byte fed starts a new stream at offset 0. */
  reset(): void;
}
