/**
 * `fromStatic`: fixed credentials as a provider (for chains and APIs that want a function).
 */
import type { Credentials } from "../sigv4";
import type { CredentialProvider } from "./types";
import { checkCredentials } from "./validate";

/**
 * A provider that always returns `credentials`, checked now.
 *
 * @example
 * ```ts
 * const credentials = fromStatic({ accessKeyId: "AKIA...", secretAccessKey: "..." });
 * ```
 */
export function fromStatic(credentials: Credentials): CredentialProvider {
  const fixed = checkCredentials(credentials, "credentials");
  return async () => fixed;
}
