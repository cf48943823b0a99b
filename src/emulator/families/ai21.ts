/**
 * AI21 Labs: Jurassic-2 completions (`prompt`, `maxTokens` → `completions[].data.text`, no streaming) and Jamba
 * chat (`messages`, `max_tokens` → OpenAI-like `choices`, streamed as chunks with running `usage`).
 * Wire formats from `exchanges/ai21-j2/`, `exchanges/ai21-jamba/` and
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-jurassic2.html,
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-jamba.html
 */
import { words } from "../generate";
import type { Generation } from "../types";
import { fromPrompt, num, shortModelName, strings } from "./common";
import { OPENAI_FINISH, openAiToolCalls, parseChat } from "./openai-chat";
import type { TextFamily } from "./types";

function tokens(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let at = 0;
  for (const w of words(text)) {
    const start = text.indexOf(w, at);
    at = start + w.length;
    out.push({ generatedToken: { token: `\u2581${w}`, logprob: -1, raw_logprob: -1 }, topTokens: null, textRange: { start, end: at } });
  }
  return out;
}

function j2Finish(g: Generation): Record<string, unknown> {
  if (g.stop === "max_tokens") return { reason: "length", length: g.outputTokens };
  if (g.stop === "stop_sequence") return { reason: "stop", sequence: g.stopSequence };
  return { reason: "endoftext" };
}

export const ai21J2: TextFamily = {
  kind: "text",
  name: "ai21-j2",
  parse(body) {
    return { ...fromPrompt(body.prompt), tools: [], maxTokens: num(body.maxTokens), stopSequences: strings(body.stopSequences) };
  },
  render(g, ctx) {
    const prompt = typeof ctx.body.prompt === "string" ? ctx.body.prompt : "";
    return {
      id: 1234,
      prompt: { text: prompt, tokens: tokens(prompt) },
      completions: [{ data: { text: g.text, tokens: tokens(g.text) }, finishReason: j2Finish(g) }],
    };
  },
  // Jurassic-2 has no streaming on Bedrock; answer a stream request with the whole completion in one event.
  events(g, ctx) {
    return [ai21J2.render(g, ctx) as Record<string, unknown>];
  },
};

export const ai21Jamba: TextFamily = {
  kind: "text",
  name: "ai21-jamba",
  parse: parseChat,
  render(g, ctx) {
    return {
      id: `chatcmpl-${g.id}`,
      choices: [{ index: 0, message: { role: "assistant", content: g.text, tool_calls: openAiToolCalls(g) ?? null },
        finish_reason: OPENAI_FINISH[g.stop] }],
      usage: { prompt_tokens: g.inputTokens, completion_tokens: g.outputTokens, total_tokens: g.inputTokens + g.outputTokens },
      meta: { requestDurationMillis: 100 },
      model: shortModelName(ctx.modelId).replace(/-(\d+)-(\d+)-/, "-$1.$2-"),
    };
  },
  events(g) {
    const id = `chatcmpl-${g.id}`;
    const usage = (n: number) => ({ prompt_tokens: g.inputTokens, total_tokens: g.inputTokens + n, completion_tokens: n });
    const events: Record<string, unknown>[] = [
      { id, choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }], usage: usage(0) },
    ];
    let produced = 0;
    for (const content of g.pieces) {
      produced = Math.min(g.outputTokens, produced + words(content).length);
      events.push({ id, choices: [{ index: 0, delta: { content }, finish_reason: null }], usage: usage(produced) });
    }
    const toolCalls = openAiToolCalls(g);
    events.push({ id, choices: [{ index: 0, delta: toolCalls ? { content: "", tool_calls: toolCalls } : { content: "" },
      // stop_reason is the id of the token that ended generation (Jamba's end-of-turn token in the recording).
      finish_reason: OPENAI_FINISH[g.stop], stop_reason: g.stop === "end" ? 518 : null }], usage: usage(g.outputTokens),
      meta: { requestDurationMillis: 100 } });
    // Jamba sends the invocation metrics in a final chunk of their own (see the recording).
    events.push({});
    return events;
  },
};
