// The same streamed chat with the Vercel AI SDK (`ai` streamText + @ai-sdk/amazon-bedrock). Plain JavaScript so
// that the type check does not need these optional peers installed; `npm run size` bundles it only when they are.
import { createAmazonBedrock } from "@ai-sdk/amazon-bedrock";
import { streamText } from "ai";

export async function chat(text, onText) {
  const bedrock = createAmazonBedrock({ region: "us-east-1" });
  const result = streamText({ model: bedrock("anthropic.claude-3-haiku-20240307-v1:0"), prompt: text });
  for await (const delta of result.textStream) onText(delta);
}
