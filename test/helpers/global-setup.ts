/**
 * Runs once per `vitest run`, before any test file: says once (rather than once per test file) when `../shared` is
 * absent and the suites over real Bedrock traffic and the AWS vectors therefore skip.
 */
import { hasShared, sharedMissingNotice } from "./shared";

export default function setup(): void {
  if (!hasShared) console.warn(sharedMissingNotice);
}
