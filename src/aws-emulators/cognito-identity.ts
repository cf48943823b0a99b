/**
 * A local Amazon Cognito identity pool service for tests: `GetId` and `GetCredentialsForIdentity` over the JSON 1.1
 * protocol (`X-Amz-Target: AWSCognitoIdentityService.<Operation>`, unsigned). Shapes and errors from
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetId.html and
 * https://docs.aws.amazon.com/cognitoidentity/latest/APIReference/API_GetCredentialsForIdentity.html; error body
 * `{"__type": "<Code>", "message": "..."}` per https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html.
 */
import { createCredentialStore, type CredentialStore } from "./credential-store";
import { requestId as uuid } from "./random";

/** One identity pool. */
export interface CognitoPool {
  /** Whether guests (no `Logins`) get credentials. @defaultValue false */
  allowUnauthenticated?: boolean | undefined;
  /** Login providers: name → accepted tokens, or a function returning the token's subject (`undefined` = invalid). */
  providers?: Readonly<Record<string, readonly string[] | ((token: string) => string | undefined)>> | undefined;
}

/** Options of {@link createCognitoIdentityEmulator}. */
export interface CognitoIdentityEmulatorOptions {
  /** Pools by id (`<region>:<uuid>`). */
  pools: Readonly<Record<string, CognitoPool>>;
  /** @defaultValue a new store */
  store?: CredentialStore | undefined;
  /** @defaultValue `() => new Date()` */
  now?: (() => Date) | undefined;
  /** Lifetime of issued credentials. @defaultValue 3600 */
  durationSeconds?: number | undefined;
}

/** The handler, with a log of the operations it answered. */
export type CognitoIdentityEmulator = ((request: Request) => Promise<Response>) & {
  readonly calls: Array<{ operation: string; status: number; code?: string }>;
};

class Refusal extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
  }
}

const JSON_11 = "application/x-amz-json-1.1";

function answer(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": JSON_11, "x-amzn-requestid": uuid(), ...headers },
  });
}

/** A web handler behaving like the Cognito Identity service for the two operations above. */
export function createCognitoIdentityEmulator(options: CognitoIdentityEmulatorOptions): CognitoIdentityEmulator {
  const store = options.store ?? createCredentialStore();
  const now = options.now ?? (() => new Date());
  const calls: CognitoIdentityEmulator["calls"] = [];
  // identity id → { pool, login key ("provider|subject") or undefined for guests }
  const identities = new Map<string, { poolId: string; login: string | undefined }>();
  const byLogin = new Map<string, string>();

  function subjectOf(pool: CognitoPool, logins: unknown): string | undefined {
    if (logins === undefined) return undefined;
    if (logins === null || typeof logins !== "object") throw new Refusal("InvalidParameterException", "Logins must be a map.");
    const entries = Object.entries(logins as Record<string, unknown>);
    if (entries.length === 0) return undefined;
    const [provider, token] = entries[0]!;
    const check = pool.providers?.[provider];
    if (!check) throw new Refusal("NotAuthorizedException", `Invalid login token. Issuer doesn't match providerName`);
    const subject = typeof token !== "string" ? undefined : typeof check === "function" ? check(token) : check.includes(token) ? "user" : undefined;
    if (subject === undefined) throw new Refusal("NotAuthorizedException", "Invalid login token. Token is not valid.");
    return `${provider}|${subject}`;
  }

  async function handle(request: Request): Promise<Response> {
    const target = request.headers.get("x-amz-target") ?? "";
    const operation = target.startsWith("AWSCognitoIdentityService.") ? target.slice("AWSCognitoIdentityService.".length) : target;
    const call: { operation: string; status: number; code?: string } = { operation, status: 200 };
    calls.push(call);
    try {
      if (request.method !== "POST") throw new Refusal("UnknownOperationException", "Cognito Identity accepts POST.");
      let input: Record<string, unknown>;
      try {
        input = JSON.parse(await request.text()) as Record<string, unknown>;
        if (!input || typeof input !== "object") throw new Error("not an object");
      } catch {
        throw new Refusal("SerializationException", "The request body is not a JSON object.");
      }
      if (operation === "GetId") {
        const poolId = String(input.IdentityPoolId ?? "");
        const pool = options.pools[poolId];
        if (!pool) throw new Refusal("ResourceNotFoundException", `IdentityPool '${poolId}' not found.`);
        const login = subjectOf(pool, input.Logins);
        if (login === undefined && !pool.allowUnauthenticated) {
          throw new Refusal("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
        }
        const key = login === undefined ? undefined : `${poolId}|${login}`;
        let identityId = key === undefined ? undefined : byLogin.get(key);
        if (identityId === undefined) {
          identityId = `${poolId.split(":")[0]}:${crypto.randomUUID()}`;
          identities.set(identityId, { poolId, login });
          if (key !== undefined) byLogin.set(key, identityId);
        }
        return answer(200, { IdentityId: identityId });
      }
      if (operation === "GetCredentialsForIdentity") {
        const identityId = String(input.IdentityId ?? "");
        const identity = identities.get(identityId);
        if (!identity) throw new Refusal("ResourceNotFoundException", "Identity '" + identityId + "' not found.");
        const pool = options.pools[identity.poolId]!;
        const login = subjectOf(pool, input.Logins);
        if (identity.login !== undefined && login !== identity.login) {
          throw new Refusal("NotAuthorizedException", "Invalid login token. Missing a required claim or the login does not match the identity.");
        }
        if (identity.login === undefined && !pool.allowUnauthenticated) {
          throw new Refusal("NotAuthorizedException", "Unauthenticated access is not supported for this identity pool.");
        }
        const issued = store.issue({
          now: now(),
          durationSeconds: options.durationSeconds ?? 3600,
          principal: `arn:aws:sts::123456789012:assumed-role/Cognito_${identity.login ? "Auth" : "Unauth"}_Role/CognitoIdentityCredentials`,
        });
        return answer(200, {
          IdentityId: identityId,
          Credentials: {
            AccessKeyId: issued.accessKeyId,
            SecretKey: issued.secretAccessKey,
            SessionToken: issued.sessionToken,
            // JSON 1.1 timestamps are epoch seconds.
            Expiration: issued.expiration!.getTime() / 1000,
          },
        });
      }
      throw new Refusal("UnknownOperationException", `Unknown operation ${operation || "(none)"}.`);
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      call.status = error.status;
      call.code = error.code;
      return answer(error.status, { __type: error.code, message: error.message }, { "x-amzn-errortype": `${error.code}:` });
    }
  }
  return Object.assign(handle, { calls });
}
