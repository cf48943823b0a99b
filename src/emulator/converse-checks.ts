/**
 * What Bedrock refuses in a Converse request that the service model allows: a conversation without a turn, tool blocks without a `toolConfig`, and what the model cannot take (per its Converse features in
 * catalog-data.ts): system prompts, tools, streamed tools, a forced tool choice, images, documents, video and S3
 * links. Then the body Converse builds for the model is checked by the model's own schema (native-schemas.ts):
 * `additionalModelRequestFields` members the model does not know, and the content it cannot take.
 *
 * Messages as Bedrock words them, from its answers in `exchanges/` (video and S3 links sent to Claude Sonnet 4.5, a
 * document in a Nova tool result) and quoted in public bug reports ("This model doesn't support tool use.",
 * "This model doesn't support tool use in streaming mode.", "This model doesn't support the
 * toolConfig.toolChoice.any field. Remove toolConfig.toolChoice.any and try again.", "This model doesn't support
 * system messages. Try again without a system message or use a model that supports system messages.", "This model
 * doesn't support the image content block that you provided. Update the content block and try again.", "The
 * toolConfig field must be defined when using toolUse and toolResult content blocks.").
 */
import { validation } from "./aws-error";
import type { ConverseFeatures } from "./catalog-data";
import { isObject } from "./families/common";
import { malformedMessage, nativeViolations } from "./native-schema";
import { nativeSchema } from "./native-schemas";

/** Bedrock's prefix for what the model itself refused. */
export const MODEL_ERRORS = "The model returned the following errors: ";

const START_WITH_USER = "A conversation must start with a user message. Try again with a conversation that starts with a user message.";

function unsupportedBlock(kind: string): string {
  return `This model doesn't support the ${kind} content block that you provided. Update the content block and try again.`;
}

interface Block {
  block: Record<string, unknown>;
  message: number;
  index: number;
  /** Set for a block inside a tool result. */
  inToolResult: boolean;
}

/** Every content block of the conversation, tool-result contents included, in order. */
function blocks(messages: unknown[]): Block[] {
  const out: Block[] = [];
  messages.forEach((m, message) => {
    const content = isObject(m) && Array.isArray(m.content) ? m.content : [];
    content.forEach((block, index) => {
      if (!isObject(block)) return;
      out.push({ block, message, index, inToolResult: false });
      const result = block.toolResult;
      if (isObject(result) && Array.isArray(result.content)) {
        for (const inner of result.content) if (isObject(inner)) out.push({ block: inner, message, index, inToolResult: true });
      }
    });
  });
  return out;
}

function s3Source(media: unknown): boolean {
  return isObject(media) && isObject(media.source) && media.source.s3Location !== undefined;
}

function checkFeatures(body: Record<string, unknown>, features: ConverseFeatures, streaming: boolean, anthropic: boolean): void {
  if (streaming && !features.stream) throw validation("The model is unsupported for streaming.");
  if (Array.isArray(body.system) && body.system.length > 0 && !features.system) {
    throw validation("This model doesn't support system messages. Try again without a system message or use a model that supports system messages.");
  }
  const toolConfig = isObject(body.toolConfig) ? body.toolConfig : undefined;
  if (toolConfig !== undefined) {
    if (!features.tools) throw validation("This model doesn't support tool use.");
    if (streaming && !features.streamTools) throw validation("This model doesn't support tool use in streaming mode.");
    const choice = isObject(toolConfig.toolChoice) ? toolConfig.toolChoice : {};
    for (const kind of ["any", "tool"] as const) {
      const allowed = features.toolChoice === "all" || (kind === "any" && features.toolChoice === "any");
      if (choice[kind] !== undefined && !allowed) {
        throw validation(`This model doesn't support the toolConfig.toolChoice.${kind} field. Remove toolConfig.toolChoice.${kind} and try again.`);
      }
    }
  }
  const all = blocks(Array.isArray(body.messages) ? body.messages : []);
  for (const { block } of all) {
    if (block.image !== undefined && !features.vision) throw validation(unsupportedBlock("image"));
    if (block.document !== undefined && !features.documents) throw validation(unsupportedBlock("document"));
    if (block.video !== undefined && !features.video) throw validation(unsupportedBlock("video"));
  }
  if (features.s3) return;
  for (const { block, message, index, inToolResult } of all) {
    // Claude receives an S3 document as a source without a type, and says so in its own words.
    if (anthropic && !inToolResult && s3Source(block.document)) {
      throw validation(`${MODEL_ERRORS}messages.${message}.content.${index}.document.source.type: Field required`);
    }
    if (s3Source(block.image) || s3Source(block.document) || s3Source(block.video)) {
      throw validation("This model doesn't support the s3Uri field. Remove s3Uri and try again.");
    }
  }
}

/** Nova takes text, JSON, images and video in a tool result, not documents: its schema then rejects the whole block. */
function checkNovaToolResults(messages: unknown[]): void {
  for (const { block, message, index, inToolResult } of blocks(messages)) {
    if (inToolResult && block.document !== undefined) {
      throw validation(MODEL_ERRORS + malformedMessage([`#/messages/${message}/content/${index}: extraneous key [toolResult] is not permitted`]));
    }
  }
}

/**
 * Refuses the Converse request `body` as Bedrock would for a model with `features` (undefined: an ARN whose model
 * is unknown, checked only for what every model refuses) served by the native `family` (`baseModelId` picks the
 * family's schema variant).
 */
export function checkConverse(body: Record<string, unknown>, features: ConverseFeatures | undefined, family: string, baseModelId: string, streaming: boolean): void {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  // A first turn of the assistant's is accepted (recorded for Claude Sonnet 4.5); no turn at all is not.
  if (messages.length === 0) throw validation(START_WITH_USER);
  const toolBlocks = blocks(messages).some(({ block, inToolResult }) => !inToolResult && (block.toolUse !== undefined || block.toolResult !== undefined));
  if (toolBlocks && !isObject(body.toolConfig)) throw validation("The toolConfig field must be defined when using toolUse and toolResult content blocks.");
  if (features !== undefined) checkFeatures(body, features, streaming, family === "anthropic");
  if (family === "amazon-nova") checkNovaToolResults(messages);
  const extra = body.additionalModelRequestFields;
  const schema = nativeSchema(family, baseModelId);
  if (isObject(extra) && schema?.type === "object" && schema.additional !== true) {
    const props = schema.properties ?? {};
    const unknown = Object.keys(extra).filter((k) => props[k] === undefined);
    if (unknown.length > 0) throw validation(MODEL_ERRORS + malformedMessage(unknown.map((k) => `#: extraneous key [${k}] is not permitted`)));
    const violations = nativeViolations({ type: "object", properties: props, additional: true }, extra);
    if (violations.length > 0) throw validation(MODEL_ERRORS + malformedMessage(violations));
  }
}
