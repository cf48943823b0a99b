/**
 * A minimal STS client over the AWS Query protocol: form-encoded POST, XML answer.
 * API reference: https://docs.aws.amazon.com/STS/latest/APIReference/welcome.html ; request shape:
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonParameters.html ; errors:
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html (body `<ErrorResponse><Error><Type/>
 * <Code/><Message/></Error><RequestId/></ErrorResponse>`).
 * @internal
 */
import { BedrockError, ConfigurationError } from "../errors";
import type { Credentials } from "../sigv4";
import { signHeaders } from "../sigv4/sign-headers";
import { answerError, send } from "./http";
import { cached, type CachedProvider } from "./cached";
import type { Clock, FetchLike } from "./types";
import { checkCredentials, checkDuration, checkEndpoint, checkRegion, checkRoleArn, checkSessionName, makeCredentials } from "./validate";
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
  /** Milliseconds each STS request may take, its answer included; then it fails with `APITimeoutError`. @defaultValue 10000 */
  timeout?: number | undefined;
  /**
   * Accept a plain `http:` `endpoint` on any host, not only on loopback (an STS emulator in another container).
   * The request and the credentials STS answers with then cross the network unencrypted. @defaultValue false
   */
  allowInsecureEndpoint?: boolean | undefined;
}

const VERSION = "2011-06-15";

/** The session options AssumeRole and AssumeRoleWithWebIdentity share (the latter has no tags or external id). */
export interface RoleSessionOptions extends StsEndpointOptions {
  /** ARN of the role, e.g. `arn:aws:iam::123456789012:role/BedrockAccess`. */
  roleArn: string;
  /** Name of the session, visible in CloudTrail. @defaultValue `bedrock-fetch-<epoch ms>` */
  roleSessionName?: string | undefined;
  /** Lifetime of the credentials, 900-43200 s (capped by the role's maximum). @defaultValue STS's 3600 */
  durationSeconds?: number | undefined;
  /** The external id the role's trust policy requires (third-party access). */
  externalId?: string | undefined;
  /** An inline session policy (JSON text or an object) that narrows the role's permissions. */
  policy?: string | object | undefined;
  /** ARNs of managed policies used as session policies (up to 10). */
  policyArns?: readonly string[] | undefined;
  /** Session tags. */
  tags?: Readonly<Record<string, string>> | undefined;
  /** Tag keys that pass on to roles chained after this one. */
  transitiveTagKeys?: readonly string[] | undefined;
  /** Source identity recorded in CloudTrail. */
  sourceIdentity?: string | undefined;
  /** Refresh this many ms before expiry; see {@link cached}. @defaultValue 300000 */
  refreshBefore?: number | undefined;
}

/** Adds encoded parameters for more options to `params`, checking them. */
export type ParamEncoder = (options: RoleSessionOptions, params: Array<[string, string]>) => void;

// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html, request parameters.
const TAG_KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

/** Adds an optional string parameter that must match `pattern` (`allowed` says what it allows). */
function patterned(params: Array<[string, string]>, value: unknown, key: string, name: string, pattern: RegExp, allowed: string): void {
  if (value === undefined) return;
  if (typeof value !== "string" || !pattern.test(value)) throw new ConfigurationError(key, `${key} must be ${allowed}.`);
  params.push([name, value]);
}

/**
 * Encodes and checks what every role session takes: the role, the session name, the duration and the external id
 * (all that LiteLLM's parameters can set); `more` adds the other options. @internal
 */
export function roleParams(options: RoleSessionOptions, sessionName: string, more?: ParamEncoder): Array<[string, string]> {
  const params: Array<[string, string]> = [
    ["RoleArn", checkRoleArn(options.roleArn)],
    ["RoleSessionName", checkSessionName(sessionName)],
  ];
  const duration = checkDuration(options.durationSeconds);
  if (duration !== undefined) params.push(["DurationSeconds", String(duration)]);
  patterned(params, options.externalId, "externalId", "ExternalId", /^[\w+=,.@:/-]{2,1224}$/, "2 to 1224 characters of letters, digits and _+=,.@:/-");
  more?.(options, params);
  return params;
}

/**
 * The session policy, tag and source identity options of the public `assumeRole` and `fromWebIdentity`, kept out of
 * {@link roleParams} so that a bundle whose only role sessions come from LiteLLM's parameters does not carry them.
 * @internal
 */
export const sessionPolicyParams: ParamEncoder = (options, params) => {
  patterned(params, options.sourceIdentity, "sourceIdentity", "SourceIdentity", /^[\w+=,.@-]{2,64}$/, "2 to 64 characters of letters, digits and _+=,.@-");
  if (options.policy !== undefined) {
    const text = typeof options.policy === "string" ? options.policy : JSON.stringify(options.policy);
    try {
      JSON.parse(text);
    } catch {
      throw new ConfigurationError("policy", "policy must be an IAM policy document: a JSON string or an object.");
    }
    params.push(["Policy", text]);
  }
  (options.policyArns ?? []).forEach((arn, i) => {
    if (typeof arn !== "string" || !/^arn:aws[\w-]*:iam::(?:\d{12}|aws):policy\//.test(arn)) {
      throw new ConfigurationError(`policyArns[${i}]`, `policyArns[${i}] must be a managed policy ARN such as arn:aws:iam::aws:policy/AmazonBedrockReadOnly.`);
    }
    params.push([`PolicyArns.member.${i + 1}.arn`, arn]);
  });
  let n = 0;
  for (const [key, value] of Object.entries(options.tags ?? {})) {
    if (!TAG_KEY.test(key) || typeof value !== "string" || !TAG_VALUE.test(value)) {
      throw new ConfigurationError(`tags.${key}`, "Session tag keys must be 1-128 and values 0-256 characters of letters, digits, spaces and _.:/=+-@.");
    }
    n++;
    params.push([`Tags.member.${n}.Key`, key], [`Tags.member.${n}.Value`, value]);
  }
  if (n > 50) throw new ConfigurationError("tags", "STS accepts at most 50 session tags.");
  (options.transitiveTagKeys ?? []).forEach((key, i) => params.push([`TransitiveTagKeys.member.${i + 1}`, key]));
};

/**
 * A cached provider of a role's credentials: every option is checked now, before any request (with a stand-in
 * session name when none is given), and each refresh calls `fetchCredentials` with the encoded parameters.
 * @internal
 */
export function roleProvider(
  options: RoleSessionOptions,
  field: string,
  more: ParamEncoder | undefined,
  fetchCredentials: (params: Array<[string, string]>, signal: AbortSignal | undefined) => Promise<Credentials>,
): CachedProvider {
  const now = options.now ?? (() => new Date());
  const name = options.roleSessionName;
  roleParams(options, name ?? "bedrock-fetch-0", more);
  stsEndpoint(options, field);
  return cached((call) => fetchCredentials(roleParams(options, name ?? `bedrock-fetch-${now().getTime()}`, more), call?.signal), {
    refreshBefore: options.refreshBefore,
    now,
  });
}

/** The STS endpoint for a region: `sts.{region}.amazonaws.com`, `.amazonaws.com.cn` in China. */
export function stsEndpoint(options: StsEndpointOptions, field: string): { url: string; region: string } {
  if (options.endpoint !== undefined) {
    const url = checkEndpoint(options.endpoint, `${field}.endpoint`, options.allowInsecureEndpoint === true, "pass `allowInsecureEndpoint: true`");
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
 * `signWith` when given (service `sts`). `secret` is a secret the parameters carry (the web identity token).
 */
export async function callStsForCredentials(
  action: string,
  params: ReadonlyArray<[string, string]>,
  options: StsEndpointOptions,
  field: string,
  signal: AbortSignal | undefined,
  signWith?: Credentials,
  secret?: string,
): Promise<Credentials> {
  const { url, region } = stsEndpoint(options, field);
  const body = new URLSearchParams([["Action", action], ["Version", VERSION], ...params]).toString();
  let headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded; charset=utf-8" };
  // The header-only signer the transport uses: this request is a plain POST with a string body, so the code of
  // `signRequest` for `Request` objects, query signing and presigning would be dead weight in a bundle.
  if (signWith) {
    headers = await signHeaders("POST", `${url}/`, headers, body, checkCredentials(signWith, "sourceCredentials"), region, "sts",
      options.now ?? (() => new Date()));
  }
  const what = `STS ${action}`;
  const answer = await send(`${url}/`, { method: "POST", headers, body }, what, { ...options, signal, secrets: [secret] });
  const doc = parseXml(answer.text);
  // Error answers carry `RequestId` at the top, others under `ResponseMetadata`.
  const requestId = xmlText(doc, "RequestId") ?? xmlText(doc, "ResponseMetadata", "RequestId");
  const status = answer.status;
  if (!answer.ok) throw answerError(answer, what, xmlText(doc, "Error", "Code"), xmlText(doc, "Error", "Message"), requestId);
  const c = xmlChild(doc, `${action}Result`, "Credentials");
  const [accessKeyId, secretAccessKey, sessionToken, expirationText] =
    ["AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration"].map((name) => xmlText(c, name));
  const expiration = new Date(expirationText!);
  if (doc?.name !== `${action}Response` || !accessKeyId || !secretAccessKey || !sessionToken || Number.isNaN(expiration.getTime())) {
    throw new BedrockError(`${what} answered HTTP ${status} without readable credentials.`, { status, code: "InvalidResponse" });
  }
  return makeCredentials(accessKeyId, secretAccessKey, sessionToken, expiration);
}
