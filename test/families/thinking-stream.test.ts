/**
 * Streamed Claude thinking: every piece of a thinking block reaches the OpenAI deltas, so a client can rebuild the
 * block, signature included, and send it back in the next turn (Bedrock refuses a thinking block without its
 * signature). Checked over every recorded ConverseStream that carries `reasoningContent` (text, signature and
 * redacted deltas), through `createBedrock().completion({ stream: true })` on a recording, and on the native Claude
 * stream with events shaped as Anthropic documents them
 * (https://docs.anthropic.com/en/docs/build-with-claude/extended-thinking#streaming-thinking).
 */
import { describe, expect, it } from "vitest";
import { createBedrock } from "../../src/index";
import { buildAnthropicMessagesRequest } from "../../src/families/anthropic-messages";
import { createAnthropicStreamMapper } from "../../src/families/anthropic-messages-stream";
import { buildConverseRequest } from "../../src/families/converse";
import { createConverseStreamMapper } from "../../src/families/converse-stream";
import type { MappedDelta } from "../../src/families/types";
import type { ThinkingBlock } from "../../src/api/chat-types";
import { hasShared, streamBytes } from "../helpers/shared";
import { decodeRecordedStream, recordings, runStreamMapper } from "./helpers/recorded";

type Rec = Record<string, unknown>;

/** What a client does with the pieces: text joins the open thinking block, a signature closes it, redacted stands alone. */
function rebuild(pieces: readonly ThinkingBlock[]): ThinkingBlock[] {
  const blocks: ThinkingBlock[] = [];
  let open: Extract<ThinkingBlock, { type: "thinking" }> | undefined;
  for (const piece of pieces) {
    if (piece.type === "redacted_thinking") {
      blocks.push(piece);
      continue;
    }
    if (!open) blocks.push((open = { type: "thinking", thinking: "" }));
    open.thinking += piece.thinking;
    if (piece.signature !== undefined) {
      open.signature = piece.signature;
      open = undefined;
    }
  }
  return blocks;
}

const piecesOf = (deltas: readonly MappedDelta[]): ThinkingBlock[] => deltas.flatMap((d) => d.thinking_blocks ?? []);

/** The reasoning blocks as the model sent them, by content block index, from the raw ConverseStream events. */
function sentBlocks(events: ReadonlyArray<{ type: string; data: unknown }>): Rec[] {
  const byIndex = new Map<number, { text: string; signature?: string; redacted: string[] }>();
  for (const { type, data } of events) {
    const reasoning = ((data as Rec).delta as Rec | undefined)?.reasoningContent as Rec | undefined;
    if (type !== "contentBlockDelta" || !reasoning) continue;
    const index = (data as Rec).contentBlockIndex as number;
    const block = byIndex.get(index) ?? { text: "", redacted: [] };
    byIndex.set(index, block);
    if (typeof reasoning.text === "string") block.text += reasoning.text;
    if (typeof reasoning.signature === "string") block.signature = reasoning.signature;
    if (typeof reasoning.redactedContent === "string") block.redacted.push(reasoning.redactedContent);
  }
  return [...byIndex.values()].flatMap((b): Rec[] =>
    b.redacted.length > 0
      ? b.redacted.map((data) => ({ reasoningContent: { redactedContent: data } }))
      : [{ reasoningContent: { reasoningText: b.signature === undefined ? { text: b.text } : { text: b.text, signature: b.signature } } }],
  );
}

const reasoningStreams = recordings(["converse-stream"])
  .map((exchange) => ({ exchange, events: decodeRecordedStream(exchange) }))
  .filter(({ events }) => events.some((e) => e.type === "contentBlockDelta" && "reasoningContent" in (((e.data as Rec).delta as Rec) ?? {})));

describe.skipIf(!hasShared)("streamed thinking over the recorded ConverseStream responses", () => {
  it("the recordings include signed and redacted thinking", () => {
    const kinds = reasoningStreams.flatMap(({ events }) => sentBlocks(events).map((b) => Object.keys((b.reasoningContent as Rec).reasoningText ?? {}).join("+") || "redacted"));
    expect(kinds).toContain("text+signature");
    expect(kinds).toContain("redacted");
  });

  for (const { exchange, events } of reasoningStreams) {
    it(`${exchange.file}: the pieces rebuild every block, and the rebuilt blocks go back as the model sent them`, () => {
      const deltas = runStreamMapper(createConverseStreamMapper(), events);
      const pieces = piecesOf(deltas);
      // reasoning_content still carries the text, piece for piece.
      const text = deltas.map((d) => d.reasoning_content ?? "").join("");
      expect(pieces.map((p) => (p.type === "thinking" ? p.thinking : "")).join("")).toBe(text);
      const blocks = rebuild(pieces);
      const next = buildConverseRequest(
        {
          model: exchange.modelId!,
          messages: [
            { role: "user", content: "q" },
            { role: "assistant", content: "a", thinking_blocks: blocks },
            { role: "user", content: "and then?" },
          ],
        },
        { modelId: exchange.modelId!, dropParams: false, stream: true },
      ) as { messages: Array<{ content: Rec[] }> };
      const sentBack = next.messages[1]!.content.filter((b) => "reasoningContent" in b);
      expect(sentBack).toEqual(sentBlocks(events));
    });
  }

  it("completion({ stream: true }) puts the pieces on the chunks, signature included", async () => {
    const exchange = reasoningStreams.find(({ events }) => JSON.stringify(events).includes('"signature"'))!.exchange;
    const bytes = streamBytes(exchange);
    const bedrock = createBedrock({
      region: "us-east-1",
      apiKey: "test-key",
      env: {},
      fetch: async () => new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { "content-type": "application/vnd.amazon.eventstream" } }),
    });
    const stream = await bedrock.completion({ model: exchange.modelId!, messages: [{ role: "user", content: "q" }], stream: true });
    const pieces: ThinkingBlock[] = [];
    let reasoning = "";
    for await (const chunk of stream) {
      pieces.push(...(chunk.choices[0]?.delta.thinking_blocks ?? []));
      reasoning += chunk.choices[0]?.delta.reasoning_content ?? "";
    }
    const [block] = rebuild(pieces);
    expect(block).toMatchObject({ type: "thinking", thinking: reasoning });
    expect(block?.type === "thinking" && block.signature).toMatch(/^[A-Za-z0-9+/=]{40,}$/);
  });
});

describe("streamed thinking on the native Claude stream (documented event shapes)", () => {
  const events = [
    { type: "message_start", message: { role: "assistant", usage: { input_tokens: 10, output_tokens: 1 } } },
    { type: "content_block_start", index: 0, content_block: { type: "thinking", thinking: "" } },
    { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: "Let me work" } },
    { type: "content_block_delta", index: 0, delta: { type: "thinking_delta", thinking: " this out." } },
    { type: "content_block_delta", index: 0, delta: { type: "signature_delta", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds" } },
    { type: "content_block_stop", index: 0 },
    { type: "content_block_start", index: 1, content_block: { type: "redacted_thinking", data: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP" } },
    { type: "content_block_stop", index: 1 },
    { type: "content_block_start", index: 2, content_block: { type: "text", text: "" } },
    { type: "content_block_delta", index: 2, delta: { type: "text_delta", text: "42." } },
    { type: "content_block_stop", index: 2 },
    { type: "message_delta", delta: { stop_reason: "end_turn" }, usage: { output_tokens: 30 } },
    { type: "message_stop" },
  ];

  it("emits the thinking text, the signature and the redacted block as pieces, and they go back unchanged", () => {
    const deltas = runStreamMapper(createAnthropicStreamMapper(), events);
    expect(deltas.map((d) => d.reasoning_content ?? "").join("")).toBe("Let me work this out.");
    expect(deltas.map((d) => d.content ?? "").join("")).toBe("42.");
    const blocks = rebuild(piecesOf(deltas));
    expect(blocks).toEqual([
      { type: "thinking", thinking: "Let me work this out.", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds" },
      { type: "redacted_thinking", data: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP" },
    ]);
    const body = buildAnthropicMessagesRequest(
      {
        model: "anthropic.claude-3-7-sonnet-20250219-v1:0",
        messages: [
          { role: "user", content: "q" },
          { role: "assistant", content: "42.", thinking_blocks: blocks },
          { role: "user", content: "why?" },
        ],
      },
      { modelId: "anthropic.claude-3-7-sonnet-20250219-v1:0", dropParams: false, stream: true },
    ) as { messages: Array<{ content: Rec[] }> };
    expect(body.messages[1]!.content.slice(0, 2)).toEqual([
      { type: "thinking", thinking: "Let me work this out.", signature: "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds" },
      { type: "redacted_thinking", data: "EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP" },
    ]);
  });
});
