/**
 * Test helpers for the family mappers over the recorded Bedrock exchanges: decode a recorded event stream into
 * events, run a stream mapper over them, and fold the OpenAI deltas back into one answer. Shared by every family's
 * tests (import from "./helpers/recorded").
 */
import { createBedrockEventDecoder, type BedrockStreamEvent } from "../../../src/event-stream";
import type { MappedDelta, MapperOptions, StreamMapper } from "../../../src/families/types";
import { exchanges, streamBytes, type Exchange, type ExchangeIndexEntry } from "../../helpers/shared";

export type { Exchange };

/** Every recorded exchange with HTTP 200 for the given operations (and families, when given). */
export function recordings(operations: string[], families?: (family: string) => boolean): Exchange[] {
  return exchanges(
    (e: ExchangeIndexEntry) => e.status === 200 && operations.includes(e.operation) && (families ? families(e.family) : true),
  );
}

/** All `{ type, data }` events of a recorded event-stream body, decoded by the library's event-stream decoder. */
export function decodeRecordedStream(exchange: Exchange): BedrockStreamEvent[] {
  const events: BedrockStreamEvent[] = [];
  const decoder = createBedrockEventDecoder({ onEvent: (event) => events.push(event) });
  decoder.feed(streamBytes(exchange));
  decoder.end();
  return events;
}

/** For InvokeModelWithResponseStream recordings: the model's own JSON events (the decoded `chunk` payloads). */
export function recordedChunks(exchange: Exchange): Record<string, unknown>[] {
  return decodeRecordedStream(exchange)
    .filter((e) => e.type === "chunk")
    .map((e) => e.data as Record<string, unknown>);
}

/** Mapper options for a recording. */
export function optionsFor(exchange: Exchange, overrides: Partial<MapperOptions> = {}): MapperOptions {
  return {
    modelId: exchange.modelId ?? "unknown.unknown",
    dropParams: false,
    stream: exchange.operation.endsWith("stream"),
    ...overrides,
  };
}

/** Feeds every event to a mapper, then calls `end()`; returns all deltas in order. */
export function runStreamMapper(mapper: StreamMapper, events: unknown[]): MappedDelta[] {
  const out: MappedDelta[] = [];
  for (const event of events) out.push(...mapper.next(event));
  out.push(...mapper.end());
  return out;
}

/** The answer a client assembles from OpenAI deltas (tool calls grouped by `index`). */
export interface FoldedDeltas {
  content: string;
  reasoning: string;
  toolCalls: Array<{ id: string | undefined; name: string | undefined; arguments: string }>;
  finishReasons: string[];
  usage: MappedDelta["usage"][];
  roles: number;
}

export function foldDeltas(deltas: MappedDelta[]): FoldedDeltas {
  const folded: FoldedDeltas = { content: "", reasoning: "", toolCalls: [], finishReasons: [], usage: [], roles: 0 };
  for (const d of deltas) {
    if (d.role) folded.roles++;
    if (d.content !== undefined) folded.content += d.content;
    if (d.reasoning_content !== undefined) folded.reasoning += d.reasoning_content;
    for (const call of d.tool_calls ?? []) {
      const slot = (folded.toolCalls[call.index] ??= { id: undefined, name: undefined, arguments: "" });
      if (call.id !== undefined) slot.id = call.id;
      if (call.function?.name !== undefined) slot.name = call.function.name;
      if (call.function?.arguments !== undefined) slot.arguments += call.function.arguments;
    }
    if (d.finish_reason !== undefined) folded.finishReasons.push(d.finish_reason);
    if (d.usage !== undefined) folded.usage.push(d.usage);
  }
  return folded;
}

/** A short label for `it.each` titles. */
export function label(exchange: Exchange): string {
  return exchange.file;
}
