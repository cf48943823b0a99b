/**
 * What a failed attempt means for routing (https://docs.litellm.ai/docs/proxy/reliability: retries, cooldowns,
 * fallbacks, context-window fallbacks):
 *
 * | kind | examples | retried | counts toward cooldown | fallbacks |
 * |---|---|---|---|---|
 * | `transient` | 429 ThrottlingException, 5xx, 408 ModelTimeoutException, connection failures, timeouts | yes, on another deployment when one is free, else on the same after a backoff | yes | `fallbacks` |
 * | `deployment` | 401/403 (this deployment's credentials or model access), 404, 424 ModelErrorException, unusable credentials | on another deployment only | yes | `fallbacks` |
 * | `context-window` | ValidationException "Input is too long for requested model." | no | no | `context_window_fallbacks`, else `fallbacks` |
 * | `request` | any other 4xx: the request itself is wrong, elsewhere too | no | no | no |
 * | `aborted` | the client went away | no | no | no |
 * @internal
 */
import { isBedrockError } from "../../errors";
import type { BedrockError } from "../../errors";
import { isUnusableCredentials, ProxyRequestError } from "../errors";

export type FailureKind = "transient" | "deployment" | "context-window" | "request" | "aborted";

/**
 * How Bedrock words a prompt longer than the model takes. Converse and InvokeModel answer ValidationException
 * "Input is too long for requested model." (the message AWS users report, e.g. github.com/aws-samples/bedrock-chat
 * issue 95, and "The model returned the following errors: Input is too long for requested model." inside streams);
 * Anthropic models through InvokeModel pass on Anthropic's "prompt is too long: N tokens > M maximum" and "input
 * length and `max_tokens` exceed context limit"; Titan answers "Malformed input request: expected maxLength: N,
 * actual: M"; LiteLLM's Bedrock mapping also matches "too many tokens".
 */
const CONTEXT_WINDOW = /input is too long|prompt is too long|too many (?:input )?tokens|exceeds? (?:the )?(?:model'?s? )?(?:maximum )?context|expected maxLength|input length and `?max_tokens`? exceed/i;

/** Whether `error` says the prompt does not fit the model's context window. */
export function isContextWindowError(error: unknown): boolean {
  if (!isBedrockError(error)) return false;
  const validation = error.status === 400 || error.status === 424 || /^(validation|modelError|modelStreamError)Exception$/i.test(error.code ?? "");
  return validation && CONTEXT_WINDOW.test(error.message);
}

/** Sorts a failed attempt's error into a {@link FailureKind}. */
export function classifyFailure(error: unknown): FailureKind {
  if (error instanceof ProxyRequestError) return error.status >= 500 ? "deployment" : "request";
  if (!isBedrockError(error)) return "request"; // a bug: retrying would not fix it
  const e = error as BedrockError;
  if (e.name === "APIUserAbortError") return "aborted";
  if (isUnusableCredentials(e)) return "deployment";
  if (e.name === "ConfigurationError") return "request";
  if (isContextWindowError(e)) return "context-window";
  if (e.retryable || e.status === 408) return "transient";
  if (e.status === 401 || e.status === 403 || e.status === 404 || e.status === 424) return "deployment";
  return "request";
}
