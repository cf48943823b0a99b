// A streamed Converse chat through the raw runtime operation, as size-conscious code would write it: the core
// client and the one operation function it calls (the same operation as `createBedrockRuntime().runtime.converseStream`,
// without the other eight). The call the 10 KB budget applies to. test/bundle/run.test.ts runs the bundle against
// the emulator; it returns the native stop reason (the `messageStop` event's `stopReason`).
import { converseStream, createBedrockCore, type Credentials } from "../../../src/index";

export async function run(options: {
  endpoint: string;
  credentials: Credentials;
  text: string;
  onText: (delta: string) => void;
}): Promise<string | undefined> {
  const core = createBedrockCore({ region: "us-east-1", endpoint: options.endpoint, credentials: options.credentials });
  const stream = await converseStream(core, {
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    messages: [{ role: "user", content: [{ text: options.text }] }],
  });
  let stopReason: string | undefined;
  for await (const event of stream) {
    if (event.type === "contentBlockDelta" && "text" in event.data.delta) options.onText(event.data.delta.text);
    else if (event.type === "messageStop") stopReason = event.data.stopReason;
  }
  return stopReason;
}
