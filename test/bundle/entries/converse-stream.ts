// A streamed Converse chat through the raw runtime operation, as size-conscious code would write it: the core
// client and the one operation function it calls (the same operation as `createBedrockRuntime().runtime.converseStream`,
// without the other eight). The call the 10 KB budget applies to.
import { converseStream, createBedrockCore } from "../../../src/index";

export async function chat(text: string, onText: (delta: string) => void): Promise<void> {
  const core = createBedrockCore({ region: "us-east-1" });
  const stream = await converseStream(core, {
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    messages: [{ role: "user", content: [{ text }] }],
  });
  for await (const event of stream) {
    if (event.type === "contentBlockDelta" && "text" in event.data.delta) onText(event.data.delta.text);
  }
}
