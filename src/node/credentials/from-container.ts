/**
 * `fromContainerMetadata`: credentials from the ECS task role endpoint or the EKS Pod Identity agent.
 * Variables and rules: https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html —
 * `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (appended to `http://169.254.170.2`, and preferred when both are set) or
 * `AWS_CONTAINER_CREDENTIALS_FULL_URI` (https anywhere; plain http only to a loopback address or the ECS/EKS link-local
 * hosts 169.254.170.2, 169.254.170.23, fd00:ec2::23), with the `Authorization` header from
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` (re-read on every call; EKS rotates it) or
 * `AWS_CONTAINER_AUTHORIZATION_TOKEN`. Answer: `{ AccessKeyId, SecretAccessKey, Token, Expiration }`.
 */
import { readFile } from "node:fs/promises";
import { BedrockError, ConfigurationError } from "../../errors";
import type { EnvRecord } from "../../env";
import { cached, type CachedProvider } from "../../credentials/cached";
import { CredentialsProviderError } from "../../credentials/errors";
import { answerError, readJson } from "../../credentials/http";
import type { Clock } from "../../credentials/types";
import { makeCredentials } from "../../credentials/validate";
import { fetchWithTimeout, type TimeoutFetchOptions } from "./timeout-fetch";

/** Options of {@link fromContainerMetadata}. */
export interface ContainerMetadataOptions extends TimeoutFetchOptions {
  /** @defaultValue `process.env` */
  env?: EnvRecord | undefined;
  now?: Clock | undefined;
  refreshBefore?: number | undefined;
}

const ECS_HOST = "http://169.254.170.2";
const ALLOWED_HTTP_HOSTS = new Set(["169.254.170.2", "169.254.170.23", "[fd00:ec2::23]", "localhost"]);

function isLoopback(hostname: string): boolean {
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname) || hostname === "[::1]";
}

/** The endpoint and authorization header the environment configures, or `undefined` when none is. */
export async function containerEndpoint(env: EnvRecord): Promise<{ url: string; authorization: string | undefined } | undefined> {
  const relative = env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI;
  const full = env.AWS_CONTAINER_CREDENTIALS_FULL_URI;
  let url: string;
  if (relative) {
    url = ECS_HOST + (relative.startsWith("/") ? relative : `/${relative}`);
  } else if (full) {
    let parsed: URL;
    try {
      parsed = new URL(full);
    } catch {
      throw new ConfigurationError("AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI must be an absolute URL.");
    }
    const ok = parsed.protocol === "https:" ||
      (parsed.protocol === "http:" && (isLoopback(parsed.hostname) || ALLOWED_HTTP_HOSTS.has(parsed.hostname)));
    if (!ok) {
      throw new ConfigurationError(
        "AWS_CONTAINER_CREDENTIALS_FULL_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI must use https, or http to a loopback address or 169.254.170.2 / 169.254.170.23 / [fd00:ec2::23].",
      );
    }
    url = parsed.href;
  } else return undefined;
  let authorization: string | undefined;
  const tokenFile = env.AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE;
  if (tokenFile) {
    try {
      authorization = (await readFile(tokenFile, "utf8")).trim();
    } catch {
      throw new ConfigurationError("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE names a file that cannot be read.");
    }
  } else if (env.AWS_CONTAINER_AUTHORIZATION_TOKEN) {
    authorization = env.AWS_CONTAINER_AUTHORIZATION_TOKEN.trim();
  }
  if (authorization !== undefined && /[\r\n]/.test(authorization)) {
    throw new ConfigurationError("AWS_CONTAINER_AUTHORIZATION_TOKEN", "The container authorization token must be a single line.");
  }
  return { url, authorization };
}

/**
 * A cached provider of the container's role credentials. Without the variables it throws a
 * {@link CredentialsProviderError} with `tryNextLink`.
 */
export function fromContainerMetadata(options: ContainerMetadataOptions = {}): CachedProvider {
  return cached(
    async (call) => {
      const env = options.env ?? process.env;
      const target = await containerEndpoint(env);
      if (!target) {
        throw new CredentialsProviderError("container", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI and AWS_CONTAINER_CREDENTIALS_FULL_URI are not set.", {
          tryNextLink: true,
        });
      }
      const headers: Record<string, string> = { accept: "application/json" };
      if (target.authorization) headers.authorization = target.authorization;
      const answer = await fetchWithTimeout(target.url, { method: "GET", headers }, "Container credentials", options, call?.signal);
      const c = readJson(answer);
      if (!answer.ok) {
        const message = typeof c?.Message === "string" ? c.Message : typeof c?.message === "string" ? c.message : undefined;
        throw answerError(answer, "Container credentials", typeof c?.Code === "string" ? c.Code : undefined, message);
      }
      const expiration = typeof c?.Expiration === "string" ? new Date(c.Expiration) : undefined;
      if (typeof c?.AccessKeyId !== "string" || typeof c.SecretAccessKey !== "string" || typeof c.Token !== "string" ||
        !expiration || Number.isNaN(expiration.getTime())) {
        throw new BedrockError("The container credentials endpoint answered without credentials.", { code: "InvalidResponse" });
      }
      return makeCredentials(c.AccessKeyId, c.SecretAccessKey, c.Token, expiration);
    },
    { refreshBefore: options.refreshBefore, now: options.now },
  );
}
