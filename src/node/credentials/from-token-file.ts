/**
 * `fromTokenFile`: AssumeRoleWithWebIdentity with a token read from a file — the EKS IAM-roles-for-service-accounts
 * setup (`AWS_WEB_IDENTITY_TOKEN_FILE`, `AWS_ROLE_ARN`, `AWS_ROLE_SESSION_NAME`;
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-assume-role-credentials.html). The file is re-read on
 * every refresh, because the kubelet rotates it.
 */
import { readFile } from "node:fs/promises";
import { ConfigurationError } from "../../errors";
import type { EnvRecord } from "../../env";
import type { CachedProvider } from "../../credentials/cached";
import { CredentialsProviderError } from "../../credentials/errors";
import type { CredentialProvider } from "../../credentials/types";
import { fromWebIdentity, type WebIdentityOptions } from "../../credentials/web-identity";

/** Options of {@link fromTokenFile}; each defaults to its variable. */
export interface TokenFileOptions extends Omit<WebIdentityOptions, "roleArn" | "token" | "tokenProvider"> {
  /** @defaultValue `AWS_WEB_IDENTITY_TOKEN_FILE` */
  webIdentityTokenFile?: string | undefined;
  /** @defaultValue `AWS_ROLE_ARN` */
  roleArn?: string | undefined;
  /** @defaultValue `process.env` */
  env?: EnvRecord | undefined;
}

/** Builds the web identity provider for a token file (shared with profiles' `web_identity_token_file`). @internal */
export function webIdentityFromFile(file: string, options: WebIdentityOptions & { roleArn: string }, field: string): CachedProvider {
  return fromWebIdentity({
    ...options,
    tokenProvider: async () => {
      try {
        return await readFile(file, "utf8");
      } catch {
        throw new ConfigurationError(field, `${field} names a file that cannot be read; check the path (the token itself is not shown).`);
      }
    },
  });
}

/**
 * A provider for `AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`. Without the variables it throws a
 * {@link CredentialsProviderError} with `tryNextLink` when called.
 */
export function fromTokenFile(options: TokenFileOptions = {}): CredentialProvider {
  let inner: CachedProvider | undefined;
  return async (call) => {
    if (!inner) {
      const env = options.env ?? process.env;
      const file = options.webIdentityTokenFile ?? env.AWS_WEB_IDENTITY_TOKEN_FILE;
      const roleArn = options.roleArn ?? env.AWS_ROLE_ARN;
      if (!file) {
        throw new CredentialsProviderError("web identity token file", "AWS_WEB_IDENTITY_TOKEN_FILE is not set.", { tryNextLink: true });
      }
      if (!roleArn) {
        throw new ConfigurationError("AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE is set but AWS_ROLE_ARN is not; set it to the role to assume.");
      }
      const { env: _env, webIdentityTokenFile: _file, ...rest } = options;
      inner = webIdentityFromFile(file, {
        ...rest,
        roleArn,
        region: options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? "us-east-1",
        endpoint: options.endpoint ?? (env.AWS_ENDPOINT_URL_STS || env.AWS_ENDPOINT_URL || undefined),
        roleSessionName: options.roleSessionName ?? env.AWS_ROLE_SESSION_NAME,
      }, "AWS_WEB_IDENTITY_TOKEN_FILE");
    }
    return inner(call);
  };
}
