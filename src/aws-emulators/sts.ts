/**
 * A local AWS STS for tests, as a web handler: `AssumeRole` (SigV4-verified, service `sts`),
 * `AssumeRoleWithWebIdentity` (unsigned; the token is checked against the options) and `GetCallerIdentity`, over the
 * Query protocol (form-encoded POST, XML answers). Shapes from the API reference:
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html,
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html; error document and codes:
 * https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html.
 */
import { escapeXml } from "../credentials/xml";
import { createCredentialStore, type CredentialStore } from "./credential-store";
import { isoSeconds, randomAlphabet, requestId as uuid } from "./random";
import { verifyHeaderSignature } from "./verify-sigv4";

/** One request the emulator answered, for assertions. */
export interface StsCall {
  action: string;
  /** Access key id that signed it (signed actions). */
  accessKeyId?: string | undefined;
  roleArn?: string | undefined;
  roleSessionName?: string | undefined;
  externalId?: string | undefined;
  status: number;
  /** Error code when it failed. */
  code?: string | undefined;
}

/** A failure to inject: answered instead of processing the request. */
export interface StsFault {
  status: number;
  code: string;
  message: string;
}

/** Options of {@link createStsEmulator}. */
export interface StsEmulatorOptions {
  /** Where issued credentials go (and signing keys are looked up). @defaultValue a new store */
  store?: CredentialStore | undefined;
  /** @defaultValue `() => new Date()` */
  now?: (() => Date) | undefined;
  /** Role ARNs that exist; others get `AccessDenied`. @defaultValue any well-formed role ARN */
  roles?: readonly string[] | undefined;
  /** External id a role's trust policy requires, by role ARN. */
  externalIds?: Readonly<Record<string, string>> | undefined;
  /** Accepted web identity tokens (→ subject `user`), or a function returning the subject or `undefined`. */
  webIdentityTokens?: readonly string[] | ((token: string) => string | undefined) | undefined;
  /** Called before each request is processed; a returned fault is answered instead. */
  fault?: ((action: string, call: number) => StsFault | undefined) | undefined;
}

/** The handler, with a log of the calls it answered. */
export type StsEmulator = ((request: Request) => Promise<Response>) & { readonly calls: StsCall[] };

const NS = "https://sts.amazonaws.com/doc/2011-06-15/";
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]{1,64})$/;

function xml(status: number, body: string): Response {
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`, {
    status,
    headers: { "content-type": "text/xml", "x-amzn-requestid": body.match(/<RequestId>([^<]+)<\/RequestId>/)?.[1] ?? "" },
  });
}

/** The STS error document. */
export function stsErrorResponse(status: number, code: string, message: string, id = uuid()): Response {
  const type = status >= 500 ? "Receiver" : "Sender";
  return xml(status,
    `<ErrorResponse xmlns="${NS}">\n  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n` +
    `    <Message>${escapeXml(message)}</Message>\n  </Error>\n  <RequestId>${id}</RequestId>\n</ErrorResponse>\n`);
}

class Refusal extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

function validation(field: string, constraint: string): Refusal {
  return new Refusal(400, "ValidationError", `1 validation error detected: Value at '${field}' failed to satisfy constraint: ${constraint}`);
}

/**
 * A web handler `(Request) => Promise<Response>` that behaves like STS for the actions above. Credentials it issues
 * are added to `store`, so a Bedrock emulator sharing the store accepts them.
 *
 * @example
 * ```ts
 * const store = createCredentialStore([{ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" }]);
 * const sts = createStsEmulator({ store });
 * const { url } = await serve(sts, { port: 0 });
 * const credentials = assumeRole({ roleArn, sourceCredentials: store.credentials[0]!, endpoint: url, region: "us-east-1" });
 * ```
 */
export function createStsEmulator(options: StsEmulatorOptions = {}): StsEmulator {
  const store = options.store ?? createCredentialStore();
  const now = options.now ?? (() => new Date());
  const calls: StsCall[] = [];

  async function handle(request: Request): Promise<Response> {
    const call: StsCall = { action: "", status: 200 };
    const id = uuid();
    try {
      if (request.method !== "POST") throw new Refusal(400, "InvalidAction", "STS accepts POST with a form-encoded body.");
      const body = new Uint8Array(await request.arrayBuffer());
      const form = new URLSearchParams(new TextDecoder().decode(body));
      call.action = form.get("Action") ?? "";
      if (form.get("Version") !== "2011-06-15") throw new Refusal(400, "InvalidAction", "Could not find operation for version " + (form.get("Version") ?? "(none)"));
      const fault = options.fault?.(call.action, calls.length + 1);
      if (fault) throw new Refusal(fault.status, fault.code, fault.message);
      switch (call.action) {
        case "AssumeRole": {
          const verified = await verifyHeaderSignature(request, body, store, "sts", now());
          if (!verified.ok) throw new Refusal(verified.status, verified.code, verified.message);
          call.accessKeyId = verified.credentials.accessKeyId;
          if (form.has("ExternalId")) call.externalId = form.get("ExternalId")!;
          return assumed("AssumeRole", form, call, id, "");
        }
        case "AssumeRoleWithWebIdentity": {
          const token = form.get("WebIdentityToken") ?? "";
          if (token === "") throw validation("webIdentityToken", "Member must have length greater than or equal to 4");
          const accepted = options.webIdentityTokens;
          const subject = typeof accepted === "function" ? accepted(token) : accepted?.includes(token) ? "user" : undefined;
          if (subject === undefined) throw new Refusal(400, "InvalidIdentityToken", "Couldn't verify the web identity token.");
          return assumed("AssumeRoleWithWebIdentity", form, call, id,
            `    <SubjectFromWebIdentityToken>${escapeXml(subject)}</SubjectFromWebIdentityToken>\n` +
            `    <Audience>sts.amazonaws.com</Audience>\n    <Provider>oidc.example.com</Provider>\n`);
        }
        case "GetCallerIdentity": {
          const verified = await verifyHeaderSignature(request, body, store, "sts", now());
          if (!verified.ok) throw new Refusal(verified.status, verified.code, verified.message);
          call.accessKeyId = verified.credentials.accessKeyId;
          const arn = verified.credentials.principal ?? "arn:aws:iam::123456789012:user/emulator";
          return xml(200, `<GetCallerIdentityResponse xmlns="${NS}">\n  <GetCallerIdentityResult>\n` +
            `    <Arn>${escapeXml(arn)}</Arn>\n    <UserId>${escapeXml(verified.credentials.accessKeyId)}</UserId>\n` +
            `    <Account>${arn.split(":")[4] ?? "123456789012"}</Account>\n  </GetCallerIdentityResult>\n` +
            `  <ResponseMetadata>\n    <RequestId>${id}</RequestId>\n  </ResponseMetadata>\n</GetCallerIdentityResponse>\n`);
        }
        default:
          throw new Refusal(400, "InvalidAction", `Could not find operation ${call.action || "(none)"} for version 2011-06-15`);
      }
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      call.status = error.status;
      call.code = error.code;
      return stsErrorResponse(error.status, error.code, error.message, id);
    } finally {
      calls.push(call);
    }
  }

  function assumed(action: string, form: URLSearchParams, call: StsCall, id: string, extra: string): Response {
    const roleArn = form.get("RoleArn") ?? "";
    const sessionName = form.get("RoleSessionName") ?? "";
    call.roleArn = roleArn;
    call.roleSessionName = sessionName;
    const m = ROLE_ARN.exec(roleArn);
    if (roleArn.length < 20 || !m) throw validation("roleArn", "Member must satisfy the IAM role ARN pattern");
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
      throw validation("roleSessionName", "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
    }
    const durationText = form.get("DurationSeconds");
    const duration = durationText === null ? 3600 : Number(durationText);
    if (!Number.isInteger(duration) || duration < 900 || duration > 43200) {
      throw validation("durationSeconds", "Member must have value between 900 and 43200");
    }
    if (options.roles && !options.roles.includes(roleArn)) {
      throw new Refusal(403, "AccessDenied", `Not authorized to perform sts:${action} on resource: ${roleArn}`);
    }
    const requiredExternalId = options.externalIds?.[roleArn];
    if (requiredExternalId !== undefined && form.get("ExternalId") !== requiredExternalId) {
      throw new Refusal(403, "AccessDenied", `Not authorized to perform sts:${action} on resource: ${roleArn}`);
    }
    const principal = `arn:aws:sts::${m[1]}:assumed-role/${m[2]}/${sessionName}`;
    const issued = store.issue({ now: now(), durationSeconds: duration, principal });
    const roleId = "AROA" + randomAlphabet(17, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
    return xml(200,
      `<${action}Response xmlns="${NS}">\n  <${action}Result>\n${extra}` +
      `    <AssumedRoleUser>\n      <Arn>${escapeXml(principal)}</Arn>\n      <AssumedRoleId>${roleId}:${escapeXml(sessionName)}</AssumedRoleId>\n    </AssumedRoleUser>\n` +
      `    <Credentials>\n      <AccessKeyId>${issued.accessKeyId}</AccessKeyId>\n      <SecretAccessKey>${escapeXml(issued.secretAccessKey)}</SecretAccessKey>\n` +
      `      <SessionToken>${escapeXml(issued.sessionToken!)}</SessionToken>\n      <Expiration>${isoSeconds(issued.expiration!)}</Expiration>\n    </Credentials>\n` +
      (form.has("Policy") ? "    <PackedPolicySize>6</PackedPolicySize>\n" : "") +
      `  </${action}Result>\n  <ResponseMetadata>\n    <RequestId>${id}</RequestId>\n  </ResponseMetadata>\n</${action}Response>\n`);
  }

  return Object.assign(handle, { calls });
}
