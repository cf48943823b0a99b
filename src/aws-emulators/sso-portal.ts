/**
 * A local IAM Identity Center (SSO) portal for tests: `GetRoleCredentials`,
 * `GET /federation/credentials?account_id=…&role_name=…` with the `x-amz-sso_bearer_token` header.
 * https://docs.aws.amazon.com/singlesignon/latest/PortalAPIReference/API_GetRoleCredentials.html ; errors are
 * restJson1: the code in `x-amzn-ErrorType` and `{"message": ...}` (https://smithy.io/2.0/aws/protocols/aws-restjson1-protocol.html).
 */
import { createCredentialStore, type CredentialStore } from "./credential-store";
import { requestId as uuid } from "./random";

/** An access token the portal knows (as `aws sso login` caches it). */
export interface SsoSession {
  /** Roles it may use, by account id. */
  roles: Readonly<Record<string, readonly string[]>>;
  /** When the token stops working. @defaultValue never */
  expiresAt?: Date | undefined;
}

/** Options of {@link createSsoPortalEmulator}. */
export interface SsoPortalEmulatorOptions {
  /** Known access tokens. */
  tokens: Readonly<Record<string, SsoSession>>;
  /** @defaultValue a new store */
  store?: CredentialStore | undefined;
  /** @defaultValue `() => new Date()` */
  now?: (() => Date) | undefined;
  /** Lifetime of issued role credentials. @defaultValue 3600 */
  durationSeconds?: number | undefined;
}

/** The handler, with a log of calls. */
export type SsoPortalEmulator = ((request: Request) => Promise<Response>) & {
  readonly calls: Array<{ accountId: string | null; roleName: string | null; status: number }>;
};

function error(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ message }), {
    status,
    headers: { "content-type": "application/json", "x-amzn-errortype": `${code}:http://internal.amazon.com/coral/com.amazonaws.switchboard.portal/`, "x-amzn-requestid": uuid() },
  });
}

/** A web handler behaving like the SSO portal's GetRoleCredentials. */
export function createSsoPortalEmulator(options: SsoPortalEmulatorOptions): SsoPortalEmulator {
  const store = options.store ?? createCredentialStore();
  const now = options.now ?? (() => new Date());
  const calls: SsoPortalEmulator["calls"] = [];
  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const accountId = url.searchParams.get("account_id");
    const roleName = url.searchParams.get("role_name");
    const call = { accountId, roleName, status: 200 };
    calls.push(call);
    const respond = (r: Response) => ((call.status = r.status), r);
    if (request.method !== "GET" || url.pathname !== "/federation/credentials") {
      return respond(error(404, "ResourceNotFoundException", "Unknown operation."));
    }
    if (!accountId || !roleName) {
      return respond(error(400, "InvalidRequestException", "account_id and role_name are required."));
    }
    const token = request.headers.get("x-amz-sso_bearer_token");
    const session = token === null ? undefined : options.tokens[token];
    if (!session || (session.expiresAt && now().getTime() >= session.expiresAt.getTime())) {
      return respond(error(401, "UnauthorizedException", "Session token not found or invalid"));
    }
    if (!session.roles[accountId]?.includes(roleName)) {
      return respond(error(403, "ForbiddenException", "No access"));
    }
    const issued = store.issue({
      now: now(),
      durationSeconds: options.durationSeconds ?? 3600,
      principal: `arn:aws:sts::${accountId}:assumed-role/AWSReservedSSO_${roleName}/sso-user`,
    });
    return respond(new Response(JSON.stringify({
      roleCredentials: {
        accessKeyId: issued.accessKeyId,
        secretAccessKey: issued.secretAccessKey,
        sessionToken: issued.sessionToken,
        // Epoch milliseconds, as the portal API documents.
        expiration: issued.expiration!.getTime(),
      },
    }), { status: 200, headers: { "content-type": "application/json", "x-amzn-requestid": uuid() } }));
  }
  return Object.assign(handle, { calls });
}
