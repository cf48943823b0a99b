// A streamed OpenAI-shaped chat: bedrock.completion({ stream: true }), routed to ConverseStream.
import { createBedrock } from "../../../src/index";

export async function chat(text: string, onText: (delta: string) => void): Promise<void> {
  const bedrock = createBedrock({ region: "us-east-1" });
  const stream = await bedrock.completion({
    model: "anthropic.claude-3-haiku-20240307-v1:0",
    messages: [{ role: "user", content: text }],
    stream: true,
  });
  for await (const chunk of stream) onText(chunk.choices[0]?.delta.content ?? "");
}
