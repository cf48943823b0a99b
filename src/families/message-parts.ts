/**
 * OpenAI chat messages taken apart: the system prompt (system and developer messages) apart from the turns, content
 * as a list of parts or as plain text, and the errors for an unknown role or part type. All pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { CacheControl, ChatCompletionContentPart, ChatCompletionMessageParam } from "../api/chat-types";

/** A system prompt part, with the cache marker it carried. */
export interface SystemPart {
  text: string;
  cache_control?: CacheControl;
}

/**
 * Pulls every `system`/`developer` message out of the conversation (Bedrock takes the system prompt apart from the
 * turns). `index` in the remaining messages keeps the caller's original position, for error messages.
 */
export function extractSystem(messages: readonly ChatCompletionMessageParam[]): {
  system: SystemPart[];
  messages: Array<{ message: ChatCompletionMessageParam; index: number }>;
} {
  if (!Array.isArray(messages)) {
    throw new ConfigurationError("messages", "`messages` must be an array of chat messages.");
  }
  const system: SystemPart[] = [];
  const rest: Array<{ message: ChatCompletionMessageParam; index: number }> = [];
  messages.forEach((message, index) => {
    if (message === null || typeof message !== "object") {
      throw new ConfigurationError(`messages[${index}]`, `\`messages[${index}]\` must be an object with a \`role\`.`);
    }
    if (message.role === "system" || message.role === "developer") {
      if (typeof message.content === "string") {
        if (message.content !== "") system.push({ text: message.content });
      } else if (Array.isArray(message.content)) {
        for (const part of message.content) {
          if (part.type !== "text") {
            throw new ConfigurationError(
              `messages[${index}].content`,
              `\`messages[${index}]\` is a ${message.role} message: its content parts must be text.`,
            );
          }
          if (part.text === "") continue;
          system.push(part.cache_control ? { text: part.text, cache_control: part.cache_control } : { text: part.text });
        }
      } else {
        throw new ConfigurationError(`messages[${index}].content`, `\`messages[${index}].content\` must be a string or an array of text parts.`);
      }
    } else {
      rest.push({ message, index });
    }
  });
  return { system, messages: rest };
}

/** Content as a list of parts: a plain string becomes one text part; `null`/absent becomes no parts. */
export function contentParts(
  content: string | ChatCompletionContentPart[] | null | undefined,
  field: string,
): ChatCompletionContentPart[] {
  if (content === null || content === undefined) return [];
  if (typeof content === "string") return content === "" ? [] : [{ type: "text", text: content }];
  if (!Array.isArray(content)) {
    throw new ConfigurationError(field, `\`${field}\` must be a string or an array of content parts.`);
  }
  return content;
}

/**
 * Flattens OpenAI message content to plain text for families whose prompt is a single string. Text parts are
 * concatenated as they are (OpenAI treats them as one sequence); an image or file part is refused, naming the part,
 * because a text-only family would silently lose it.
 */
export function contentToText(
  content: string | ChatCompletionContentPart[] | null | undefined,
  field: string,
  family = "this",
): string {
  let text = "";
  contentParts(content, field).forEach((part, j) => {
    if (part.type === "text") text += part.text;
    else {
      throw new ConfigurationError(
        `${field}[${j}]`,
        `\`${field}[${j}]\` is a ${part.type} part, but the ${family} model family accepts text only. Send text, or use a model that accepts images/documents (e.g. via the Converse route).`,
      );
    }
  });
  return text;
}

/** The error for a message whose role is none of OpenAI's. */
export function roleError(message: unknown, index: number): ConfigurationError {
  const field = `messages[${index}].role`;
  return new ConfigurationError(field, `\`${field}\` is \`${String((message as { role?: unknown }).role)}\`; use system, developer, user, assistant or tool.`);
}

/** The error for a content part of no known type. */
export function partTypeError(part: unknown, field: string): ConfigurationError {
  return new ConfigurationError(field, `\`${field}\` has unknown type \`${String((part as { type?: unknown }).type)}\`; use text, image_url or file.`);
}
