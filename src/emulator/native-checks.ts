/**
 * Refuses a model's own request body (InvokeModel, InvokeModelWithResponseStream, CountTokens' `invokeModel` input)
 * as Bedrock does: the family's schema (native-schemas.ts) in the validator's words, and Claude's refusal of tool
 * types it does not serve. An ARN that names no model is not checked: its family is only guessed from the body.
 */
import { validation } from "./aws-error";
import { malformedMessage, nativeViolations } from "./native-schema";
import { claudeToolTypeError, nativeSchema } from "./native-schemas";
import { isObject } from "./families/common";

/** Throws Bedrock's `ValidationException` when `json` (the parsed body) breaks the schema of `family` for `baseId`. */
export function checkNativeBody(family: string, baseId: string | undefined, json: unknown): void {
  if (baseId === undefined) return;
  const schema = nativeSchema(family, baseId);
  if (schema === undefined) return;
  const violations = nativeViolations(schema, json);
  if (violations.length > 0) throw validation(malformedMessage(violations));
  if (family === "anthropic" && isObject(json)) {
    const toolError = claudeToolTypeError(json);
    if (toolError !== undefined) throw validation(toolError);
  }
}
