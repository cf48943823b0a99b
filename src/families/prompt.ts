/**
 * Helpers for the families whose native body is a single prompt string or a simple list of text turns (Titan,
 * AI21, Cohere, Llama, Mistral, DeepSeek): splitting the conversation into a system prompt and text turns,
 * refusing the OpenAI params a family cannot honour, usage from the body or the response headers, a generic stream
 * mapper, and a splitter that separates `<think>`-style reasoning from the answer. All pure.
 *
 * @module
 */
import { APIError, ConfigurationError } from "../errors";
import type { ChatCompletionCreateParamsBase, CompletionUsage, FinishReason } from "../api/chat-types";
import { isRecord } from "../internal/is-record";
import { checkN } from "./chat-params";
import { contentToText, extractSystem } from "./message-parts";
import { unsupportedParam } from "./params";
import { invocationMetricsUsage } from "./usage";
import type { MappedDelta, MapperOptions, StreamMapper } from "./types";

/** One conversation turn reduced to text. */
export interface TextTurn {
  role: "user" | "assistant";
  text: string;
}

/** The conversation of a text-only family: the system prompt (parts joined by a blank line) and the turns. */
export interface TextConversation {
  system: string | undefined;
  turns: TextTurn[];
  /** True when the last turn is the assistant's: the prompt must continue it (assistant pre-fill). */
  prefill: boolean;
}

/**
 * Reduces OpenAI messages to text turns for a family that only takes text. Tool messages and assistant tool calls
 * are refused with the field to fix: a prompt string has no place for them. Consecutive turns of the same role are
 * kept apart (each template decides how to join them).
 */
export function textConversation(params: ChatCompletionCreateParamsBase, family: string): TextConversation {
  const { system, messages } = extractSystem(params.messages);
  if (messages.length === 0) {
    throw new ConfigurationError("messages", "`messages` must contain at least one user message.");
  }
  const turns: TextTurn[] = [];
  for (const { message, index } of messages) {
    const field = `messages[${index}]`;
    if (message.role === "tool") {
      throw new ConfigurationError(
        field,
        `\`${field}\` is a tool result, but the ${family} model family has no tool support on the invoke route. Use the \`converse/\` route, or a model with tool use.`,
      );
    }
    if (message.role === "assistant") {
      if (message.tool_calls !== undefined && message.tool_calls.length > 0) {
        throw new ConfigurationError(
          `${field}.tool_calls`,
          `\`${field}.tool_calls\` cannot be sent to the ${family} model family on the invoke route (no tool support). Use the \`converse/\` route.`,
        );
      }
      turns.push({ role: "assistant", text: contentToText(message.content, `${field}.content`, family) });
    } else if (message.role === "user") {
      turns.push({ role: "user", text: contentToText(message.content, `${field}.content`, family) });
    } else {
      throw new ConfigurationError(`${field}.role`, `\`${field}.role\` must be one of system, developer, user, assistant, tool.`);
    }
  }
  if (turns[0]?.role !== "user") {
    throw new ConfigurationError("messages", `The ${family} model family needs the conversation to start with a user message (after any system messages).`);
  }
  return {
    system: system.length === 0 ? undefined : system.map((p) => p.text).join("\n\n"),
    turns,
    prefill: turns[turns.length - 1]!.role === "assistant",
  };
}

/**
 * A plain role-labelled transcript, for families without a chat template of their own (Titan, AI21 J2, Cohere
 * Command). A lone user message with no system prompt is sent as it is, so a one-shot question reaches the model
 * exactly as written; otherwise each turn is `Label: text` on its own line and the prompt ends with the assistant
 * label (or continues a final assistant turn: pre-fill).
 */
export function transcriptPrompt(conversation: TextConversation, labels: { user: string; assistant: string }): string {
  const { system, turns, prefill } = conversation;
  if (system === undefined && turns.length === 1 && turns[0]!.role === "user") return turns[0]!.text;
  const lines = turns.map((t) => `${t.role === "user" ? labels.user : labels.assistant}: ${t.text}`);
  const body = lines.join("\n") + (prefill ? "" : `\n${labels.assistant}:`);
  return system === undefined ? body : `${system}\n\n${body}`;
}

/** What a family supports among the OpenAI params that need it (everything else is common). */
export interface ParamSupport {
  stop?: boolean;
  seed?: boolean;
  topK?: boolean;
  penalties?: boolean;
  tools?: boolean;
  responseFormat?: boolean;
}

/**
 * Refuses (or, with `drop_params`, lets the caller drop) the OpenAI params this family cannot honour: `n` > 1,
 * and whichever of tools/tool_choice, stop, seed, top_k, presence/frequency penalties and response_format it lacks.
 * Returns the names to leave out of the body.
 */
export function checkParams(params: ChatCompletionCreateParamsBase, family: string, options: MapperOptions, support: ParamSupport): Set<string> {
  const drop = new Set<string>();
  const refuse = (name: string): void => {
    unsupportedParam(name, family, options.dropParams);
    drop.add(name);
  };
  checkN(params, family, options.dropParams);
  if (!support.tools) {
    if (params.tools !== undefined && params.tools.length > 0) refuse("tools");
    if (params.tool_choice !== undefined && params.tool_choice !== "none") refuse("tool_choice");
  }
  if (!support.stop && params.stop != null && !(Array.isArray(params.stop) && params.stop.length === 0)) refuse("stop");
  if (!support.seed && params.seed != null) refuse("seed");
  if (!support.topK && params.top_k !== undefined) refuse("top_k");
  if (!support.penalties) {
    if (params.presence_penalty != null) refuse("presence_penalty");
    if (params.frequency_penalty != null) refuse("frequency_penalty");
  }
  if (!support.responseFormat && params.response_format !== undefined && params.response_format.type !== "text") refuse("response_format");
  return drop;
}

/** Copies the defined entries of `fields` onto `body` (JSON has no `undefined`). */
export function assignDefined(body: Record<string, unknown>, fields: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(fields)) if (value != null) body[key] = value;
  return body;
}

/** Bedrock marks a response its guardrail changed or blocked with this member beside the model's own fields. */
export function guardrailIntervened(body: unknown): boolean {
  return isRecord(body) && body["amazon-bedrock-guardrailAction"] === "INTERVENED";
}

/** What one native stream event says, for {@link createTextStreamMapper}. */
export interface TextStreamStep {
  content?: string | undefined;
  reasoning_content?: string | undefined;
  tool_calls?: MappedDelta["tool_calls"] | undefined;
  /** The model's stop reason, already mapped. */
  finish_reason?: FinishReason | undefined;
  /** Usage the event itself carries (body counts); the invocation metrics of the last chunk are read regardless. */
  usage?: CompletionUsage | undefined;
}

/**
 * A stream mapper for the families whose events each carry some text and, at the end, a stop reason. Content
 * deltas are emitted as they come (the first with `role: "assistant"`); the finish reason and usage are emitted once,
 * from `end()`, because several families send the usage in a separate, later event
 * (`amazon-bedrock-invocationMetrics`). A guardrail intervention on any event makes the finish `content_filter`
 * (Converse reports the same case as `guardrail_intervened`). `end()` throws when no event said the answer was
 * complete: a stream cut short must not look like a clean `stop`.
 */
export function createTextStreamMapper(family: string, step: (event: Record<string, unknown>) => TextStreamStep): StreamMapper {
  let started = false;
  let finish: FinishReason | undefined;
  let usage: CompletionUsage | undefined;
  let metrics: CompletionUsage | undefined;
  let filtered = false;
  return {
    next(event) {
      if (!isRecord(event)) return [];
      if (guardrailIntervened(event)) filtered = true;
      metrics = invocationMetricsUsage(event) ?? metrics;
      const s = step(event);
      if (s.finish_reason !== undefined) finish = s.finish_reason;
      if (s.usage !== undefined) usage = s.usage;
      const delta: MappedDelta = {};
      if (s.content !== undefined && s.content !== "") delta.content = s.content;
      if (s.reasoning_content !== undefined && s.reasoning_content !== "") delta.reasoning_content = s.reasoning_content;
      if (s.tool_calls !== undefined && s.tool_calls.length > 0) delta.tool_calls = s.tool_calls;
      if (Object.keys(delta).length === 0 && started) return [];
      if (!started) {
        started = true;
        return [{ role: "assistant", ...delta }];
      }
      return [delta];
    },
    end() {
      if (finish === undefined && !filtered) {
        throw new APIError(`The ${family} response stream ended before the model's final event.`, { code: "IncompleteStream" });
      }
      const last: MappedDelta = { finish_reason: filtered ? "content_filter" : finish! };
      const u = metrics ?? usage;
      if (u !== undefined) last.usage = u;
      return started ? [last] : [{ role: "assistant", ...last }];
    },
  };
}

/**
 * Splits text into reasoning and answer around a closing tag (`</think>` for DeepSeek R1, whose prompt opens the
 * `<think>` block; `</reasoning>` for gpt-oss), across stream chunks: a tag split over two chunks is held back until
 * it is complete. Everything before the closing tag is reasoning (an opening tag, if the model repeats it, is
 * dropped); everything after is the answer. A text with an opening tag but no closing one stays reasoning; a text
 * with neither tag is all answer only when `startsInReasoning` is false. Whitespace between the closing tag and the
 * answer is dropped, so the streamed and the whole-text forms agree.
 */
export function createReasoningSplitter(open: string, close: string, startsInReasoning: boolean) {
  let inReasoning = startsInReasoning;
  let done = false;
  let buffer = "";
  let atStart = true;
  let answerStarted = false;
  // Whether `text` ends with a proper prefix of `tag` (which must then wait for the next chunk).
  const heldBack = (text: string, tag: string): number => {
    for (let k = Math.min(tag.length - 1, text.length); k > 0; k--) if (text.endsWith(tag.slice(0, k))) return k;
    return 0;
  };
  return {
    push(chunk: string): { reasoning: string; content: string } {
      let text = buffer + chunk;
      buffer = "";
      let reasoning = "";
      let content = "";
      while (text !== "") {
        if (done) {
          // The answer conventionally follows the closing tag after a blank line; drop it, across chunks.
          if (content === "" && !answerStarted) text = text.replace(/^\s+/, "");
          if (text !== "") answerStarted = true;
          content += text;
          break;
        }
        if (atStart) {
          const trimmed = text.trimStart();
          if (trimmed.length < open.length && open.startsWith(trimmed)) {
            buffer = text;
            break;
          }
          atStart = false;
          if (trimmed.startsWith(open)) {
            inReasoning = true;
            text = trimmed.slice(open.length);
            continue;
          }
        }
        if (!inReasoning) {
          done = true;
          continue;
        }
        const at = text.indexOf(close);
        if (at >= 0) {
          reasoning += text.slice(0, at);
          text = text.slice(at + close.length);
          inReasoning = false;
          done = true;
          continue;
        }
        const hold = heldBack(text, close);
        reasoning += text.slice(0, text.length - hold);
        buffer = text.slice(text.length - hold);
        break;
      }
      return { reasoning, content };
    },
    /** Flushes a held-back partial tag as plain text. */
    flush(): { reasoning: string; content: string } {
      const rest = buffer;
      buffer = "";
      return inReasoning && !done ? { reasoning: rest, content: "" } : { reasoning: "", content: rest };
    },
  };
}

/** Whole-text form of {@link createReasoningSplitter}. */
export function splitReasoning(text: string, open: string, close: string, startsInReasoning: boolean): { reasoning: string; content: string } {
  const splitter = createReasoningSplitter(open, close, startsInReasoning);
  const a = splitter.push(text);
  const b = splitter.flush();
  return { reasoning: a.reasoning + b.reasoning, content: a.content + b.content };
}
