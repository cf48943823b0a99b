/**
 * OpenAI-style text completions (`prompt`, `max_tokens` → `object: "text_completion"`, `choices[].text`), the
 * format of Bedrock Marketplace / SageMaker-hosted endpoints served by TGI-like containers. Shape from
 * `exchanges/other-marketplace-sagemaker-endpoint/`.
 */
import { fromPrompt, num, strings } from "./common";
import { OPENAI_FINISH } from "./openai-chat";
import type { TextFamily } from "./types";

export const openAiCompletion: TextFamily = {
  kind: "text",
  name: "openai-completion",
  parse(body) {
    const stop = typeof body.stop === "string" ? [body.stop] : strings(body.stop);
    return { ...fromPrompt(body.prompt), tools: [], maxTokens: num(body.max_tokens), stopSequences: stop };
  },
  render(g) {
    return {
      object: "text_completion", id: "", created: 1700000000, model: "/opt/ml/model", system_fingerprint: "emulator",
      choices: [{ index: 0, text: ` ${g.text}`, logprobs: null, finish_reason: OPENAI_FINISH[g.stop] }],
      usage: { prompt_tokens: g.inputTokens, completion_tokens: g.outputTokens, total_tokens: g.inputTokens + g.outputTokens },
    };
  },
  events(g) {
    const events: Record<string, unknown>[] = g.pieces.map((text) => ({
      object: "text_completion", choices: [{ index: 0, text, logprobs: null, finish_reason: null }] }));
    events.push({ object: "text_completion", choices: [{ index: 0, text: "", logprobs: null, finish_reason: OPENAI_FINISH[g.stop] }],
      usage: { prompt_tokens: g.inputTokens, completion_tokens: g.outputTokens, total_tokens: g.inputTokens + g.outputTokens } });
    return events;
  },
};
