// One embedding call through the OpenAI-shaped method.
import { createBedrock } from "../../../src/index";

export async function embed(input: string): Promise<number[]> {
  const bedrock = createBedrock({ region: "us-east-1" });
  const response = await bedrock.embedding({ model: "amazon.titan-embed-text-v2:0", input });
  return response.data[0]?.embedding as number[];
}
