/**
 * CountTokens: `{input: {invokeModel: {body: base64}} | {converse: {messages, system}}}` → `{inputTokens}`,
 * counted with the emulator's word rule. As on Bedrock, only Anthropic foundation-model ids (not inference
 * profiles) support it. https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_CountTokens.html
 */
import { validation } from "./aws-error";
import { fromBase64, fromUtf8 } from "./bytes";
import { jsonResponse, type OperationContext } from "./context";
import { isObject } from "./families/common";
import { detectFamily } from "./families/detect";
import { parseConverse } from "./converse";
import { countTokens } from "./generate";
import { requireModel } from "./model-access";
import { checkNativeBody } from "./native-checks";

/** Answers CountTokens. */
export function countTokensOperation(ctx: OperationContext): Response {
  const model = requireModel(ctx.modelId, ctx.lenient);
  if (!/^anthropic\.claude/.test(ctx.modelId)) throw validation("The provided model doesn't support counting tokens.");
  const input = isObject(ctx.body.input) ? ctx.body.input : {};
  if (isObject(input.invokeModel) && typeof input.invokeModel.body === "string") {
    let native: unknown;
    try {
      native = JSON.parse(fromUtf8(fromBase64(input.invokeModel.body)));
    } catch {
      throw validation("The input body is not valid base64-encoded JSON.");
    }
    const body = isObject(native) ? native : {};
    const family = detectFamily(ctx.modelId, body);
    if (family.kind !== "text") throw validation("The provided model doesn't support counting tokens.");
    if (!ctx.lenient) checkNativeBody(family.name, model.baseId, native);
    return jsonResponse({ inputTokens: countTokens(family.parse(body).allText) }, ctx.requestId);
  }
  if (isObject(input.converse)) {
    return jsonResponse({ inputTokens: countTokens(parseConverse(input.converse).allText) }, ctx.requestId);
  }
  throw validation("1 validation error detected: Value at 'input' failed to satisfy constraint: Member must have exactly one of invokeModel or converse");
}
