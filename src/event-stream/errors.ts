import { BedrockError } from "../errors";

/**
 * What went wrong in an event stream:
 * - `prelude-crc-mismatch` / `message-crc-mismatch`: a CRC32 does not match the bytes it covers.
 * - `truncated`: the stream ended inside a frame.
 * - `invalid-length`: the prelude's lengths cannot describe a frame (total < 16, headers longer than the frame).
 * - `too-large`: a frame or its headers exceed the configured limits.
 * - `invalid-header`: a header is malformed (unknown value type, overruns the headers section, empty or too long a
 *   name), or a header the Bedrock layer needs (`:message-type`, `:event-type`) is missing or not a string.
 * - `duplicate-header`: two headers of one frame share a name.
 * - `invalid-payload`: a Bedrock payload is not the JSON (or base64 inside it) it must be.
 * - `invalid-state`: the decoder was used after it failed, without `reset()`.
 */
export type EventStreamErrorType =
  | "prelude-crc-mismatch"
  | "message-crc-mismatch"
  | "truncated"
  | "invalid-length"
  | "too-large"
  | "invalid-header"
  | "duplicate-header"
  | "invalid-payload"
  | "invalid-state";

/** A malformed AWS event stream. `offset` is where in the stream (in bytes from its start) the problem lies. */
export class EventStreamError extends BedrockError {
  override name = "EventStreamError";
  /** Machine-readable kind of failure. */
  readonly type: EventStreamErrorType;
  /** Byte offset from the start of the stream: the frame's first byte, or the offending header's. -1 if unknown. */
  readonly offset: number;

  constructor(type: EventStreamErrorType, message: string, offset: number) {
    super(offset >= 0 ? `${message} (at byte ${offset})` : message, { code: "InvalidEventStream", retryable: false });
    this.type = type;
    this.offset = offset;
  }
}

/** True for an {@link EventStreamError}, across realms and bundled copies. */
export function isEventStreamError(error: unknown): error is EventStreamError {
  return error instanceof Error && error.name === "EventStreamError" && typeof (error as { offset?: unknown }).offset === "number";
}
