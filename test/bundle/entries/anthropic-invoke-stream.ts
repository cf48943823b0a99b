// A streamed native Anthropic Messages call: InvokeModelWithResponseStream with the model's own body.
// test/bundle/run.test.ts runs the bundle against the emulator; it returns the native stop reason (the
// `message_delta` event's `stop_reason`, https://docs.anthropic.com/en/api/messages-streaming#event-types).
import { createBedrock, type Credentials } from "../../../src/index";

export async function run(options: {
  endpoint: string;
  credentials: Credentials;
  text: string;
  onText: (delta: string) => void;
}): Promise<string | undefined> {
  const bedrock = createBedrock({ region: "us-east-1", endpoint: options.endpoint, credentials: options.credentials });
  const stream = await bedrock.runtime.invokeModelWithResponseStream({
    modelId: "anthropic.claude-3-haiku-20240307-v1:0",
    body: { anthropic_version: "bedrock-2023-05-31", max_tokens: 512, messages: [{ role: "user", content: options.text }] },
  });
  let stopReason: string | undefined;
  for await (const event of stream) {
    const data = event.data as { type?: string; delta?: { text?: string; stop_reason?: string } };
    if (data.type === "content_block_delta") options.onText(data.delta?.text ?? "");
    else if (data.type === "message_delta") stopReason = data.delta?.stop_reason;
  }
  return stopReason;
}
