// One embedding call through the OpenAI-shaped method. test/bundle/run.test.ts runs the bundle against the emulator.
import { createBedrock, type Credentials } from "../../../src/index";

export async function run(options: { endpoint: string; credentials: Credentials; text: string }): Promise<number[]> {
  const bedrock = createBedrock({ region: "us-east-1", endpoint: options.endpoint, credentials: options.credentials });
  const response = await bedrock.embedding({ model: "amazon.titan-embed-text-v2:0", input: options.text });
  return response.data[0]?.embedding as number[];
}
