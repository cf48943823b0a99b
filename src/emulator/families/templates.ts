/**
 * The last user turn of a prompt written in a model's chat template, so that the echo answers what the user said
 * rather than the template. Understood, most specific first (the library writes these in src/families/):
 *
 * | template | user turn | ends at |
 * |---|---|---|
 * | DeepSeek-R1 | `<｜User｜>` | `<｜Assistant｜>` |
 * | Llama 4 | `<\|header_start\|>user<\|header_end\|>` | `<\|eot\|>` |
 * | Llama 3.x | `<\|start_header_id\|>user<\|end_header_id\|>` | `<\|eot_id\|>` |
 * | ChatML (Qwen and others) | `<\|im_start\|>user` | `<\|im_end\|>` |
 * | Llama 2 Chat, Mistral | `[INST]` (a `<<SYS>>` block removed) | `[/INST]` |
 * | Claude text completions | `Human:` | `Assistant:` |
 * | transcripts: Titan (`User:`/`Bot:`), AI21 Jurassic-2 (`User:`/`Assistant:`), Cohere Command (`User:`/`Chatbot:`) | `User:` at a line start | the next `Bot:`/`Assistant:`/`Chatbot:` line |
 *
 * A prompt in none of them is the user's text as it is. Template: DeepSeek-R1's tokenizer configuration on Hugging
 * Face, https://www.llama.com/docs/model-cards-and-prompt-formats/ (Llama 2, 3 and 4),
 * https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-anthropic-claude-text-completion.html and
 * the Titan prompt-engineering guidelines.
 */

interface Template {
  /** Where a user turn starts (the last occurrence is taken). */
  start: RegExp;
  /** Where that turn ends, searched after its start. */
  end: RegExp;
  /** Removed from the turn before it is returned. */
  strip?: RegExp;
}

// DeepSeek-R1's markers use FULLWIDTH VERTICAL LINE (U+FF5C) and LOWER ONE EIGHTH BLOCK (U+2581), not ASCII.
const TEMPLATES: readonly Template[] = [
  { start: /<\uFF5CUser\uFF5C>/g, end: /<\uFF5CAssistant\uFF5C>|<\uFF5Cend\u2581of\u2581sentence\uFF5C>/ },
  { start: /<\|header_start\|>user<\|header_end\|>/g, end: /<\|eot\|>|<\|header_start\|>/ },
  { start: /<\|start_header_id\|>user<\|end_header_id\|>/g, end: /<\|eot_id\|>|<\|start_header_id\|>/ },
  { start: /<\|im_start\|>user/g, end: /<\|im_end\|>|<\|im_start\|>/ },
  { start: /\[INST\]/g, end: /\[\/INST\]/, strip: /<<SYS>>[\s\S]*?<<\/SYS>>/ },
  { start: /(?:^|\n)\s*Human:/g, end: /\n\s*Assistant:/ },
  { start: /(?:^|\n)User:/g, end: /\n(?:Bot|Assistant|Chatbot):/ },
];

// Special tokens that may be left around a turn: `<|…|>`, `<｜…｜>`, `<s>`, `</s>`.
const LEFTOVER_TOKENS = /<\|[^|>]*\|>|<\uFF5C[^\uFF5C>]*\uFF5C>|<\/?s>/g;

function lastMatch(text: string, pattern: RegExp): { index: number; length: number } | undefined {
  let found: { index: number; length: number } | undefined;
  for (const m of text.matchAll(pattern)) found = { index: m.index, length: m[0].length };
  return found;
}

/** The text of the last user turn of `prompt` (see the table in this module's comment). */
export function lastUserTurn(prompt: string): string {
  for (const template of TEMPLATES) {
    const start = lastMatch(prompt, template.start);
    if (start === undefined) continue;
    let turn = prompt.slice(start.index + start.length);
    const end = template.end.exec(turn);
    if (end !== null) turn = turn.slice(0, end.index);
    if (template.strip) turn = turn.replace(template.strip, " ");
    return turn.replace(LEFTOVER_TOKENS, " ").trim();
  }
  return prompt.replace(LEFTOVER_TOKENS, " ").trim();
}
