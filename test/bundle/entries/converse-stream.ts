// A streamed Converse chat through the raw runtime operation (the runtime-only client, as size-conscious code
// would use it): the call the 10 KB budget applies to.
import { createBedrockRuntime } from "../../../src/index";

export async function chat(text: string, onText: (delta: string) => void): Promise<void> {
  const bedrock = createBedrockRuntime({ region: "us-east-1" });
  const stream = await bedrock.runtime.converseStream({
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    messages: [{ role: "user", content: [{ text }] }],
  });
  for await (const event of stream) {
    if (event.type === "contentBlockDelta" && "text" in event.data.delta) onText(event.data.delta.text);
  }
}
