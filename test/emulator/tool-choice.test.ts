/**
 * Tool choices are honoured on Converse, ConverseStream and every native family that takes tools: `auto` calls a
 * tool only when the user asks for one, `any` always calls one, a named `tool` calls that one, `none` never does.
 * The arguments fit the tool's JSON Schema, checked here by an independent validator of the keywords the schemas
 * use; structured output (`response_format` through the library) comes back as JSON that fits its schema.
 */
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { createBedrock } from "../../src/index";
import { decodeFrames, modelPath, signedPost, TEST_KEY } from "./helpers";

const emulator = createEmulator();

async function post(model: string, operation: string, body: unknown): Promise<Response> {
  const res = await emulator(await signedPost(modelPath(model, operation), body));
  expect(res.status, await res.clone().text()).toBe(200);
  return res;
}

// A schema with what real tools use: nested objects, enums, bounds, arrays with a minimum, formats, $ref, anyOf.
const BOOKING = {
  type: "object",
  properties: {
    guest: { $ref: "#/$defs/guest" },
    nights: { type: "integer", minimum: 2, maximum: 14 },
    room: { type: "string", enum: ["single", "double", "suite"] },
    checkIn: { type: "string", format: "date" },
    extras: { type: "array", items: { type: "string" }, minItems: 2, uniqueItems: true },
    note: { anyOf: [{ type: "null" }, { type: "string", maxLength: 5 }] },
    price: { type: "number", exclusiveMinimum: 0 },
  },
  required: ["guest", "nights", "room", "checkIn", "extras", "note", "price"],
  additionalProperties: false,
  $defs: { guest: { type: "object", properties: { name: { type: "string", minLength: 3 }, vip: { type: "boolean" } }, required: ["name", "vip"] } },
};

/** Violations of `value` against the subset of JSON Schema used above (an independent check of the emulator). */
function violations(schema: Record<string, any>, value: unknown, root = schema, at = "$"): string[] {
  if (schema.$ref) return violations(root.$defs[schema.$ref.split("/").pop()], value, root, at);
  if (schema.anyOf) return schema.anyOf.some((s: any) => violations(s, value, root, at).length === 0) ? [] : [`${at}: no anyOf branch`];
  const out: string[] = [];
  const type = schema.type;
  if (type === "object") {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return [`${at}: not an object`];
    const obj = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in obj)) out.push(`${at}.${key}: missing`);
    for (const [key, v] of Object.entries(obj)) {
      if (schema.properties?.[key]) out.push(...violations(schema.properties[key], v, root, `${at}.${key}`));
      else if (schema.additionalProperties === false) out.push(`${at}.${key}: not allowed`);
    }
  } else if (type === "array") {
    if (!Array.isArray(value)) return [`${at}: not an array`];
    if (value.length < (schema.minItems ?? 0)) out.push(`${at}: too few items`);
    if (schema.uniqueItems && new Set(value.map((v) => JSON.stringify(v))).size !== value.length) out.push(`${at}: duplicates`);
    value.forEach((v, i) => out.push(...violations(schema.items ?? {}, v, root, `${at}[${i}]`)));
  } else if (type === "string") {
    if (typeof value !== "string") return [`${at}: not a string`];
    if (schema.enum && !schema.enum.includes(value)) out.push(`${at}: not in enum`);
    if (schema.minLength !== undefined && value.length < schema.minLength) out.push(`${at}: too short`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) out.push(`${at}: too long`);
    if (schema.format === "date" && !/^\d{4}-\d{2}-\d{2}$/.test(value)) out.push(`${at}: not a date`);
  } else if (type === "integer" || type === "number") {
    if (typeof value !== "number" || (type === "integer" && !Number.isInteger(value))) return [`${at}: not a ${type}`];
    if (schema.minimum !== undefined && value < schema.minimum) out.push(`${at}: below minimum`);
    if (schema.maximum !== undefined && value > schema.maximum) out.push(`${at}: above maximum`);
    if (schema.exclusiveMinimum !== undefined && value <= schema.exclusiveMinimum) out.push(`${at}: not above exclusiveMinimum`);
  } else if (type === "boolean" && typeof value !== "boolean") out.push(`${at}: not a boolean`);
  else if (type === "null" && value !== null) out.push(`${at}: not null`);
  return out;
}

const WEATHER = { type: "object", properties: { city: { type: "string" } }, required: ["city"] };
const converseTools = (choice?: unknown) => ({
  tools: [
    { toolSpec: { name: "get_weather", description: "Current weather for a city", inputSchema: { json: WEATHER } } },
    { toolSpec: { name: "book_room", description: "Books a hotel room", inputSchema: { json: BOOKING } } },
  ],
  ...(choice === undefined ? {} : { toolChoice: choice }),
});
const ASK = (text: string) => [{ role: "user", content: [{ text }] }];
const CLAUDE = "us.anthropic.claude-3-5-haiku-20241022-v1:0";

type ConverseAnswer = { stopReason: string; output: { message: { content: { text?: string; toolUse?: { name: string; input: unknown } }[] } } };

describe("Converse tool choice", () => {
  it("tool: calls the named tool, whatever the text asks, with arguments that fit its schema", async () => {
    const answer = (await (await post(CLAUDE, "converse", { messages: ASK("Tell me a joke about Paris"), toolConfig: converseTools({ tool: { name: "book_room" } }) })).json()) as ConverseAnswer;
    expect(answer.stopReason).toBe("tool_use");
    expect(answer.output.message.content.map((b) => Object.keys(b)[0])).toEqual(["toolUse"]);
    const call = answer.output.message.content[0]!.toolUse!;
    expect(call.name).toBe("book_room");
    expect(violations(BOOKING, call.input)).toEqual([]);
  });

  it("any: calls the tool the text asks for, else the first", async () => {
    const asked = (await (await post(CLAUDE, "converse", { messages: ASK("I need a hotel in Rome"), toolConfig: converseTools({ any: {} }) })).json()) as ConverseAnswer;
    expect(asked.output.message.content.find((b) => b.toolUse)?.toolUse?.name).toBe("book_room");
    const unasked = (await (await post(CLAUDE, "converse", { messages: ASK("Tell me a joke"), toolConfig: converseTools({ any: {} }) })).json()) as ConverseAnswer;
    expect(unasked.stopReason).toBe("tool_use");
    expect(unasked.output.message.content.find((b) => b.toolUse)?.toolUse).toMatchObject({ name: "get_weather", input: { city: "example city" } });
  });

  it("auto: text when no tool is asked for, a call when one is", async () => {
    const text = (await (await post(CLAUDE, "converse", { messages: ASK("Tell me a joke"), toolConfig: converseTools({ auto: {} }) })).json()) as ConverseAnswer;
    expect(text.stopReason).toBe("end_turn");
    expect(text.output.message.content).toEqual([{ text: expect.stringMatching(/^Echo: Tell me a joke\./) }]);
    const call = (await (await post(CLAUDE, "converse", { messages: ASK("What is the weather in Rome?"), toolConfig: converseTools() })).json()) as ConverseAnswer;
    expect(call.stopReason).toBe("tool_use");
    expect(call.output.message.content.find((b) => b.toolUse)?.toolUse).toEqual(expect.objectContaining({ name: "get_weather", input: { city: "Rome" } }));
  });

  it("streamed: a forced call arrives as contentBlockStart and JSON deltas that fit the schema", async () => {
    const res = await post(CLAUDE, "converse-stream", { messages: ASK("Hello"), toolConfig: converseTools({ tool: { name: "book_room" } }) });
    const frames = decodeFrames(new Uint8Array(await res.arrayBuffer()));
    const types = frames.map((f) => f.headers[":event-type"]);
    expect(types).toContain("contentBlockStart");
    expect(frames.find((f) => f.headers[":event-type"] === "contentBlockStart")?.json).toMatchObject({ start: { toolUse: { name: "book_room" } } });
    const input = frames.map((f) => (f.json.delta as { toolUse?: { input: string } } | undefined)?.toolUse?.input ?? "").join("");
    expect(violations(BOOKING, JSON.parse(input))).toEqual([]);
    expect(frames.find((f) => f.headers[":event-type"] === "messageStop")?.json).toMatchObject({ stopReason: "tool_use" });
  });
});

describe("native tool choice", () => {
  const anthropicTools = [{ name: "get_weather", description: "Current weather for a city", input_schema: WEATHER },
    { name: "book_room", description: "Books a hotel room", input_schema: BOOKING }];
  const claude = (tool_choice: unknown, text = "Hello") => ({ anthropic_version: "bedrock-2023-05-31", max_tokens: 200, tools: anthropicTools, tool_choice,
    messages: [{ role: "user", content: text }] });

  it("Anthropic tool_choice tool and any, on InvokeModel and its stream; none never calls", async () => {
    const named = (await (await post(CLAUDE, "invoke", claude({ type: "tool", name: "book_room" }))).json()) as { stop_reason: string; content: { type: string; name?: string; input?: unknown }[] };
    expect(named.stop_reason).toBe("tool_use");
    expect(named.content).toEqual([expect.objectContaining({ type: "tool_use", name: "book_room" })]);
    expect(violations(BOOKING, named.content[0]!.input)).toEqual([]);
    const any = (await (await post(CLAUDE, "invoke", claude({ type: "any" }))).json()) as { content: { type: string }[] };
    expect(any.content.map((b) => b.type)).toEqual(["tool_use"]);
    const none = (await (await post(CLAUDE, "invoke", claude({ type: "none" }, "What is the weather in Rome?"))).json()) as { stop_reason: string };
    expect(none.stop_reason).toBe("end_turn");
    const stream = await post(CLAUDE, "invoke-with-response-stream", claude({ type: "tool", name: "get_weather" }));
    const events = decodeFrames(new Uint8Array(await stream.arrayBuffer())).map((f) => f.json);
    expect(events.find((e) => e.type === "content_block_start")).toMatchObject({ content_block: { type: "tool_use", name: "get_weather" } });
    expect(events.find((e) => e.type === "message_delta")).toMatchObject({ delta: { stop_reason: "tool_use" } });
  });

  it("OpenAI-style tool_choice on gpt-oss (required, a named function) and Mistral Large (any)", async () => {
    const functions = [{ type: "function", function: { name: "get_weather", description: "Weather", parameters: WEATHER } },
      { type: "function", function: { name: "book_room", description: "Books", parameters: BOOKING } }];
    for (const [model, tool_choice, name] of [["openai.gpt-oss-120b-1:0", "required", "get_weather"],
      ["openai.gpt-oss-120b-1:0", { type: "function", function: { name: "book_room" } }, "book_room"],
      ["mistral.mistral-large-2407-v1:0", "any", "get_weather"]] as const) {
      const answer = (await (await post(model, "invoke", { messages: [{ role: "user", content: "Hello" }], tools: functions, tool_choice })).json()) as
        { choices: { message: { tool_calls?: { function: { name: string; arguments: string } }[] } }[] };
      const call = answer.choices[0]!.message.tool_calls?.[0];
      expect(call?.function.name, model).toBe(name);
      expect(violations(name === "book_room" ? BOOKING : WEATHER, JSON.parse(call!.function.arguments))).toEqual([]);
    }
  });

  it("Nova toolConfig.toolChoice on InvokeModel", async () => {
    const answer = (await (await post("amazon.nova-lite-v1:0", "invoke", { messages: ASK("Hello"), toolConfig: converseTools({ tool: { name: "book_room" } }) })).json()) as ConverseAnswer;
    expect(answer.stopReason).toBe("tool_use");
    expect(answer.output.message.content.find((b) => b.toolUse)?.toolUse?.name).toBe("book_room");
  });
});

describe("response_format through the library", () => {
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => emulator(new Request(input, init))) as typeof globalThis.fetch;
  const bedrock = createBedrock({ region: "us-east-1", credentials: TEST_KEY, fetch });
  const person = { type: "object", properties: { name: { type: "string" }, age: { type: "integer", minimum: 18 }, email: { type: "string", format: "email" } },
    required: ["name", "age", "email"], additionalProperties: false };

  for (const model of ["bedrock/anthropic.claude-3-haiku-20240307-v1:0", "bedrock/invoke/anthropic.claude-3-haiku-20240307-v1:0"]) {
    it(`json_schema answers JSON that fits the schema (${model})`, async () => {
      const answer = await bedrock.completion({ model, messages: [{ role: "user", content: "Describe Ada Lovelace" }],
        response_format: { type: "json_schema", json_schema: { name: "person", schema: person } } });
      const json = JSON.parse(answer.choices[0]!.message.content!) as unknown;
      expect(violations(person, json)).toEqual([]);
      expect(json).toMatchObject({ name: "Ada Lovelace", age: 18, email: "user@example.com" });
    });
  }

  it("json_object (a forced JSON tool on Converse) answers a JSON object", async () => {
    const answer = await bedrock.completion({ model: "bedrock/amazon.nova-lite-v1:0", messages: [{ role: "user", content: "Give me JSON" }],
      response_format: { type: "json_object" } });
    expect(JSON.parse(answer.choices[0]!.message.content!)).toEqual({});
    expect(answer.choices[0]!.finish_reason).toBe("stop");
  });
});

describe("hostile tool schemas", () => {
  it("get bounded arguments, without recursing without end", async () => {
    const { argumentsFromSchema } = await import("../../src/emulator/index");
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 5000; i++) deep = { allOf: [deep] };
    expect(argumentsFromSchema({ type: "object", properties: { a: deep }, required: ["a"] }, "x")).toHaveProperty("a");
    const huge = { type: "array", minItems: 1e9, items: { type: "array", minItems: 1e9, items: { type: "string", minLength: 1e9 } } };
    expect(JSON.stringify(argumentsFromSchema({ type: "object", properties: { a: huge }, required: ["a"] }, "x")).length).toBeLessThan(10_000_000);
    const cyclic = { $defs: { node: { type: "object", properties: { next: { $ref: "#/$defs/node" } }, required: ["next"] } }, $ref: "#/$defs/node" };
    expect(argumentsFromSchema(cyclic, "x")).toHaveProperty("next");
  });
});
