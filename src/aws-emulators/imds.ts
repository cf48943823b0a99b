/**
 * A local EC2 instance metadata service (IMDSv2 only) for tests:
 * - `PUT /latest/api/token` with `X-aws-ec2-metadata-token-ttl-seconds: 1..21600` → a session token (echoing the
 *   TTL header); refused with 403 when `X-Forwarded-For` is present, as IMDS does;
 * - `GET /latest/meta-data/iam/security-credentials/` → the role name;
 * - `GET /latest/meta-data/iam/security-credentials/<role>` → `{ Code, LastUpdated, Type, AccessKeyId,
 *   SecretAccessKey, Token, Expiration }`;
 * every GET requires `X-aws-ec2-metadata-token` (401 otherwise).
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html ,
 * https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instance-metadata-security-credentials.html
 */
import { createCredentialStore, type CredentialStore, type StoredCredentials } from "./credential-store";
import { isoSeconds, randomAlphabet } from "./random";

/** Options of {@link createInstanceMetadataEmulator}. */
export interface InstanceMetadataEmulatorOptions {
  /** Name of the instance profile's role. @defaultValue `bedrock-instance-role` */
  roleName?: string | undefined;
  /** @defaultValue a new store */
  store?: CredentialStore | undefined;
  /** @defaultValue `() => new Date()` */
  now?: (() => Date) | undefined;
  /** Lifetime of issued credentials. @defaultValue 21600 (6 h) */
  durationSeconds?: number | undefined;
}

/** The handler, with a log of calls. */
export type InstanceMetadataEmulator = ((request: Request) => Promise<Response>) & {
  readonly calls: Array<{ method: string; path: string; status: number }>;
};

const TTL = "x-aws-ec2-metadata-token-ttl-seconds";
const TOKEN = "x-aws-ec2-metadata-token";
const CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";

function text(status: number, body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { status, headers: { "content-type": "text/plain", ...headers } });
}

/** A web handler behaving like IMDSv2 for the credential paths. */
export function createInstanceMetadataEmulator(options: InstanceMetadataEmulatorOptions = {}): InstanceMetadataEmulator {
  const store = options.store ?? createCredentialStore();
  const now = options.now ?? (() => new Date());
  const roleName = options.roleName ?? "bedrock-instance-role";
  const duration = options.durationSeconds ?? 21600;
  const tokens = new Map<string, number>();
  const calls: InstanceMetadataEmulator["calls"] = [];
  let current: { credentials: StoredCredentials; issuedAt: Date } | undefined;

  function credentials(): { credentials: StoredCredentials; issuedAt: Date } {
    const t = now();
    // IMDS hands out new credentials well before the old ones expire (at least 5 minutes before).
    if (!current || t.getTime() >= current.credentials.expiration!.getTime() - 15 * 60_000) {
      current = {
        credentials: store.issue({ now: t, durationSeconds: duration, principal: `arn:aws:sts::123456789012:assumed-role/${roleName}/i-0123456789abcdef0` }),
        issuedAt: t,
      };
    }
    return current;
  }

  async function handle(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const call = { method: request.method, path, status: 200 };
    calls.push(call);
    const respond = (r: Response) => ((call.status = r.status), r);
    if (path === "/latest/api/token") {
      if (request.method !== "PUT") return respond(text(405, "Method Not Allowed"));
      if (request.headers.has("x-forwarded-for")) return respond(text(403, "Forbidden"));
      const ttl = Number(request.headers.get(TTL));
      if (!Number.isInteger(ttl) || ttl < 1 || ttl > 21600) return respond(text(400, "Bad Request"));
      const token = randomAlphabet(56, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") + "==";
      tokens.set(token, now().getTime() + ttl * 1000);
      return respond(text(200, token, { [TTL]: String(ttl) }));
    }
    if (request.method !== "GET") return respond(text(405, "Method Not Allowed"));
    const token = request.headers.get(TOKEN);
    const expires = token === null ? undefined : tokens.get(token);
    if (expires === undefined || now().getTime() >= expires) return respond(text(401, "Unauthorized"));
    if (path === CREDENTIALS_PATH) return respond(text(200, roleName));
    if (path === CREDENTIALS_PATH + roleName) {
      const c = credentials();
      return respond(new Response(JSON.stringify({
        Code: "Success",
        LastUpdated: isoSeconds(c.issuedAt),
        Type: "AWS-HMAC",
        AccessKeyId: c.credentials.accessKeyId,
        SecretAccessKey: c.credentials.secretAccessKey,
        Token: c.credentials.sessionToken,
        Expiration: isoSeconds(c.credentials.expiration!),
      }, null, 2), { status: 200, headers: { "content-type": "text/plain" } }));
    }
    return respond(text(404, "Not Found"));
  }
  return Object.assign(handle, { calls });
}
