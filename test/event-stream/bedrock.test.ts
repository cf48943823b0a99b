/** The Bedrock layer on frames built to the documented shapes: chunk unwrapping, padding, exceptions, bad frames. */
import { describe, expect, it } from "vitest";
import {
  BadRequestError,
  InternalServerError,
  ModelError,
  ModelTimeoutError,
  RateLimitError,
  ServiceUnavailableError,
  ConfigurationError,
  APIError,
} from "../../src/errors";
import {
  createBedrockEventDecoder,
  decodeBedrockEvent,
  encodeEventStreamMessage,
  EventStreamError,
  type BedrockStreamEvent,
  type EventStreamHeaderValue,
} from "../../src/event-stream/index";
import { decodeChunks } from "./helpers";

function message(headers: Record<string, EventStreamHeaderValue | string>, payload: string) {
  return decodeChunks([encodeEventStreamMessage({ headers, payload })]).messages[0]!;
}

const EVENT = { ":message-type": "event", ":content-type": "application/json" };
const modelEvent = { type: "content_block_delta", index: 0, delta: { type: "text_delta", text: "Hé / \"quoted\" 🎉" } };
const b64 = Buffer.from(JSON.stringify(modelEvent)).toString("base64");

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("decodeBedrockEvent: chunk events", () => {
  const shapes = [
    ["with padding", `{"bytes":"${b64}","p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123"}`],
    ["without padding", `{"bytes":"${b64}"}`],
    ["with escaped slashes", `{"bytes":"${b64.replace(/\//g, "\\/")}","p":"abc"}`],
    ["with whitespace and member order swapped", `{ "p" : "xyz" , "bytes" : "${b64}" }`],
    ["with unusual padding characters", `{"bytes":"${b64}","p":"a-b_c"}`],
    ["without base64 padding", `{"bytes":"${b64.replace(/=+$/, "")}"}`],
  ] as const;
  it.each(shapes)("unwraps the model's JSON %s", (_name, payload) => {
    expect(decodeBedrockEvent(message({ ...EVENT, ":event-type": "chunk" }, payload))).toEqual({ type: "chunk", data: modelEvent });
  });

  const bad = [
    ["bytes is not base64", `{"bytes":"@@@@","p":"a"}`],
    ["bytes is missing", `{"p":"a"}`],
    ["payload is not JSON", `{"bytes":"${b64}"`],
    ["inner event is not JSON", `{"bytes":"${Buffer.from("not json").toString("base64")}"}`],
    ["bytes has an impossible length", `{"bytes":"abcde"}`],
  ] as const;
  it.each(bad)("raises invalid-payload when %s", (_name, payload) => {
    expect(thrown(() => decodeBedrockEvent(message({ ...EVENT, ":event-type": "chunk" }, payload)))).toMatchObject({
      name: "EventStreamError",
      type: "invalid-payload",
    });
  });
});

describe("decodeBedrockEvent: ConverseStream and unknown events", () => {
  it("drops the p padding member and keeps the rest", () => {
    const e = decodeBedrockEvent(
      message({ ...EVENT, ":event-type": "contentBlockDelta" }, '{"contentBlockIndex":0,"delta":{"text":"Hi","p":"keep"},"p":"abcdef"}'),
    );
    expect(e).toEqual({ type: "contentBlockDelta", data: { contentBlockIndex: 0, delta: { text: "Hi", p: "keep" } } });
  });

  it("passes unknown event types through, never dropping them", () => {
    expect(decodeBedrockEvent(message({ ...EVENT, ":event-type": "futureEvent" }, '{"x":1}'))).toEqual({ type: "futureEvent", data: { x: 1 } });
    expect(decodeBedrockEvent(message({ ...EVENT, ":event-type": "emptyEvent" }, ""))).toEqual({ type: "emptyEvent", data: {} });
  });
});

describe("decodeBedrockEvent: exception and error frames", () => {
  const cases = [
    ["throttlingException", RateLimitError, 429, true],
    ["modelStreamErrorException", ModelError, 424, false],
    ["internalServerException", InternalServerError, 500, true],
    ["serviceUnavailableException", ServiceUnavailableError, 503, true],
    ["validationException", BadRequestError, 400, false],
    ["modelTimeoutException", ModelTimeoutError, 408, false],
  ] as const;
  it.each(cases)("%s → %s", (type, cls, status, retryable) => {
    const m = message({ ":message-type": "exception", ":exception-type": type, ":content-type": "application/json" }, '{"message":"went wrong","p":"ab"}');
    const e = thrown(() => decodeBedrockEvent(m));
    expect(e).toBeInstanceOf(cls);
    expect(e).toMatchObject({ status, retryable, message: "went wrong", code: type[0]!.toUpperCase() + type.slice(1) });
  });

  it("reads Message (capitalised) and non-JSON bodies", () => {
    const exc = { ":message-type": "exception", ":exception-type": "throttlingException" };
    expect(thrown(() => decodeBedrockEvent(message(exc, '{"Message":"slow down"}')))).toMatchObject({ message: "slow down" });
    expect(thrown(() => decodeBedrockEvent(message(exc, "plain text")))).toMatchObject({ message: "plain text" });
    expect(thrown(() => decodeBedrockEvent(message(exc, "")))).toMatchObject({ message: "ThrottlingException" });
  });

  it("turns an error frame into an APIError with its code and message", () => {
    const e = thrown(() =>
      decodeBedrockEvent(message({ ":message-type": "error", ":error-code": "ThrottlingException", ":error-message": "busy" }, "")),
    );
    expect(e).toBeInstanceOf(RateLimitError);
    expect(e).toMatchObject({ code: "ThrottlingException", message: "busy" });
  });

  it("rejects frames without a usable :message-type or :event-type", () => {
    const cases: Record<string, EventStreamHeaderValue | string>[] = [
      { ":event-type": "chunk" },
      { ":message-type": { type: "binary", value: new TextEncoder().encode("event") }, ":event-type": "chunk" },
      { ":message-type": "event" },
      { ":message-type": "event", ":event-type": { type: "integer", value: 1 } },
      { ":message-type": "surprise" },
    ];
    for (const headers of cases) {
      const e = thrown(() => decodeBedrockEvent(message(headers, "{}")));
      expect(e).toBeInstanceOf(EventStreamError);
      expect(e).toMatchObject({ type: "invalid-header" });
    }
  });
});

describe("createBedrockEventDecoder", () => {
  it("reports the failing frame's stream offset and stops", () => {
    const good = encodeEventStreamMessage({ headers: { ...EVENT, ":event-type": "chunk" }, payload: `{"bytes":"${b64}"}` });
    const exc = encodeEventStreamMessage({ headers: { ":message-type": "exception", ":exception-type": "throttlingException" }, payload: "{}" });
    const missing = encodeEventStreamMessage({ headers: { ":event-type": "chunk" }, payload: "{}" });
    const events: BedrockStreamEvent[] = [];
    const decoder = createBedrockEventDecoder({ onEvent: (e) => events.push(e) });
    decoder.feed(good);
    expect(thrown(() => decoder.feed(missing))).toMatchObject({ type: "invalid-header", offset: good.length });
    expect(events).toHaveLength(1);
    decoder.reset();
    decoder.feed(good);
    expect(thrown(() => decoder.feed(new Uint8Array([...exc, ...good])))).toBeInstanceOf(RateLimitError);
    expect(events).toHaveLength(2);
  });

  it("asks for onEvent with a ConfigurationError", () => {
    const e = thrown(() => createBedrockEventDecoder({} as never));
    expect(e).toBeInstanceOf(ConfigurationError);
    expect(e).toMatchObject({ field: "onEvent" });
    expect(e).not.toBeInstanceOf(APIError);
  });
});
