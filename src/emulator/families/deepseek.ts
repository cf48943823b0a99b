/**
 * DeepSeek-R1 on InvokeModel (`prompt`, `max_tokens`, `stop` → `choices[].text`, `stop_reason`).
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-deepseek.html
 *
 * R1's chat template ends the prompt with an open `<think>` block; the model then writes its reasoning, closes the
 * block and answers. So does the emulator: a short reasoning line about the user's last turn, `</think>`, a blank
 * line, then the answer.
 */
import type { Generation } from "../types";
import { fromPrompt, num, strings } from "./common";
import type { TextFamily } from "./types";

function reason(g: Generation): string {
  return g.stop === "max_tokens" ? "length" : "stop";
}

/** The reasoning that precedes the answer when the prompt opened a think block, else "". */
function reasoning(body: Record<string, unknown>): string {
  const prompt = typeof body.prompt === "string" ? body.prompt : "";
  const open = prompt.lastIndexOf("<think>");
  if (open < 0 || prompt.indexOf("</think>", open) >= 0) return "";
  const asked = fromPrompt(prompt).lastUserText.split(/\s+/).slice(0, 12).join(" ");
  return `The user wrote: ${asked}\n</think>\n\n`;
}

export const deepseek: TextFamily = {
  kind: "text",
  name: "deepseek",
  parse(body) {
    return { ...fromPrompt(body.prompt), tools: [], maxTokens: num(body.max_tokens), stopSequences: strings(body.stop) };
  },
  render(g, ctx) {
    return { choices: [{ text: reasoning(ctx.body) + g.text, stop_reason: reason(g) }] };
  },
  events(g, ctx) {
    const think = reasoning(ctx.body);
    const events: Record<string, unknown>[] = think === "" ? [] : [{ choices: [{ text: think, stop_reason: null }] }];
    for (const text of g.pieces) events.push({ choices: [{ text, stop_reason: null }] });
    events.push({ choices: [{ text: "", stop_reason: reason(g) }] });
    return events;
  },
};
