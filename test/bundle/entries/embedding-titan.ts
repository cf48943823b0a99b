// One embedding with the Titan family only: createEmbeddings on a core client. test/bundle/run.test.ts runs the
// bundle against the emulator.
import { createBedrockCore, createEmbeddings, type Credentials } from "../../../src/index";
import { titanEmbeddings } from "../../../src/families/index";

export async function run(options: { endpoint: string; credentials: Credentials; text: string }): Promise<number[]> {
  const core = createBedrockCore({ region: "us-east-1", endpoint: options.endpoint, credentials: options.credentials });
  const response = await createEmbeddings(core, { model: "amazon.titan-embed-text-v2:0", input: options.text }, { families: [titanEmbeddings] });
  return response.data[0]?.embedding as number[];
}
