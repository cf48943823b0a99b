/**
 * Push decoder for AWS event-stream frames, as a closure `{ feed, end, reset }`.
 *
 * Frame layout (https://docs.aws.amazon.com/transcribe/latest/dg/streaming-setting-up.html#streaming-event-stream):
 * total length (u32 BE) | headers length (u32 BE) | prelude CRC32 of the first 8 bytes | headers | payload |
 * message CRC32 of everything before it.
 *
 * Copying discipline: a frame that lies wholly inside the incoming chunk is decoded in place (views, no copy). A frame
 * split across chunks is assembled into one buffer sized from its validated prelude, so every byte is copied at most
 * once and feeding a stream one byte at a time stays linear. Appending chunk to chunk (`prefix + chunk`) would be
 * quadratic in the frame size.
 */
import { ConfigurationError } from "../errors";
import { crc32Range } from "./crc32";
import { EventStreamError } from "./errors";
import { decodeHeaders, readValue } from "./headers";
import type { EventStreamDecoder, EventStreamDecoderOptions } from "./types";

const PRELUDE = 12;
/** Prelude plus message CRC: the smallest possible frame. */
const OVERHEAD = 16;
const ARENA = 64 * 1024;

function u32(b: Uint8Array, i: number): number {
  return ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
}

/** Copies `src[from, to)` into `dst` at `at`; a plain loop beats creating a subarray view for short runs. */
function copy(dst: Uint8Array, at: number, src: Uint8Array, from: number, to: number): void {
  if (to - from > 48) {
    dst.set(from === 0 && to === src.length ? src : src.subarray(from, to), at);
    return;
  }
  for (let k = from; k < to; k++) dst[at++] = src[k]!;
}

/** The frame limits of {@link createFrameDecoder}, in its parameter order; `undefined` takes the default. @internal */
export type Limits = [maxMessage?: number, maxHeaders?: number, maxName?: number];

const LIMITS = [
  ["maxMessageLength", 0xffffffff],
  ["maxHeadersLength", 0xffffffff],
  ["maxHeaderNameLength", 255],
] as const;

/**
 * The limits in the options of a public decoder, each checked.
 * @internal
 */
export function limits(options: Omit<EventStreamDecoderOptions, "onMessage">): Limits {
  return LIMITS.map(([field, max]) => {
    const value = options[field];
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= max)) {
      throw new ConfigurationError(field, `\`${field}\` must be an integer from 1 to ${max}, got ${String(value)}.`);
    }
    return value;
  }) as Limits;
}

/**
 * A validated frame (both CRCs checked): headers in `b[start + 12, headersEnd)`, payload in `b[headersEnd, end)`,
 * `offset` its stream position. The frame layer hands over positions rather than a message so that a consumer
 * that never exposes the headers (the Bedrock layer) need not build them per frame.
 * @internal
 */
/** A push decoder without `reset()`, whose `feed`/`end` must not be called again after they threw. @internal */
export type FrameDecoder = Omit<EventStreamDecoder, "reset">;

export type FrameHandler = (b: Uint8Array, start: number, headersEnd: number, end: number, offset: number, maxName: number) => void;

/**
 * The framing state machine behind {@link createEventStreamDecoder}, calling `onFrame` per frame. The limits are
 * trusted here: public callers check them with {@link limits}.
 * @internal
 */
export function createFrameDecoder(
  onFrame: FrameHandler,
  maxMessage = 16 * 1024 * 1024,
  maxHeaders = 128 * 1024,
  maxName = 255,
): FrameDecoder {

  /** Stream offset of the first byte of the frame being decoded or assembled. */
  let position = 0;
  /** Bytes of a prelude split across chunks. */
  const prelude = new Uint8Array(PRELUDE);
  let preludeFill = 0;
  /** A frame split across chunks: assembled at `frame[frameStart, frameStart + frameTotal)` once its prelude is good. */
  let frame: Uint8Array | null = null;
  let frameStart = 0;
  let frameTotal = 0;
  let frameFill = 0;

  // Frames split across chunks are assembled in an arena: small frames take consecutive ranges of one 64 KiB
  // buffer instead of one allocation each (allocating a typed array costs more than copying a 300-byte frame).
  // A retained payload view keeps at most one arena alive.
  let arena = new Uint8Array(0);
  let arenaUsed = 0;
  function assemble(total: number): void {
    if (total > ARENA >> 2) {
      frame = new Uint8Array(total);
      frameStart = 0;
    } else {
      if (arenaUsed + total > arena.length) {
        arena = new Uint8Array(ARENA);
        arenaUsed = 0;
      }
      frame = arena;
      frameStart = arenaUsed;
      arenaUsed += total;
    }
    frameTotal = total;
    frameFill = 0;
  }

  /** Validates the prelude at `b[i]` and returns the frame's total length. */
  function checkPrelude(b: Uint8Array, i: number): number {
    const total = u32(b, i);
    const headersLength = u32(b, i + 4);
    // The prelude CRC comes first: a corrupted length would otherwise be reported as a length problem.
    if (crc32Range(b, i, i + 8, 0) !== u32(b, i + 8)) {
      throw new EventStreamError("prelude-crc-mismatch", "Event-stream prelude checksum mismatch", position);
    }
    if (total < OVERHEAD) {
      throw new EventStreamError("invalid-length", `Event-stream frame length ${total} is below the 16-byte minimum`, position);
    }
    if (total > maxMessage) {
      throw new EventStreamError("too-large", `Event-stream frame of ${total} bytes exceeds maxMessageLength ${maxMessage}`, position);
    }
    if (headersLength > total - OVERHEAD) {
      throw new EventStreamError(
        "invalid-length",
        `Event-stream headers length ${headersLength} does not fit a ${total}-byte frame`,
        position,
      );
    }
    if (headersLength > maxHeaders) {
      throw new EventStreamError(
        "too-large",
        `Event-stream headers of ${headersLength} bytes exceed maxHeadersLength ${maxHeaders}`,
        position,
      );
    }
    return total;
  }

  /** Decodes the validated-prelude frame `b[i, i + total)` and hands it over. */
  function emit(b: Uint8Array, i: number, total: number): void {
    const end = i + total - 4;
    if (crc32Range(b, i + 8, end, u32(b, i + 8)) !== u32(b, end)) {
      throw new EventStreamError("message-crc-mismatch", "Event-stream message checksum mismatch", position);
    }
    const at = position;
    position += total;
    onFrame(b, i, i + PRELUDE + u32(b, i + 4), end, at, maxName);
  }

  function run(b: Uint8Array): void {
    const n = b.length;
    let i = 0;
    if (preludeFill > 0) {
      const take = Math.min(PRELUDE - preludeFill, n);
      copy(prelude, preludeFill, b, 0, take);
      preludeFill += take;
      i = take;
      if (preludeFill < PRELUDE) return;
      preludeFill = 0;
      assemble(checkPrelude(prelude, 0));
      copy(frame!, frameStart, prelude, 0, PRELUDE);
      frameFill = PRELUDE;
    }
    if (frame !== null) {
      const take = Math.min(frameTotal - frameFill, n - i);
      copy(frame, frameStart + frameFill, b, i, i + take);
      frameFill += take;
      i += take;
      if (frameFill < frameTotal) return;
      const whole = frame;
      frame = null;
      emit(whole, frameStart, frameTotal);
    }
    while (n - i >= PRELUDE) {
      const total = checkPrelude(b, i);
      if (n - i < total) {
        assemble(total);
        copy(frame!, frameStart, b, i, n);
        frameFill = n - i;
        return;
      }
      emit(b, i, total);
      i += total;
    }
    if (i < n) {
      copy(prelude, 0, b, i, n);
      preludeFill = n - i;
    }
  }

  return {
    feed(bytes: Uint8Array): void {
      if (!(bytes instanceof Uint8Array)) {
        throw new ConfigurationError("bytes", "feed() takes a Uint8Array of event-stream bytes.");
      }
      run(bytes);
    },
    end(): void {
      if (preludeFill > 0 || frame !== null) {
        const have = frame === null ? preludeFill : frameFill;
        const need = frame === null ? "a 12-byte prelude" : `${frameTotal} bytes`;
        throw new EventStreamError("truncated", `Event stream ended inside a frame (${have} of ${need})`, position);
      }
    },
  };
}

/**
 * The public decoders' `feed`/`end`/`reset` over the frame decoders `make` returns: after a failure every call is
 * refused until `reset()`, which starts afresh with a new one. (The runtime drops a decoder that failed, so it uses
 * the frame decoder as is.)
 * @internal
 */
export function resettable(make: () => FrameDecoder): EventStreamDecoder {
  let decoder = make();
  let failed = false;
  function guard(step: () => void): void {
    if (failed) throw new EventStreamError("invalid-state", "Event-stream decoder already failed; call reset() first", -1);
    try {
      step();
    } catch (error) {
      failed = true;
      throw error;
    }
  }
  return {
    feed(bytes: Uint8Array): void {
      // Not bytes at all: the frame decoder refuses it with a ConfigurationError that leaves the stream usable.
      if (!failed && !(bytes instanceof Uint8Array)) decoder.feed(bytes);
      guard(() => decoder.feed(bytes));
    },
    end(): void {
      guard(() => decoder.end());
    },
    reset(): void {
      decoder = make();
      failed = false;
    },
  };
}

/**
 * Creates a push decoder of AWS event-stream frames.
 *
 * `feed` and `end` throw an {@link EventStreamError} synchronously on malformed input (CRC mismatch, impossible
 * lengths, bad headers, limits exceeded, truncation); after that the decoder refuses input until `reset()`.
 *
 * @param options - `onMessage` receives each frame as soon as its last byte arrives; limits bound memory use.
 * @example
 * ```ts
 * const decoder = createEventStreamDecoder({ onMessage: (m) => console.log(m.headers[":event-type"]?.value) });
 * for await (const chunk of response.body!) decoder.feed(chunk);
 * decoder.end();
 * ```
 */
export function createEventStreamDecoder(options: EventStreamDecoderOptions): EventStreamDecoder {
  const onMessage = options?.onMessage;
  if (typeof onMessage !== "function") {
    throw new ConfigurationError(
      "onMessage",
      "createEventStreamDecoder needs an `onMessage` callback. Did you mean `createEventStreamDecoder({ onMessage: fn })`?",
    );
  }
  const checked = limits(options);
  return resettable(() =>
    createFrameDecoder(
      (b, i, headersEnd, end, at, maxName) =>
        onMessage({ headers: decodeHeaders(b, i + PRELUDE, headersEnd, at - i, maxName, readValue), payload: b.subarray(headersEnd, end) }, at),
      ...checked,
    ),
  );
}
