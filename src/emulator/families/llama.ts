/**
 * Meta Llama 2/3 (`prompt`, `max_gen_len` → `generation`, `prompt_token_count`, `generation_token_count`,
 * `stop_reason`). Llama's tool use on Bedrock is prompt-formatted text, not a wire field, so the emulator answers
 * Llama in text only. Wire format from `exchanges/meta-llama/` and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-meta.html
 */
import { words } from "../generate";
import type { Generation } from "../types";
import { fromPrompt, num } from "./common";
import type { TextFamily } from "./types";

function reason(g: Generation): string {
  return g.stop === "max_tokens" ? "length" : "stop";
}

export const llama: TextFamily = {
  kind: "text",
  name: "meta-llama",
  parse(body) {
    return { ...fromPrompt(body.prompt), tools: [], maxTokens: num(body.max_gen_len), stopSequences: [] };
  },
  render(g) {
    return { generation: g.text, prompt_token_count: g.inputTokens, generation_token_count: g.outputTokens, stop_reason: reason(g) };
  },
  events(g) {
    let produced = 0;
    const events: Record<string, unknown>[] = g.pieces.map((generation, i) => {
      produced += words(generation).length;
      return { generation, prompt_token_count: i === 0 ? g.inputTokens : null, generation_token_count: produced, stop_reason: null };
    });
    events.push({ generation: "", prompt_token_count: null, generation_token_count: g.outputTokens, stop_reason: reason(g) });
    return events;
  },
};
