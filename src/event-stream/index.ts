/**
 * @module
 * The AWS event-stream binary format (`application/vnd.amazon.eventstream`): a streaming frame decoder as a closure
 * and as a `TransformStream`, a frame encoder, CRC32, and the Bedrock Runtime layer that turns frames into
 * `{ type, data }` events and exception frames into typed errors. Web-standard APIs only.
 */
export type { EventStreamDecoder, EventStreamDecoderOptions, EventStreamHeaderValue, EventStreamMessage } from "./types";
export { EventStreamError, isEventStreamError } from "./errors";
export type { EventStreamErrorType } from "./errors";
export { crc32 } from "./crc32";
export { createEventStreamDecoder } from "./decoder";
export { EventStreamDecoderStream } from "./stream";
export { encodeEventStreamMessage } from "./encoder";
export type { EventStreamMessageInput } from "./encoder";
export { BedrockEventStream, createBedrockEventDecoder, decodeBedrockEvent } from "./bedrock";
export type { BedrockEventDecoderOptions, BedrockStreamEvent } from "./bedrock";
