/**
 * The official AWS SDK v3 client works against the emulator with its defaults (HTTP/2 for Bedrock Runtime): its own
 * SigV4 signer, path encoding, event-stream parser and error deserializer all accept what the emulator sends.
 */
import {
  BedrockRuntimeClient,
  ConverseCommand,
  ConverseStreamCommand,
  InvokeModelCommand,
  InvokeModelWithResponseStreamCommand,
} from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { serve, type RunningServer } from "../../src/node/index";
import { TEST_KEY } from "./helpers";

let server: RunningServer;
let client: BedrockRuntimeClient;
beforeAll(async () => {
  server = await serve(createEmulator());
  client = new BedrockRuntimeClient({ region: "us-east-1", endpoint: server.url, credentials: TEST_KEY, maxAttempts: 1 });
});
afterAll(async () => {
  client.destroy();
  await server.close();
});

const MODEL = "anthropic.claude-3-haiku-20240307-v1:0";
const BODY = { anthropic_version: "bedrock-2023-05-31", max_tokens: 100, messages: [{ role: "user", content: "Hello from the SDK" }] };

describe("AWS SDK v3 against the emulator", () => {
  it("InvokeModel", async () => {
    const out = await client.send(new InvokeModelCommand({ modelId: MODEL, contentType: "application/json", body: JSON.stringify(BODY) }));
    expect(out.contentType).toBe("application/json");
    const body = JSON.parse(new TextDecoder().decode(out.body)) as { content: { text: string }[] };
    expect(body.content[0]!.text).toMatch(/^Echo: Hello from the SDK\. /);
  });

  it("InvokeModelWithResponseStream", async () => {
    const out = await client.send(new InvokeModelWithResponseStreamCommand({ modelId: MODEL, contentType: "application/json", body: JSON.stringify(BODY) }));
    const events: { type: string; delta?: { text?: string } }[] = [];
    for await (const part of out.body!) {
      if (part.chunk?.bytes) events.push(JSON.parse(new TextDecoder().decode(part.chunk.bytes)));
    }
    expect(events[0]!.type).toBe("message_start");
    expect(events.at(-1)!.type).toBe("message_stop");
    expect(events.map((e) => e.delta?.text ?? "").join("")).toMatch(/^Echo: Hello from the SDK\. /);
  });

  it("Converse (inference-profile id, percent-encoded by the SDK)", async () => {
    const out = await client.send(new ConverseCommand({ modelId: "us.amazon.nova-micro-v1:0",
      messages: [{ role: "user", content: [{ text: "Hi Converse" }] }], inferenceConfig: { maxTokens: 3 } }));
    expect(out.stopReason).toBe("max_tokens");
    expect(out.output?.message?.content?.[0]?.text).toBe("Echo: Hi Converse.");
    expect(out.usage).toMatchObject({ outputTokens: 3 });
  });

  it("ConverseStream with a tool call", async () => {
    // Llama 3.1 has no streamed tool use on Bedrock; Claude 3 Haiku has.
    const out = await client.send(new ConverseStreamCommand({ modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      messages: [{ role: "user", content: [{ text: "Call lookup_order for order 42" }] }],
      toolConfig: { tools: [{ toolSpec: { name: "lookup_order", description: "Look up an order",
        inputSchema: { json: { type: "object", properties: { orderId: { type: "integer" } }, required: ["orderId"] } } } }] } }));
    const seen: string[] = [];
    let input = "";
    let stopReason: string | undefined;
    for await (const event of out.stream!) {
      seen.push(Object.keys(event)[0]!);
      input += event.contentBlockDelta?.delta?.toolUse?.input ?? "";
      stopReason ??= event.messageStop?.stopReason;
    }
    expect(seen[0]).toBe("messageStart");
    expect(seen).toContain("contentBlockStart");
    expect(seen.at(-1)).toBe("metadata");
    expect(JSON.parse(input)).toEqual({ orderId: 1 });
    expect(stopReason).toBe("tool_use");
  });

  it("maps the emulator's errors to the SDK's modelled exceptions", async () => {
    await expect(client.send(new ConverseCommand({ modelId: "no-such-model", messages: [{ role: "user", content: [{ text: "x" }] }] })))
      .rejects.toMatchObject({ name: "ValidationException", message: "The provided model identifier is invalid.", $metadata: { httpStatusCode: 400 } });
    const stranger = new BedrockRuntimeClient({ region: "us-east-1", endpoint: server.url, maxAttempts: 1,
      credentials: { accessKeyId: "AKIDSTRANGER", secretAccessKey: "secret-not-shown" } });
    await expect(stranger.send(new InvokeModelCommand({ modelId: MODEL, body: JSON.stringify(BODY) })))
      .rejects.toMatchObject({ name: "UnrecognizedClientException", $metadata: { httpStatusCode: 403 } });
    stranger.destroy();
  });
});
