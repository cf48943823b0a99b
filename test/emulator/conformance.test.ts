/**
 * Replay conformance of the strict emulator: every recorded request in `../shared/exchanges` (all families and
 * operations) is re-signed with the emulator's test credentials and sent to `createEmulator()`. Every request Bedrock
 * answered 200 must be answered 200 in the recorded shape (the same top-level keys, or for streams the same event
 * types), with a tool call wherever the request forced one; every recorded 400 ValidationException must come back
 * with the same error type and message. Recorded 403s are facts about the recording account (expired signatures and
 * tokens, models the account had no access to) and cannot be reproduced: they are excluded and counted.
 */
import { expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { exchanges, hasShared, header, streamBytes, suiteIf, type Exchange } from "../helpers/shared";
import { aws, decodeFrames } from "./helpers";

const emulator = createEmulator();

// Recordings excluded beyond the 403s, each with the reason (grouped by it in the printed counts).
const HAND_WRITTEN = "a hand-trimmed test fixture, not Bedrock's answer (members every real answer has are missing)";
const EXCLUDED: Record<string, string> = {
  // The answer is `{output, stopReason}` with empty text: Converse always answers `usage` and `metrics`.
  "anthropic/converse/openinference-js--should-handle-empty-minimal-response__0.json": HAND_WRITTEN,
  // A Messages API request answered with a text-completion body (`completion`), which Claude 3 never sends.
  "anthropic/invoke/otel-js-contrib--bedrock-invokemodel--claude-model-attributes-to-span-695bb51b__0.json": HAND_WRITTEN,
  // Claude's answer without `usage`, which the Messages API always sends.
  "anthropic/invoke/openinference-js--should-handle-missing-token-counts-gracefully__0.json": HAND_WRITTEN,
  // Command R's answer reduced to `text` and `finish_reason` (no `response_id`, `generation_id`, `chat_history`).
  "cohere-command-r/invoke/otel-js-contrib--bedrock-invokemodel--command-r-model-attributes-to-span-71e165bb__0.json": HAND_WRITTEN,
  // Command's answer reduced to `generations` (no `id`, `prompt`).
  "cohere-command/invoke/otel-js-contrib--bedrock-invokemodel--command-model-attributes-to-span-ca9bedb7__0.json": HAND_WRITTEN,
  // A stream whose one event is a whole non-streamed answer (`generations`, `id`, `prompt`).
  "cohere-command/invoke-with-response-stream/otel-js-contrib--bedrock--command-model-attributes-to-span-aa1dcd21__1.json": HAND_WRITTEN,
  // Nova answered a Titan-style body (`inputText`, no `messages`) with content blocks carrying `role` and usage
  // without `totalTokens`: not the shape Nova answers; the request is accepted (see native-schemas.ts), the answer differs.
  "amazon-nova/invoke/otel-js-contrib--bedrock-invokemodel-adds-amazon-nova-model-attributes-to-span__0.json": HAND_WRITTEN,
  // The model called the tool again after its result; the emulator answers a tool result with text, so that agent
  // loops end (documented in generate.ts).
  "anthropic/converse-stream/otel-py-contrib--test_converse_stream_tool_call_parsing_errors__1.json":
    "the model's own choice to call a tool again after its result (the emulator answers tool results with text)",
  // The recording account's guardrail blocked a denied topic and an e-mail address; the emulator's guardrail blocks
  // its configured words only, so it lets this text through (and answers in the shape of a pass).
  "apply-guardrail/apply-guardrail/openinference-py--test_apply_guardrails__0.json": "the recording account's guardrail policies (denied topic, e-mail PII)",
  "apply-guardrail/apply-guardrail/openinference-py--test_apply_guardrails_with_suppress_tracing__0.json": "the recording account's guardrail policies (denied topic, e-mail PII)",
  // The account's guardrail blocked a denied topic on input and answered its own message in one event.
  "amazon-titan-text/invoke-with-response-stream/openllmetry--test_guardrail_invoke_stream__0.json": "the recording account's guardrail policies (denied topic, e-mail PII)",
  // The account's guardrail masked an account number mid-stream, leaving empty text deltas without an action.
  "amazon-nova/invoke-with-response-stream/openllmetry--test_nova_invoke_stream__0.json": "the recording account's guardrail policies (denied topic, e-mail PII)",
};

function excludedBecause(e: Exchange): string | undefined {
  if (EXCLUDED[e.file] !== undefined) return EXCLUDED[e.file];
  if (e.response.status !== 403) return undefined;
  const type = (header(e.response.headers, "x-amzn-ErrorType") ?? "").split(":")[0];
  const message = String((e.response.body as { message?: unknown } | undefined)?.message ?? "");
  if (type === "AccessDeniedException") return "403 AccessDeniedException: the recording account had no access to the model";
  if (type === "ExpiredTokenException") return "403 ExpiredTokenException: the recording session token had expired";
  if (message.startsWith("Signature expired")) return "403 InvalidSignatureException: replayed long after it was signed";
  return `403 ${type}`;
}

async function send(e: Exchange): Promise<Response> {
  const url = new URL(e.request.url);
  const headers: Record<string, string> = { "content-type": "application/json" };
  for (const [name, value] of Object.entries(e.request.headers)) {
    if (name.toLowerCase().startsWith("x-amzn-bedrock-")) headers[name.toLowerCase()] = value;
  }
  const body = e.request.body === null || e.request.body === undefined ? "" : JSON.stringify(e.request.body);
  return emulator(await aws.sign(`https://bedrock-runtime.us-east-1.amazonaws.com${url.pathname}${url.search}`, { method: e.request.method, headers, body }));
}

/** Does the request force a tool call (Converse `toolChoice` any/tool, Anthropic `tool_choice`, OpenAI `required`)? */
function forcesTool(e: Exchange): boolean {
  const body = (e.request.body ?? {}) as Record<string, any>;
  const choice = body.toolConfig?.toolChoice;
  if (choice?.any !== undefined || choice?.tool !== undefined) return true;
  if (body.tool_choice?.type === "any" || body.tool_choice?.type === "tool") return true;
  return body.tool_choice === "required" || body.tool_choice === "any" || typeof body.tool_choice?.function?.name === "string";
}

function hasToolCall(value: unknown): boolean {
  const text = JSON.stringify(value);
  return /"toolUse"|"tool_use"|"tool_calls"|"toolUseId"/.test(text);
}

/** What kind of event each stream frame is: the ConverseStream event type, or a native event's `type`/key set. */
function eventKinds(bytes: Uint8Array, converse: boolean): string[] {
  const kinds = new Set<string>();
  for (const frame of decodeFrames(bytes)) {
    if (frame.headers[":message-type"] !== "event") kinds.add(`exception:${frame.headers[":exception-type"]}`);
    else if (converse) kinds.add(frame.headers[":event-type"]!);
    else if (typeof frame.json.type === "string") kinds.add(`type:${frame.json.type}`);
    else kinds.add(Object.keys(frame.json).filter((k) => k !== "amazon-bedrock-invocationMetrics").sort().join(","));
  }
  return [...kinds].sort();
}

async function check(e: Exchange): Promise<string | undefined> {
  const res = await send(e);
  const recordedStatus = e.response.status;
  if (recordedStatus === 400) {
    const expected = String((e.response.body as { message?: unknown }).message);
    const body = (await res.json()) as { message?: string };
    if (res.status !== 400) return `status ${res.status} (${JSON.stringify(body).slice(0, 200)}), recorded 400 ${expected}`;
    const type = (res.headers.get("x-amzn-ErrorType") ?? "").split(":")[0];
    if (type !== "ValidationException") return `error type ${type}`;
    if (body.message !== expected) return `message ${JSON.stringify(body.message)}, recorded ${JSON.stringify(expected)}`;
    return undefined;
  }
  if (res.status !== 200) return `status ${res.status}: ${(await res.text()).slice(0, 300)}`;
  if (e.response.bodyBase64 !== undefined) {
    const converse = e.operation === "converse-stream";
    const ours = new Uint8Array(await res.arrayBuffer());
    const theirs = eventKinds(streamBytes(e), converse);
    const mine = eventKinds(ours, converse);
    if (JSON.stringify(mine) !== JSON.stringify(theirs)) return `events ${JSON.stringify(mine)}, recorded ${JSON.stringify(theirs)}`;
    if (forcesTool(e) && !hasToolCall(decodeFrames(ours).map((f) => f.json))) return "no tool call for a forced tool choice";
    return undefined;
  }
  const body = await res.json();
  const mine = Object.keys(body as object).sort();
  const theirs = Object.keys((e.response.body ?? {}) as object).sort();
  if (JSON.stringify(mine) !== JSON.stringify(theirs)) return `keys ${JSON.stringify(mine)}, recorded ${JSON.stringify(theirs)}`;
  if (forcesTool(e) && !hasToolCall(body)) return "no tool call for a forced tool choice";
  return undefined;
}

suiteIf(hasShared)("replay conformance of the strict emulator", () => {
  it("answers every recorded request as Bedrock did", async () => {
    const all = exchanges();
    const excluded = new Map<string, number>();
    const failures: string[] = [];
    let answered = 0;
    let matched = 0;
    for (const e of all) {
      const reason = excludedBecause(e);
      if (reason !== undefined) {
        excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
        continue;
      }
      const problem = await check(e);
      if (problem !== undefined) failures.push(`${e.file}: ${problem}`);
      else if (e.response.status === 200) answered++;
      else matched++;
    }
    console.log(`conformance over ${all.length} recordings: ${answered} answered 200 in the recorded shape, ${matched} refusals matched, ` +
      `${[...excluded.values()].reduce((a, b) => a + b, 0)} excluded:\n${[...excluded].map(([r, n]) => `  ${n} × ${r}`).join("\n")}`);
    expect(failures).toEqual([]);
  }, 120_000);
});
