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
    const prompt = fromPrompt(body.inputText);
    // Titan prompts are often "User: ...\nBot:"; echo what the user said.
    const user = /User:\s*([\s\S]*?)(?:\n\s*Bot:|$)/.exec(prompt.allText);
    return { ...prompt, lastUserText: user?.[1]?.trim() ?? prompt.lastUserText, tools: [],
      maxTokens: num(config.maxTokenCount), stopSequences: strings(config.stopSequences) };
  },
  render(g) {
    return {
      inputTextTokenCount: g.inputTokens,
      results: [{ tokenCount: g.outputTokens, outputText: g.text, completionReason: REASON[g.stop] }],
    };
  },
  events(g) {
    // Titan streams few, large chunks: the first carries the input count, the last the totals and reason.
    const halves = g.pieces.length > 1 ? [g.pieces.slice(0, Math.ceil(g.pieces.length / 2)), g.pieces.slice(Math.ceil(g.pieces.length / 2))] : [g.pieces];
    return halves.map((pieces, i) => {
      const last = i === halves.length - 1;
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
