// An OpenAI-shaped chat on Claude's native Messages body: chatCompletion on a core client with the `anthropic`
// family only, streamed over InvokeModelWithResponseStream. test/bundle/run.test.ts runs the bundle against the
// emulator; it returns the last chunk's `finish_reason`.
import { chatCompletion, createBedrockCore, type Credentials } from "../../../src/index";
import { anthropic } from "../../../src/families/index";

export async function run(options: {
  endpoint: string;
  credentials: Credentials;
  text: string;
  onText: (delta: string) => void;
}): Promise<string | null> {
  const core = createBedrockCore({ region: "us-east-1", endpoint: options.endpoint, credentials: options.credentials });
  const stream = await chatCompletion(core, {
    model: "invoke/anthropic.claude-3-haiku-20240307-v1:0",
    messages: [{ role: "user", content: options.text }],
    stream: true,
  }, { families: [anthropic] });
  let finishReason: string | null = null;
  for await (const chunk of stream) {
    options.onText(chunk.choices[0]?.delta.content ?? "");
    finishReason = chunk.choices[0]?.finish_reason ?? finishReason;
  }
  return finishReason;
}
