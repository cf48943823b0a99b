/**
 * A local container credentials endpoint for tests: what the ECS agent serves at
 * `169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` and the EKS Pod Identity agent at
 * `http://169.254.170.23/v1/credentials`. A GET with `Authorization: <token>` (when a token is configured) answers
 * `{ AccessKeyId, SecretAccessKey, Token, Expiration, RoleArn }` (+ `AccountId` for EKS).
 * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-iam-roles.html ,
 * https://docs.aws.amazon.com/eks/latest/userguide/pod-id-how-it-works.html ,
 * https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
 */
import { createCredentialStore, type CredentialStore } from "./credential-store";
import { isoSeconds } from "./random";

/** Options of {@link createContainerCredentialsEmulator}. */
export interface ContainerCredentialsEmulatorOptions {
  /** Path that serves credentials. @defaultValue `/v1/credentials` (EKS Pod Identity) */
  path?: string | undefined;
  /** Required `Authorization` header value; `undefined` accepts requests without one (classic ECS). */
  authorizationToken?: string | undefined;
  /** Role the credentials are for. @defaultValue `arn:aws:iam::123456789012:role/ContainerRole` */
  roleArn?: string | undefined;
  /** Adds `AccountId`, as EKS Pod Identity does. @defaultValue false */
  eksPodIdentity?: boolean | undefined;
  /** @defaultValue a new store */
  store?: CredentialStore | undefined;
  /** @defaultValue `() => new Date()` */
  now?: (() => Date) | undefined;
  /** @defaultValue 21600 (6 h) */
  durationSeconds?: number | undefined;
}

/** The handler, with a log of calls. */
export type ContainerCredentialsEmulator = ((request: Request) => Promise<Response>) & {
  readonly calls: Array<{ path: string; authorized: boolean; status: number }>;
};

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

/** A web handler serving container credentials. */
export function createContainerCredentialsEmulator(options: ContainerCredentialsEmulatorOptions = {}): ContainerCredentialsEmulator {
  const store = options.store ?? createCredentialStore();
  const now = options.now ?? (() => new Date());
  const path = options.path ?? "/v1/credentials";
  const roleArn = options.roleArn ?? "arn:aws:iam::123456789012:role/ContainerRole";
  const calls: ContainerCredentialsEmulator["calls"] = [];
  async function handle(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const authorized = options.authorizationToken === undefined ||
      request.headers.get("authorization") === options.authorizationToken;
    const call = { path: url.pathname + url.search, authorized, status: 200 };
    calls.push(call);
    if (request.method !== "GET" || url.pathname + url.search !== path) {
      call.status = 404;
      return json(404, { Code: "NotFound", Message: "No credentials at this path." });
    }
    if (!authorized) {
      call.status = request.headers.has("authorization") ? 403 : 401;
      return json(call.status, { Code: "AccessDenied", Message: "The Authorization token is missing or does not match." });
    }
    const issued = store.issue({
      now: now(),
      durationSeconds: options.durationSeconds ?? 21600,
      principal: roleArn.replace(":iam::", ":sts::").replace(":role/", ":assumed-role/") + "/container",
    });
    return json(200, {
      AccessKeyId: issued.accessKeyId,
      SecretAccessKey: issued.secretAccessKey,
      Token: issued.sessionToken,
      Expiration: isoSeconds(issued.expiration!),
      RoleArn: roleArn,
      ...(options.eksPodIdentity ? { AccountId: roleArn.split(":")[4] } : {}),
    });
  }
  return Object.assign(handle, { calls });
}
