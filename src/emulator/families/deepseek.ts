/**
 * DeepSeek-R1 on InvokeModel (`prompt`, `max_tokens`, `stop` → `choices[].text`, `stop_reason`).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-deepseek.html
 */
import type { Generation } from "../types";
import { fromPrompt, num, strings } from "./common";
import type { TextFamily } from "./types";

function reason(g: Generation): string {
  return g.stop === "max_tokens" ? "length" : "stop";
}

export const deepseek: TextFamily = {
  kind: "text",
  name: "deepseek",
  parse(body) {
    return { ...fromPrompt(body.prompt), tools: [], maxTokens: num(body.max_tokens), stopSequences: strings(body.stop) };
  },
  render(g) {
    return { choices: [{ text: g.text, stop_reason: reason(g) }] };
  },
  events(g) {
    const events: Record<string, unknown>[] = g.pieces.map((text) => ({ choices: [{ text, stop_reason: null }] }));
    events.push({ choices: [{ text: "", stop_reason: reason(g) }] });
    return events;
  },
};
