// The smallest OpenAI-shaped chat: chatCompletion on a core client, streamed over ConverseStream, with no model
// family and no remote-media downloader. test/bundle/run.test.ts runs the bundle against the emulator; it returns
// the last chunk's `finish_reason`.
import { chatCompletion, createBedrockCore, type Credentials } from "../../../src/index";

export async function run(options: {
  endpoint: string;
  credentials: Credentials;
  text: string;
  onText: (delta: string) => void;
}): Promise<string | null> {
  const core = createBedrockCore({ region: "us-east-1", endpoint: options.endpoint, credentials: options.credentials });
  const stream = await chatCompletion(core, {
    model: "anthropic.claude-3-haiku-20240307-v1:0",
    messages: [{ role: "user", content: options.text }],
    stream: true,
  });
  let finishReason: string | null = null;
  for await (const chunk of stream) {
    options.onText(chunk.choices[0]?.delta.content ?? "");
    finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
  }
  return finishReason;
}
