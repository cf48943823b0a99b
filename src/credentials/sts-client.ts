/**
 * A minimal STS client over the AWS Query protocol: form-encoded POST, XML answer.
 * API reference: https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html ; request shape:
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonParameters.html ; errors:
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html (body `<ErrorResponse><Error><Type/>
 * <Code/><Message/></Error><RequestId/></ErrorResponse>`).
 * @internal
 */
import { BedrockError, ConfigurationError, createAPIError } from "../errors";
import type { Credentials } from "../sigv4";
import { signHeaders } from "../sigv4/sign-headers";
import { send } from "./http";
import type { Clock, FetchLike } from "./types";
import { checkCredentials, checkEndpoint, checkRegion, makeCredentials } from "./validate";
import { parseXml, xmlChild, xmlText } from "./xml";

/** Where and how to reach STS. */
export interface StsEndpointOptions {
  /** Region of the regional endpoint `https://sts.{region}.amazonaws.com`, and the signing region. */
  region?: string | undefined;
  /** Overrides the endpoint URL (a VPC endpoint, a FIPS endpoint, a test server). */
  endpoint?: string | undefined;
  /** @defaultValue `globalThis.fetch` */
  fetch?: FetchLike | undefined;
  /** @defaultValue `() => new Date()` */
  now?: Clock | undefined;
}

/** What an STS credentials answer carries. */
export interface StsCredentialsAnswer {
  credentials: Credentials;
  /** `AssumedRoleUser/Arn`, e.g. `arn:aws:sts::123456789012:assumed-role/Role/session`. */
  assumedRoleArn: string | undefined;
  requestId: string | undefined;
}

const VERSION = "2011-06-15";

/** The STS endpoint for a region: `sts.{region}.amazonaws.com`, `.amazonaws.com.cn` in China. */
export function stsEndpoint(options: StsEndpointOptions, field: string): { url: string; region: string } {
  if (options.endpoint !== undefined) {
    const url = checkEndpoint(options.endpoint, `${field}.endpoint`);
    return { url, region: options.region === undefined ? "us-east-1" : checkRegion(options.region, `${field}.region`) };
  }
  if (options.region === undefined) {
    throw new ConfigurationError(`${field}.region`, `${field} needs a region for the STS endpoint (e.g. region: "us-east-1") or an explicit endpoint.`);
  }
  const region = checkRegion(options.region, `${field}.region`);
  const suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
  return { url: `https://sts.${region}.${suffix}`, region };
}

/**
 * Calls an STS action that returns credentials (`AssumeRole`, `AssumeRoleWithWebIdentity`), signing with
 * `signWith` when given (service `sts`).
 */
export async function callStsForCredentials(
  action: string,
  params: ReadonlyArray<readonly [string, string]>,
  options: StsEndpointOptions,
  field: string,
  signWith?: Credentials,
): Promise<StsCredentialsAnswer> {
  const { url, region } = stsEndpoint(options, field);
  const form = new URLSearchParams([["Action", action], ["Version", VERSION], ...params.map(([k, v]) => [k, v])]);
  const body = form.toString();
  let headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
  // The header-only signer the transport uses: this request is a plain POST with a string body, so the code of
  // `signRequest` for `Request` objects, query signing and presigning would be dead weight in a bundle.
  if (signWith) {
    headers = await signHeaders("POST", `${url}/`, headers, body, checkCredentials(signWith, "sourceCredentials"), region, "sts",
      options.now ?? (() => new Date()));
  }
  const response = await send(options.fetch, `${url}/`, { method: "POST", headers, body }, `STS ${action}`);
  const text = await response.text().catch(() => "");
  const doc = parseXml(text);
  if (!response.ok) {
    const error = xmlChild(doc, "Error");
    const code = xmlText(error, "Code");
    const message = xmlText(error, "Message") ?? code ?? `HTTP ${response.status}`;
    throw createAPIError({
      status: response.status,
      code,
      message: `STS ${action} failed: ${message}`,
      requestId: xmlText(doc, "RequestId") ?? response.headers.get("x-amzn-requestid") ?? undefined,
    });
  }
  const result = xmlChild(doc, `${action}Result`);
  const c = xmlChild(result, "Credentials");
  const accessKeyId = xmlText(c, "AccessKeyId");
  const secretAccessKey = xmlText(c, "SecretAccessKey");
  const sessionToken = xmlText(c, "SessionToken");
  const expirationText = xmlText(c, "Expiration");
  const expiration = expirationText === undefined ? undefined : new Date(expirationText);
  const requestId = xmlText(doc, "ResponseMetadata", "RequestId") ?? response.headers.get("x-amzn-requestid") ?? undefined;
  if (doc?.name !== `${action}Response` || !accessKeyId || !secretAccessKey || !sessionToken || !expiration ||
    Number.isNaN(expiration.getTime())) {
    throw new BedrockError(`STS ${action} answered HTTP ${response.status} without readable credentials.`, {
      status: response.status,
      code: "InvalidResponse",
      requestId,
    });
  }
  return {
    credentials: makeCredentials(accessKeyId, secretAccessKey, sessionToken, expiration),
    assumedRoleArn: xmlText(result, "AssumedRoleUser", "Arn"),
    requestId,
  };
}
