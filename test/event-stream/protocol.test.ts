/**
 * Smithy's official restJson1 event-stream protocol tests: every `bytes:` frame must decode to the headers and body
 * the spec lists, and the Bedrock layer must fail exactly where the spec expects the decoding side to fail.
 * Also the hand-encoded Bedrock exception frame (vercel-synthetic).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { APIError, isBedrockError, ModelError } from "../../src/errors";
import {
  BedrockEventStream,
  decodeBedrockEvent,
  EventStreamError,
  type BedrockStreamEvent,
  type EventStreamHeaderValue,
} from "../../src/event-stream/index";
import { hasShared, suiteIf, vectorsDir } from "../helpers/shared";
import { decodeChunks, fromB64, split } from "./helpers";

const dir = join(vectorsDir, "eventstream");
const suite = suiteIf(hasShared && existsSync(dir));

interface ExtractedTest {
  id: string;
  event_types: ("request" | "response")[];
  bytes_b64: string[];
  appliesTo: "client" | "server" | null;
  expects_failure: boolean;
}

interface SpecEvent {
  headers: Record<string, EventStreamHeaderValue>;
  body: string | undefined;
}

/** Reads each event's `headers: { … }` block and `body` from the Smithy IDL text, keyed by its `bytes`. */
function parseSpec(text: string): Map<string, SpecEvent> {
  const events = new Map<string, SpecEvent>();
  const pattern =
    /\n\s*headers: \{\n([\s\S]*?)\n\s*\}\n(?:\s*body: (?:"""\n\s*([\s\S]*?)"""|"((?:[^"\\]|\\.)*)")\n)?(?:\s*bodyMediaType: "[^"]*"\n)?\s*bytes: "([^"]+)"/g;
  for (const match of text.matchAll(pattern)) {
    const headers: Record<string, EventStreamHeaderValue> = {};
    for (const line of match[1]!.split("\n")) {
      const m = /^\s*("[^"]+"|\w+): \{ (\w+): (.+) \}$/.exec(line);
      if (!m) throw new Error(`unparsed header line: ${line}`);
      const name = m[1]!.replace(/^"|"$/g, "");
      const raw = m[3]!;
      const str = () => JSON.parse(raw) as string;
      const value: Record<string, () => EventStreamHeaderValue> = {
        string: () => ({ type: "string", value: str() }),
        boolean: () => ({ type: "boolean", value: raw === "true" }),
        byte: () => ({ type: "byte", value: Number(raw) }),
        short: () => ({ type: "short", value: Number(raw) }),
        integer: () => ({ type: "integer", value: Number(raw) }),
        long: () => ({ type: "long", value: BigInt(raw) }),
        blob: () => ({ type: "binary", value: fromB64(str()) }),
        timestamp: () => ({ type: "timestamp", value: new Date(str()) }),
      };
      headers[name] = value[m[2]!]!();
    }
    const body = match[2] ?? (match[3] === undefined ? undefined : (JSON.parse(`"${match[3]}"`) as string));
    const event = { headers, body };
    const seen = events.get(match[4]!);
    if (seen) expect(seen).toEqual(event);
    events.set(match[4]!, event);
  }
  return events;
}

function thrown(f: () => unknown): unknown {
  try {
    f();
    return undefined;
  } catch (error) {
    return error;
  }
}

suite("Smithy restJson1 event-stream protocol tests", () => {
  const extracted = JSON.parse(
    readFileSync(join(dir, "smithy-protocol-tests/restJson1-event-stream.extracted.json"), "utf8"),
  ) as { tests: ExtractedTest[] };
  const spec = parseSpec(readFileSync(join(dir, "smithy-protocol-tests/restJson1-event-stream.smithy"), "utf8"));
  const framed = extracted.tests.filter((t) => t.bytes_b64.length > 0);

  it("covers 100 tests and 92 frames", () => {
    expect(extracted.tests).toHaveLength(100);
    expect(framed.flatMap((t) => t.bytes_b64)).toHaveLength(92);
    for (const t of framed) for (const b of t.bytes_b64) expect(spec.has(b), t.id).toBe(true);
  });

  it.each(framed.map((t) => [t.id, t] as const))("%s: frame decodes to the spec's headers and body", (_id, t) => {
    for (const b64 of t.bytes_b64) {
      const expected = spec.get(b64)!;
      const bytes = fromB64(b64);
      for (const how of ["whole", "bytewise"] as const) {
        const r = decodeChunks(split(bytes, how));
        expect(r.error).toBeUndefined();
        expect(r.messages).toHaveLength(1);
        expect(r.messages[0]!.headers).toEqual(expected.headers);
        expect(Buffer.from(r.messages[0]!.payload).toString("utf8")).toBe(expected.body ?? "");
      }
    }
  });

  // The decoding side of a test: clients decode responses, servers decode requests. Of the failures expected
  // there, all but the "missing initial-response/request" pair are frame-level: exception and error frames, a
  // missing or non-string :message-type or :event-type. That pair needs the operation's model (an initial
  // message must come first), which lives above this layer, in runtime/.
  const decoding = framed.filter((t) =>
    t.event_types.every((e) => (e === "response" ? t.appliesTo !== "server" : t.appliesTo !== "client")),
  );
  const operationLevel = new Set([
    "MissingRequiredInitialRequestInput",
    "MissingRequiredInitialResponseOutput",
    "DuplexMissingRequiredInitialRequestInput",
    "DuplexMissingRequiredInitialResponseOutput",
  ]);

  it("finds the expected failures on the decoding side", () => {
    expect(decoding.filter((t) => t.expects_failure && !operationLevel.has(t.id)).length).toBe(24);
  });

  it.each(decoding.map((t) => [t.id, t] as const))("%s: the Bedrock layer fails exactly when the spec says", (id, t) => {
    for (const b64 of t.bytes_b64) {
      const message = decodeChunks([fromB64(b64)]).messages[0]!;
      const error = thrown(() => decodeBedrockEvent(message));
      if (t.expects_failure && !operationLevel.has(id)) {
        expect(isBedrockError(error)).toBe(true);
        const headers = message.headers;
        const kind = headers[":message-type"]?.value;
        if (kind === "exception" || kind === "error") expect(error).toBeInstanceOf(APIError);
        else expect(error).toMatchObject({ name: "EventStreamError", type: "invalid-header" });
      } else {
        expect(error).toBeUndefined();
        const event = decodeBedrockEvent(message);
        const spec_ = spec.get(b64)!;
        expect(event.type).toBe((message.headers[":event-type"] as { value: string }).value);
        const contentType = message.headers[":content-type"]?.value;
        if (contentType === "application/json") expect(event.data).toEqual(JSON.parse(spec_.body!));
        else if (contentType === "text/plain") expect(event.data).toBe(spec_.body);
        else if (contentType === "application/octet-stream") expect(event.data).toEqual(new TextEncoder().encode(spec_.body));
        else expect(event.data).toEqual({});
      }
    }
  });

  it("maps the exception frame's code and message", () => {
    const t = framed.find((x) => x.id === "ClientErrorOutput")!;
    const error = thrown(() => decodeBedrockEvent(decodeChunks([fromB64(t.bytes_b64[0]!)]).messages[0]!));
    expect(error).toMatchObject({ name: "APIError", code: "Error", message: "foo" });
  });
});

suite("vercel-synthetic Bedrock exception frame", () => {
  const file = join(dir, "vercel-synthetic/vercel-ai__model-stream-error-exception.eventstream.base64.txt.0.eventstream");

  it("becomes a ModelError from BedrockEventStream, under any chunking", async () => {
    const bytes = new Uint8Array(readFileSync(file));
    for (const how of ["whole", "bytewise", { seed: 3, max: 17 }] as const) {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          for (const piece of split(bytes, how)) controller.enqueue(piece);
          controller.close();
        },
      });
      const events: BedrockStreamEvent[] = [];
      let error: unknown;
      try {
        for await (const event of body.pipeThrough(new BedrockEventStream())) events.push(event);
      } catch (e) {
        error = e;
      }
      expect(events).toEqual([]);
      expect(error).toBeInstanceOf(ModelError);
      expect(error).toMatchObject({
        name: "ModelError",
        code: "ModelStreamErrorException",
        status: 424,
        retryable: false,
        message: "Model Stream Error",
      });
      expect(error).not.toBeInstanceOf(EventStreamError);
    }
  });
});
