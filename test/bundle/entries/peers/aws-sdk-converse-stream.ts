// The same streamed Converse chat with the AWS SDK v3 client: the peer `npm run size` compares against.
import { BedrockRuntimeClient, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";

export async function chat(text: string, onText: (delta: string) => void): Promise<void> {
  const client = new BedrockRuntimeClient({ region: "us-east-1" });
  const response = await client.send(
    new ConverseStreamCommand({
      modelId: "anthropic.claude-3-haiku-20240307-v1:0",
      messages: [{ role: "user", content: [{ text }] }],
    }),
  );
  for await (const event of response.stream ?? []) onText(event.contentBlockDelta?.delta?.text ?? "");
}
