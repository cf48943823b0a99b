/**
 * ApplyGuardrail: intervenes when the content contains one of the emulator's blocked words (a word policy), and
 * otherwise lets it through. Response shape from `exchanges/apply-guardrail/` and
 * https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ApplyGuardrail.html
 */
import { validation } from "./aws-error";
import { jsonResponse, type OperationContext } from "./context";
import { textOf } from "./families/common";
import { countTokens, splitPieces } from "./generate";
import type { Generation } from "./types";

/** The canned answer of a guardrail that intervened. */
export const BLOCKED_MESSAGE = "Sorry, the model cannot answer this question.";

/** `g` as a guardrail that intervened ends it: the canned message instead of the model's answer. */
export function blockedGeneration(g: Generation): Generation {
  return { ...g, text: BLOCKED_MESSAGE, pieces: splitPieces(BLOCKED_MESSAGE), toolCalls: [], stop: "guardrail",
    stopSequence: undefined, outputTokens: countTokens(BLOCKED_MESSAGE) };
}

/** The first blocked word `text` contains (case-insensitive, whole word), if any. */
export function findBlockedWord(text: string, blocked: readonly string[]): string | undefined {
  const lower = text.toLowerCase();
  return blocked.find((w) => new RegExp(`(^|[^\\p{L}\\p{N}])${w.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\p{L}\\p{N}])`, "u").test(lower));
}

/** Answers ApplyGuardrail for `/guardrail/{id}/version/{version}/apply`. */
export function applyGuardrail(ctx: OperationContext, guardrailId: string, version: string): Response {
  const { body } = ctx;
  if (body.source !== "INPUT" && body.source !== "OUTPUT") {
    throw validation("1 validation error detected: Value at 'source' failed to satisfy constraint: Member must satisfy enum value set: [INPUT, OUTPUT]");
  }
  if (!Array.isArray(body.content)) throw validation("1 validation error detected: Value null at 'content' failed to satisfy constraint: Member must not be null");
  const text = textOf(body.content);
  const match = findBlockedWord(text, ctx.blockedWords);
  const coverage = { textCharacters: { guarded: text.length, total: text.length } };
  const usage = { topicPolicyUnits: 0, contentPolicyUnits: 0, wordPolicyUnits: 1, sensitiveInformationPolicyUnits: 0,
    sensitiveInformationPolicyFreeUnits: 0, contextualGroundingPolicyUnits: 0 };
  const details = { guardrailId, guardrailVersion: version, guardrailOrigin: ["REQUEST"], guardrailOwnership: "SELF",
    guardrailArn: `arn:aws:bedrock:${ctx.region}:123456789012:guardrail/${guardrailId}` };
  const metrics = { guardrailProcessingLatency: 12, usage, guardrailCoverage: coverage };
  if (match === undefined) {
    return jsonResponse({ usage, action: "NONE", outputs: [], assessments: [{ invocationMetrics: metrics, appliedGuardrailDetails: details }],
      guardrailCoverage: coverage }, ctx.requestId);
  }
  return jsonResponse({
    usage,
    action: "GUARDRAIL_INTERVENED",
    actionReason: "Guardrail blocked.",
    outputs: [{ text: BLOCKED_MESSAGE }],
    assessments: [{
      wordPolicy: { customWords: [{ match, action: "BLOCKED", detected: true }], managedWordLists: [] },
      invocationMetrics: metrics,
      appliedGuardrailDetails: details,
    }],
    guardrailCoverage: coverage,
  }, ctx.requestId);
}
