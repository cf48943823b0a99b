/**
 * Event-stream bodies as Bedrock sends them. InvokeModelWithResponseStream: one `chunk` frame per model event with
 * payload `{"bytes": base64(event JSON), "p": padding}`; ConverseStream: one frame per event named by
 * `:event-type`, the event's JSON plus `p`. Exception frames carry `:message-type exception` and
 * `:exception-type`. (Recordings in `exchanges/<family>/invoke-with-response-stream/`; frame layout
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_InvokeModelWithResponseStream.html.)
 *
 * The body is a pull stream: frames are produced as the reader asks, so backpressure and cancellation reach it.
 */
import { encodeEventStreamMessage } from "../event-stream/index";
import { toBase64, utf8 } from "./bytes";

const PAD_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/** Padding of a varying, deterministic length, like the `p` field Bedrock adds against length side channels. */
export function padding(index: number): string {
  return PAD_ALPHABET.slice(0, ((index * 37 + 11) % 60) + 1);
}

/** A `chunk` frame wrapping one native model event. */
export function chunkFrame(event: unknown, index: number): Uint8Array {
  const payload = JSON.stringify({ bytes: toBase64(utf8(JSON.stringify(event))), p: padding(index) });
  return encodeEventStreamMessage({
    headers: { ":event-type": "chunk", ":content-type": "application/json", ":message-type": "event" },
    payload,
  });
}

/** A ConverseStream event frame. */
export function converseFrame(eventType: string, event: Record<string, unknown>, index: number): Uint8Array {
  return encodeEventStreamMessage({
    headers: { ":event-type": eventType, ":content-type": "application/json", ":message-type": "event" },
    payload: JSON.stringify({ ...event, p: padding(index) }),
  });
}

/** An exception frame, e.g. `throttlingException` with `{"message": ...}`. */
export function exceptionFrame(exceptionType: string, message: string): Uint8Array {
  return encodeEventStreamMessage({
    headers: { ":exception-type": exceptionType, ":content-type": "application/json", ":message-type": "exception" },
    payload: JSON.stringify({ message }),
  });
}

/** Splits a recorded event-stream body into its frames (by each prelude's total length). */
export function splitFrames(bytes: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 4 <= bytes.length) {
    const length = view.getUint32(at);
    if (length < 16 || at + length > bytes.length) break;
    frames.push(bytes.subarray(at, at + length));
    at += length;
  }
  if (at < bytes.length) frames.push(bytes.subarray(at));
  return frames;
}

/** How a stream body misbehaves (see the fault spec). */
export interface StreamShape {
  /** Wait this long before every frame after the first. */
  dripMs?: number | undefined;
  /** After this many frames, send an exception frame and end. */
  errorAfter?: { frames: number; type: string; message: string } | undefined;
  /** After this many frames, send half of the next frame and end (a connection cut mid-frame). */
  cutAfter?: number | undefined;
  sleep: (ms: number) => Promise<void>;
}

/** A pull-based body sending `frames` shaped by `shape`. */
export function frameStream(frames: readonly Uint8Array[], shape: StreamShape): ReadableStream<Uint8Array> {
  const out: Uint8Array[] = [];
  const limit = Math.min(frames.length, shape.errorAfter?.frames ?? Infinity, shape.cutAfter ?? Infinity);
  out.push(...frames.slice(0, limit));
  if (shape.cutAfter !== undefined && shape.cutAfter <= (shape.errorAfter?.frames ?? Infinity)) {
    const next = frames[limit] ?? exceptionFrame("internalServerException", "cut");
    out.push(next.subarray(0, Math.max(1, Math.floor(next.length / 2))));
  } else if (shape.errorAfter !== undefined) {
    out.push(exceptionFrame(shape.errorAfter.type, shape.errorAfter.message));
  }
  let i = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (i >= out.length) {
          controller.close();
          return;
        }
        if (i > 0 && shape.dripMs !== undefined && shape.dripMs > 0) await shape.sleep(shape.dripMs);
        controller.enqueue(out[i++]!);
        if (i >= out.length) controller.close();
      },
    },
    { highWaterMark: 0 },
  );
}
