/**
 * Where the `demo` and `chat` commands send their calls: Amazon Bedrock when AWS credentials are in the environment
 * (`AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`, or `AWS_BEARER_TOKEN_BEDROCK`), otherwise, or with `--emulator`, the
 * built-in emulator on a free loopback port, reached over real HTTP with SigV4.
 */
import { createBedrock } from "../bedrock";
import type { BedrockClient } from "../bedrock";
import { createEmulator, TEST_CREDENTIALS } from "../emulator/index";
import { serve } from "../node/server";

export interface Target {
  bedrock: BedrockClient;
  /** Set when the emulator was started. */
  emulatorUrl: string | undefined;
  /** AWS region of real Bedrock. */
  region: string | undefined;
  close(): Promise<void>;
}

function hasAwsCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean((env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || env.AWS_BEARER_TOKEN_BEDROCK);
}

export async function openTarget(options: { forceEmulator: boolean; region: string | undefined }): Promise<Target> {
  if (options.forceEmulator || !hasAwsCredentials(process.env)) {
    const server = await serve(createEmulator(), { port: 0 });
    return {
      bedrock: createBedrock({ region: "us-east-1", endpoint: server.url, credentials: TEST_CREDENTIALS, env: {} }),
      emulatorUrl: server.url,
      region: undefined,
      close: () => server.close(),
    };
  }
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? "us-east-1";
  return { bedrock: createBedrock({ region }), emulatorUrl: undefined, region, close: async () => {} };
}
