/**
 * `defaultProvider`: the AWS SDKs' default credential chain, for Node
 * (https://docs.aws.amazon.com/sdkref/latest/guide/standardized-credentials.html).
 */
import type { EnvRecord } from "../../env";
import { cached, type CachedProvider } from "../../credentials/cached";
import { chain } from "../../credentials/chain";
import { CredentialsProviderError } from "../../credentials/errors";
import { fromEnv } from "../../credentials/from-env";
import type { Clock, CredentialProvider, FetchLike } from "../../credentials/types";
import { fromContainerMetadata } from "./from-container";
import { fromInstanceMetadata } from "./from-instance-metadata";
import { fromProfile, type ProfileOptions } from "./from-profile";
import { fromTokenFile } from "./from-token-file";

/** Options of {@link defaultProvider}. */
export interface DefaultProviderOptions extends ProfileOptions {
  /** @defaultValue `process.env` */
  env?: EnvRecord | undefined;
  fetch?: FetchLike | undefined;
  now?: Clock | undefined;
  /** IMDS endpoint override (tests). @defaultValue `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else 169.254.169.254 */
  instanceMetadataEndpoint?: string | undefined;
  /** Per-attempt timeout of the container and IMDS endpoints, ms. @defaultValue 1000 */
  metadataTimeout?: number | undefined;
}

/**
 * Tries, in order: environment variables → web identity token file (`AWS_WEB_IDENTITY_TOKEN_FILE`) → the profile
 * (`profile` option, `AWS_PROFILE`, else `default`) of the shared files → container credentials (ECS, EKS Pod
 * Identity) → EC2 instance metadata (IMDSv2). The first source that is configured wins and is used from then on;
 * a source that is configured but broken (a bad profile, a failing credential_process) surfaces its error instead
 * of being skipped. With an explicit `profile` option the environment variables are skipped, as the AWS SDKs do.
 * The result is cached and refreshed ahead of expiry.
 *
 * @example
 * ```ts
 * import { defaultProvider } from "bedrock-fetch/node";
 * const bedrock = createBedrock({ region: "us-east-1", credentials: defaultProvider() });
 * ```
 */
export function defaultProvider(options: DefaultProviderOptions = {}): CachedProvider {
  const env = options.env ?? process.env;
  const common = { env, fetch: options.fetch, now: options.now };
  const metadata = { ...common, timeout: options.metadataTimeout };
  const links: CredentialProvider[] = [
    ...(options.profile === undefined ? [fromEnv(env)] : []),
    fromTokenFile({ ...common, timeout: options.timeout }),
    fromProfile({ ...options, env }),
    fromContainerMetadata(metadata),
    fromInstanceMetadata({ ...metadata, endpoint: options.instanceMetadataEndpoint }),
  ];
  const inner = chain(...links);
  return cached(
    async (call) => {
      try {
        return await inner(call);
      } catch (error) {
        if (error instanceof CredentialsProviderError && error.provider === "chain") {
          throw new CredentialsProviderError(
            "defaultProvider",
            "No AWS credentials found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, configure a profile in ~/.aws " +
              "(or set AWS_PROFILE), or run where a container or instance role is available. " + error.message,
            { tryNextLink: true },
          );
        }
        throw error;
      }
    },
    { now: options.now, refreshBefore: options.refreshBefore },
  );
}
