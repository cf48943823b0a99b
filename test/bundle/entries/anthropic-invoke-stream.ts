// A streamed native Anthropic Messages call: InvokeModelWithResponseStream with the model's own body.
import { createBedrock } from "../../../src/index";

export async function chat(text: string, onText: (delta: string) => void): Promise<void> {
  const bedrock = createBedrock({ region: "us-east-1" });
  const stream = await bedrock.runtime.invokeModelWithResponseStream({
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    body: { anthropic_version: "bedrock-2023-05-31", max_tokens: 512, messages: [{ role: "user", content: text }] },
  });
  for await (const event of stream) {
    const data = event.data as { type?: string; delta?: { text?: string } };
    if (data.type === "content_block_delta") onText(data.delta?.text ?? "");
  }
}
