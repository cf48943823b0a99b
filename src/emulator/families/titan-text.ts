/**
 * Amazon Titan Text (`inputText`, `textGenerationConfig`). Wire format from `exchanges/amazon-titan-text/` and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-text.html
 */
import type { StopKind } from "../types";
import { fromPrompt, isObject, num, strings } from "./common";
import type { TextFamily } from "./types";

const REASON: Record<StopKind, string> = {
  end: "FINISH",
  max_tokens: "LENGTH",
  stop_sequence: "STOP_CRITERIA_MET",
  tool_use: "FINISH",
  guardrail: "CONTENT_FILTERED",
};

export const titanText: TextFamily = {
  kind: "text",
  name: "amazon-titan-text",
  parse(body) {
    const config = isObject(body.textGenerationConfig) ? body.textGenerationConfig : {};
    // Titan prompts are often a "User: …\nBot:" transcript; fromPrompt echoes the last user turn (templates.ts).
    return { ...fromPrompt(body.inputText), tools: [], maxTokens: num(config.maxTokenCount), stopSequences: strings(config.stopSequences) };
  },
  render(g) {
    return {
      inputTextTokenCount: g.inputTokens,
      results: [{ tokenCount: g.outputTokens, outputText: g.text, completionReason: REASON[g.stop] }],
    };
  },
  events(g) {
    // Titan streams few, large chunks (up to three): the first carries the input count, the last the totals and reason.
    const size = Math.max(1, Math.ceil(g.pieces.length / 3));
    const chunks: string[][] = [];
    for (let i = 0; i < g.pieces.length; i += size) chunks.push(g.pieces.slice(i, i + size));
    if (chunks.length === 0) chunks.push([]);
    return chunks.map((pieces, i) => {
      const last = i === chunks.length - 1;
      return {
        outputText: pieces.join(""),
        index: 0,
        totalOutputTextTokenCount: last ? g.outputTokens : null,
        completionReason: last ? REASON[g.stop] : null,
        inputTextTokenCount: i === 0 ? g.inputTokens : null,
      };
    });
  },
};
