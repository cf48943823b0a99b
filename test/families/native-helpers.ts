/**
 * Test helpers for the native (InvokeModel) family mappers: the recorded exchanges of a family, their decoded stream
 * chunks, header token counts, running a stream mapper, and a path-level JSON diff for request round trips with an
 * explicit allow-list.
 */
import type { CompletionUsage } from "../../src/api/chat-types";
import type { ChatMapper, MappedDelta, MapperOptions } from "../../src/families/types";
import { type Exchange, exchanges, header } from "../helpers/shared";
import { recordedChunks } from "./helpers/recorded";

/** Every recorded invoke / invoke-with-response-stream exchange in the given family folders. */
export function invokeExchanges(...families: string[]): Exchange[] {
  return exchanges((e) => families.includes(e.family) && (e.operation === "invoke" || e.operation === "invoke-with-response-stream"));
}

/** The model's own JSON events of a recorded InvokeModelWithResponseStream body, in order (part A's decoder helper). */
export const chunkEvents: (exchange: Exchange) => Record<string, unknown>[] = recordedChunks;

/** The token counts Bedrock put in the InvokeModel response headers, when it did. */
export function headerCounts(exchange: Exchange): { inputTokenCount: number; outputTokenCount: number } | undefined {
  const input = header(exchange.response.headers, "x-amzn-bedrock-input-token-count");
  const output = header(exchange.response.headers, "x-amzn-bedrock-output-token-count");
  if (input === undefined || output === undefined) return undefined;
  return { inputTokenCount: Number(input), outputTokenCount: Number(output) };
}

/** Mapper options for a recorded exchange (header counts included for non-streamed responses). */
export function optionsFor(exchange: Exchange): MapperOptions {
  const stream = exchange.operation === "invoke-with-response-stream";
  const options: MapperOptions = { modelId: exchange.modelId ?? "", dropParams: false, stream };
  const counts = stream ? undefined : headerCounts(exchange);
  if (counts !== undefined) options.invocationMetrics = counts;
  return options;
}

/** Feeds every event to a fresh stream mapper and folds the deltas. */
export function runStream(family: ChatMapper, events: unknown[], options: MapperOptions) {
  const mapper = family.createStreamMapper(options);
  const deltas: MappedDelta[] = [];
  for (const event of events) deltas.push(...mapper.next(event));
  deltas.push(...mapper.end());
  const content = deltas.map((d) => d.content ?? "").join("");
  const reasoning = deltas.map((d) => d.reasoning_content ?? "").join("");
  const finishes = deltas.filter((d) => d.finish_reason !== undefined).map((d) => d.finish_reason);
  const usages = deltas.filter((d) => d.usage !== undefined).map((d) => d.usage as CompletionUsage);
  return { deltas, content, reasoning, finishes, usage: usages[usages.length - 1], roleFirst: deltas[0]?.role === "assistant" };
}

/** The recorded invocation metrics of a stream (the last chunk carrying them). */
export function streamMetrics(events: Record<string, unknown>[]): { inputTokenCount: number; outputTokenCount: number } | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const m = events[i]!["amazon-bedrock-invocationMetrics"] as { inputTokenCount: number; outputTokenCount: number } | undefined;
    if (m !== undefined) return m;
  }
  return undefined;
}

/** JSON paths where `a` and `b` differ (`a.b[0].c`); a missing member counts as a difference at its path. */
export function diffPaths(a: unknown, b: unknown, path = ""): string[] {
  if (Object.is(a, b)) return [];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [path];
    return a.flatMap((x, i) => diffPaths(x, b[i], `${path}[${i}]`));
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => diffPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k));
  }
  return [path];
}

/** One allowed difference between the body we build and a recorded one. */
export interface AllowedDiff {
  /** A substring of the recording's file name. */
  file: string;
  /** The JSON path that differs. */
  path: string;
  reason: string;
}

/**
 * The differing paths of one recording, split into allowed and unexpected. Also returns the allow-list entries for
 * this file that did not differ (stale entries), so the list cannot silently outgrow the code.
 */
export function checkRoundTrip(file: string, built: unknown, recorded: unknown, allow: readonly AllowedDiff[]) {
  const diffs = diffPaths(built, recorded);
  const mine = allow.filter((a) => file.includes(a.file));
  const unexpected = diffs.filter((d) => !mine.some((a) => a.path === d));
  const stale = mine.filter((a) => !diffs.includes(a.path));
  return { diffs, unexpected, stale };
}
