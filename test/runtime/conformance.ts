/**
 * The runtime conformance script: written once against web standards only, bundled by esbuild for every target
 * (Node 18/20/22, Deno, Bun, workerd, Chromium) and run there against the Bedrock emulator on loopback. Each check
 * catches its own failure, so one broken feature names itself instead of hiding the rest. The result is plain JSON.
 *
 * Imports come from src/ (the same entry points package.json exports), so what runs is the code as shipped.
 */
import { createBedrock } from "../../src/index";
import { createEventStreamDecoder, type EventStreamMessage } from "../../src/event-stream/index";
import { signRequest } from "../../src/sigv4/index";

/** What the target passes in. */
export interface ConformanceConfig {
  /** The emulator's origin, e.g. `http://127.0.0.1:4567`. */
  endpoint: string;
  /** Names the runtime in the report. */
  runtime: string;
}

export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
}

export interface ConformanceReport {
  runtime: string;
  checks: CheckResult[];
}

/** The emulator's default key pair (the AWS documentation's example keys; `TEST_CREDENTIALS` in bedrock-fetch/emulator). */
const EMULATOR_KEYS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const CHAT_MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const EMBEDDING_MODEL = "amazon.titan-embed-text-v2:0";
const PROMPT = "Say hello to every runtime";

/**
 * aws-c-auth's `get-vanilla-with-session-token` case (awslabs/aws-c-auth, tests/aws-signing-test-suite/v4): GET / on
 * example.amazonaws.com, service `service`, us-east-1, 2015-08-30T12:36:00Z, with a session token. The expected
 * header is that case's `header-signed-request.txt`.
 */
const VECTOR = {
  sessionToken: "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267",
  authorization:
    "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, " +
    "SignedHeaders=host;x-amz-date;x-amz-security-token, " +
    "Signature=07ec1639c89043aa0e3e2de82b96708f198cceab042d4a97044c66dd9f74e7f8",
};

/**
 * Four ConverseStream frames (messageStart, two contentBlockDelta, messageStop), recorded from the AWS SDK's own
 * encoder (`EventStreamCodec` of @smithy/eventstream-codec), so the decoder is checked against independent bytes.
 */
const RECORDED_STREAM =
  "AAAAdgAAAFKW1freCzpldmVudC10eXBlBwAMbWVzc2FnZVN0YXJ0DTpjb250ZW50LXR5cGUHABBhcHBsaWNhdGlvbi9qc29uDTptZXNzYWdlLXR5cGUH" +
  "AAVldmVudHsicm9sZSI6ImFzc2lzdGFudCJ9b6jFmQAAAJcAAABX8wvgPgs6ZXZlbnQtdHlwZQcAEWNvbnRlbnRCbG9ja0RlbHRhDTpjb250ZW50LXR5" +
  "cGUHABBhcHBsaWNhdGlvbi9qc29uDTptZXNzYWdlLXR5cGUHAAVldmVudHsiY29udGVudEJsb2NrSW5kZXgiOjAsImRlbHRhIjp7InRleHQiOiJIZWxs" +
  "byJ9fWdiODEAAACgAAAAV+AKhKgLOmV2ZW50LXR5cGUHABFjb250ZW50QmxvY2tEZWx0YQ06Y29udGVudC10eXBlBwAQYXBwbGljYXRpb24vanNvbg06" +
  "bWVzc2FnZS10eXBlBwAFZXZlbnR7ImNvbnRlbnRCbG9ja0luZGV4IjowLCJkZWx0YSI6eyJ0ZXh0IjoiIGZyb20gYSBmcmFtZS4ifX1vFb+5AAAAegAA" +
  "AFHKLEZlCzpldmVudC10eXBlBwALbWVzc2FnZVN0b3ANOmNvbnRlbnQtdHlwZQcAEGFwcGxpY2F0aW9uL2pzb24NOm1lc3NhZ2UtdHlwZQcABWV2ZW50" +
  "eyJzdG9wUmVhc29uIjoiZW5kX3R1cm4ifV+/Cfw=";
const RECORDED_EVENTS = [
  ["messageStart", '{"role":"assistant"}'],
  ["contentBlockDelta", '{"contentBlockIndex":0,"delta":{"text":"Hello"}}'],
  ["contentBlockDelta", '{"contentBlockIndex":0,"delta":{"text":" from a frame."}}'],
  ["messageStop", '{"stopReason":"end_turn"}'],
];

class CheckFailed extends Error {}

function expectEqual(actual: unknown, expected: unknown, what: string): void {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new CheckFailed(`${what}: expected ${e}, got ${a}`);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function describeError(error: unknown): string {
  if (error instanceof CheckFailed) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}${error.stack ? `\n${error.stack.split("\n").slice(1, 4).join("\n")}` : ""}`;
  return String(error);
}

/** The frames of the recorded stream, decoded from chunks of `size` bytes, as [event type, payload text] pairs. */
function decodeRecorded(size: number): string[][] {
  const bytes = fromBase64(RECORDED_STREAM);
  const seen: string[][] = [];
  const text = new TextDecoder();
  const decoder = createEventStreamDecoder({
    onMessage(message: EventStreamMessage) {
      const type = message.headers[":event-type"];
      seen.push([type?.type === "string" ? type.value : "?", text.decode(message.payload)]);
    },
  });
  for (let at = 0; at < bytes.length; at += size) decoder.feed(bytes.slice(at, at + size));
  decoder.end();
  return seen;
}

/** Runs every check against the emulator at `config.endpoint` and reports each outcome. */
export async function runConformance(config: ConformanceConfig): Promise<ConformanceReport> {
  let client: ReturnType<typeof createBedrock> | undefined;
  // Created on first use, so that a configuration error is reported by the checks that need the client.
  const bedrock = () => (client ??= createBedrock({ region: "us-east-1", endpoint: config.endpoint, credentials: EMULATOR_KEYS, maxRetries: 0 }));
  const messages = [{ role: "user" as const, content: PROMPT }];

  const checks: Array<[string, () => Promise<string>]> = [
    ["webcrypto", async () => {
      const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode("abc")));
      const hex = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
      expectEqual(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "SHA-256 of abc");
      return "crypto.subtle available";
    }],
    ["sigv4-vector", async () => {
      const signed = await signRequest(
        { method: "GET", url: "https://example.amazonaws.com/", headers: {} },
        {
          credentials: { ...EMULATOR_KEYS, sessionToken: VECTOR.sessionToken },
          region: "us-east-1",
          service: "service",
          datetime: new Date("2015-08-30T12:36:00Z"),
        },
      );
      const headers = new Headers(signed.headers);
      expectEqual(headers.get("authorization"), VECTOR.authorization, "authorization");
      expectEqual(headers.get("x-amz-security-token"), VECTOR.sessionToken, "x-amz-security-token");
      return "aws-c-auth get-vanilla-with-session-token";
    }],
    ["sigv4-emulator", async () => {
      const url = `${config.endpoint}/model/${encodeURIComponent(CHAT_MODEL)}/converse`;
      const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: PROMPT }] }] });
      const request = await signRequest(
        new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body }),
        { credentials: EMULATOR_KEYS, region: "us-east-1", service: "bedrock" },
      );
      const response = await fetch(request);
      const answer = (await response.json()) as { output?: { message?: { content?: Array<{ text?: string }> } } };
      expectEqual(response.status, 200, "status");
      const text = answer.output?.message?.content?.[0]?.text ?? "";
      if (!text.startsWith(`Echo: ${PROMPT}`)) throw new CheckFailed(`unexpected answer ${JSON.stringify(text)}`);
      return `signed Request accepted (${response.headers.get("x-amzn-requestid") ?? "no request id"})`;
    }],
    ["event-stream", async () => {
      for (const size of [1, 7, 64, 100_000]) expectEqual(decodeRecorded(size), RECORDED_EVENTS, `frames in ${size}-byte chunks`);
      return "4 frames, every chunking";
    }],
    ["chat-stream", async () => {
      const stream = await bedrock().completion({ model: CHAT_MODEL, messages, stream: true });
      let text = "";
      let chunks = 0;
      let finish: string | null | undefined;
      for await (const chunk of stream) {
        chunks++;
        text += chunk.choices[0]?.delta.content ?? "";
        finish = chunk.choices[0]?.finish_reason ?? finish;
      }
      const whole = await bedrock().completion({ model: CHAT_MODEL, messages });
      expectEqual(text, whole.choices[0]?.message.content, "streamed text vs non-streamed answer");
      if (!text.startsWith(`Echo: ${PROMPT}`)) throw new CheckFailed(`unexpected text ${JSON.stringify(text)}`);
      if (chunks < 3) throw new CheckFailed(`only ${chunks} chunks`);
      expectEqual(finish, "stop", "finish_reason");
      return `${chunks} chunks: ${JSON.stringify(text.slice(0, 40))}…`;
    }],
    ["embedding", async () => {
      const result = await bedrock().embedding({ model: EMBEDDING_MODEL, input: "hello", dimensions: 256 });
      const vector = result.data[0]?.embedding;
      if (!Array.isArray(vector)) throw new CheckFailed(`no float embedding: ${JSON.stringify(result).slice(0, 200)}`);
      expectEqual(vector.length, 256, "dimensions");
      if (!vector.every((v) => typeof v === "number" && Number.isFinite(v))) throw new CheckFailed("non-finite values");
      return `${vector.length} floats`;
    }],
    ["error", async () => {
      try {
        await bedrock().completion({ model: CHAT_MODEL, messages }, { headers: { "x-bedrock-fetch-fault": "error:503" } });
      } catch (error) {
        const e = error as { name?: string; status?: number; code?: string };
        expectEqual([e.name, e.status, e.code], ["ServiceUnavailableError", 503, "ServiceUnavailableException"], "error");
        return `${e.name} ${e.status}`;
      }
      throw new CheckFailed("the faulted call did not throw");
    }],
    ["stream-error", async () => {
      const stream = await bedrock().completion({ model: CHAT_MODEL, messages, stream: true },
        { headers: { "x-bedrock-fetch-fault": "stream-error:2" } });
      let chunks = 0;
      try {
        for await (const _ of stream) chunks++;
      } catch (error) {
        const e = error as { name?: string; status?: number };
        expectEqual([e.name, e.status], ["ModelError", 424], "stream error");
        return `${e.name} ${e.status} after ${chunks} chunks`;
      }
      throw new CheckFailed("the stream ended without the exception frame's error");
    }],
  ];

  const results: CheckResult[] = [];
  // Sequential on purpose: a failure's detail then belongs to one request, and loopback calls are fast.
  for (const [name, run] of checks) {
    try {
      results.push({ name, ok: true, detail: await run() });
    } catch (error) {
      results.push({ name, ok: false, detail: describeError(error) });
    }
  }
  return { runtime: config.runtime, checks: results };
}

/** The names every report must contain, for the test's completeness assertion. */
export const CHECK_NAMES = [
  "webcrypto", "sigv4-vector", "sigv4-emulator", "event-stream", "chat-stream", "embedding", "error", "stream-error",
] as const;
