/**
 * What a guardrail adds to a model's answer. On InvokeModel (guardrail named by the `X-Amzn-Bedrock-GuardrailIdentifier`
 * header) every answer carries `amazon-bedrock-guardrailAction` (`NONE` or `INTERVENED`) and, with
 * `X-Amzn-Bedrock-Trace: ENABLED`, `amazon-bedrock-trace.guardrail` (`input`, `outputs`); a stream carries the action
 * on the events with model text and the trace on its last event, and drops the `null` members the model wrote (the
 * guardrail re-writes each event). On Converse, `guardrailConfig.trace: "enabled"` adds `trace.guardrail`
 * (`inputAssessment`, `outputAssessments`, and `actionReason` when it intervened) to the answer, or to a stream's
 * `metadata` event. Shapes from the guardrail recordings in `exchanges/amazon-titan-text/`, `exchanges/amazon-nova/`
 * and `exchanges/anthropic/` and https://docs.aws.amazon.com/bedrock/latest/userguide/guardrails-use-converse-api.html
 */
import { isObject } from "./families/common";

/** The guardrail a request asks for. */
export interface GuardrailRequest {
  id: string;
  version: string;
  /** Whether the answer carries the guardrail's trace. */
  trace: boolean;
}

/** The guardrail of an InvokeModel request, from its headers. */
export function invokeGuardrail(headers: Headers): GuardrailRequest | undefined {
  const id = headers.get("x-amzn-bedrock-guardrailidentifier");
  if (id === null) return undefined;
  const trace = (headers.get("x-amzn-bedrock-trace") ?? "").toUpperCase();
  return { id, version: headers.get("x-amzn-bedrock-guardrailversion") ?? "DRAFT", trace: trace === "ENABLED" || trace === "ENABLED_FULL" };
}

/** The guardrail of a Converse request, from its `guardrailConfig`. */
export function converseGuardrail(body: Record<string, unknown>): GuardrailRequest | undefined {
  const config = body.guardrailConfig;
  if (!isObject(config) || typeof config.guardrailIdentifier !== "string") return undefined;
  const version = typeof config.guardrailVersion === "string" ? config.guardrailVersion : "DRAFT";
  return { id: config.guardrailIdentifier, version, trace: config.trace === "enabled" || config.trace === "enabled_full" };
}

function metrics(characters: number): Record<string, unknown> {
  return {
    guardrailProcessingLatency: 12,
    usage: { topicPolicyUnits: 0, contentPolicyUnits: 0, wordPolicyUnits: 1, sensitiveInformationPolicyUnits: 0,
      sensitiveInformationPolicyFreeUnits: 0, contextualGroundingPolicyUnits: 0 },
    guardrailCoverage: { textCharacters: { guarded: characters, total: characters } },
  };
}

/** Converse's `trace` member. */
export function converseTrace(g: GuardrailRequest, input: string, output: string, intervened: boolean): Record<string, unknown> {
  return {
    guardrail: {
      ...(intervened ? { actionReason: "Guardrail blocked." } : {}),
      inputAssessment: { [g.id]: { invocationMetrics: metrics(input.length) } },
      outputAssessments: { [g.id]: [{ invocationMetrics: metrics(output.length) }] },
    },
  };
}

/** InvokeModel's `amazon-bedrock-guardrailAction` and (with tracing) `amazon-bedrock-trace` members. */
export function invokeGuardrailFields(g: GuardrailRequest, input: string, output: string, intervened: boolean, trace: boolean): Record<string, unknown> {
  const fields: Record<string, unknown> = { "amazon-bedrock-guardrailAction": intervened ? "INTERVENED" : "NONE" };
  if (trace && g.trace) {
    fields["amazon-bedrock-trace"] = {
      guardrail: { input: { [g.id]: { invocationMetrics: metrics(input.length) } }, outputs: [{ [g.id]: { invocationMetrics: metrics(output.length) } }] },
    };
  }
  return fields;
}

/** An event without its `null` members, as a guardrail passes it on. */
export function withoutNulls(event: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(event).filter(([, v]) => v !== null));
}

/**
 * A stream's events as a guardrail passes them on: `null` members dropped, the action on every event with model text
 * (Nova: its `contentBlockDelta` events) and on the last, which also carries the trace.
 */
export function guardEvents(events: Record<string, unknown>[], g: GuardrailRequest, input: string, output: string, intervened: boolean): Record<string, unknown>[] {
  const action = invokeGuardrailFields(g, input, output, intervened, false);
  return events.map((event, i) => {
    const last = i === events.length - 1;
    const textual = !("messageStart" in event || "contentBlockStop" in event || "messageStop" in event || "contentBlockStart" in event);
    const fields = last ? invokeGuardrailFields(g, input, output, intervened, true) : textual ? action : {};
    return { ...withoutNulls(event), ...fields };
  });
}
