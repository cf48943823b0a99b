/**
 * Anthropic Claude v2 / Instant legacy Text Completions (`prompt: "\n\nHuman: ...\n\nAssistant:"`,
 * `max_tokens_to_sample`). Wire format from the Claude v2 recordings in `exchanges/anthropic/` and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-text-completion.html
 */
import type { Generation } from "../types";
import { fromPrompt, num, strings } from "./common";
import type { TextFamily } from "./types";

function stop(g: Generation): { stop_reason: string; stop: string | null } {
  if (g.stop === "max_tokens") return { stop_reason: "max_tokens", stop: null };
  // A natural end is reported as hitting the implicit "\n\nHuman:" stop sequence, as the recordings show.
  return { stop_reason: "stop_sequence", stop: g.stopSequence ?? "\n\nHuman:" };
}

/** Claude v2 and v2.1 label their answers `type: "completion"`; Claude Instant does not (both recorded). */
function typed(modelId: string): { type?: string } {
  return /claude-instant/.test(modelId) ? {} : { type: "completion" };
}

export const anthropicText: TextFamily = {
  kind: "text",
  name: "anthropic-text",
  parse(body) {
    return { ...fromPrompt(body.prompt), tools: [], maxTokens: num(body.max_tokens_to_sample),
      stopSequences: strings(body.stop_sequences) };
  },
  render(g, ctx) {
    return { ...typed(ctx.modelId), completion: ` ${g.text}`, ...stop(g) };
  },
  events(g, ctx) {
    const events: Record<string, unknown>[] = g.pieces.map((piece, i) => ({
      ...typed(ctx.modelId), completion: i === 0 ? ` ${piece}` : piece, stop_reason: null, stop: null,
    }));
    events.push({ ...typed(ctx.modelId), completion: "", ...stop(g) });
    return events;
  },
};
