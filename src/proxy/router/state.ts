/**
 * The router's view of its deployments, kept in a {@link RouterStore}: cooldowns (`cooldown:<id>`, holding the time
 * it ends) and per-minute counters of requests, tokens and failures (`rpm:<id>:<minute>`, `tpm:…`, `fails:…`).
 *
 * Every write also goes to this process's memory, and a shared store (Redis) is read with a deadline: when it fails
 * or is late, the request goes on with the local view, the failure is reported once (through the proxy's `onError`),
 * and the shared store is left alone for a few seconds before it is asked again, so that an outage costs requests
 * neither errors nor a wait each.
 * @internal
 */
import { APIConnectionError } from "../../errors";
import { redact } from "../../internal/redact";
import type { Deployment } from "../config";
import { createMemoryStore } from "./store";
import type { RouterStore } from "./store";

/** What the router knows about one deployment now. */
export interface DeploymentView {
  /** When its cooldown ends (epoch ms), if it is cooling down. */
  readonly cooledUntil: number | undefined;
  /** Requests and tokens counted this minute. */
  readonly requests: number;
  readonly tokens: number;
}

export interface RouterStateOptions {
  now: () => number;
  /** Deadline of each call to the shared store. */
  timeoutMs: number;
  /** Told about a shared-store failure, once per outage, with the request that met it. */
  report(error: Error, request: Request | undefined): void;
}

export interface RouterState {
  view(group: readonly Deployment[], request?: Request): Promise<DeploymentView[]>;
  /** Counts a request against the deployment's `rpm`; false when that goes over it (another request took the last slot). */
  reserve(deployment: Deployment, request?: Request): Promise<boolean>;
  /** Counts a failure; resolves to how many this minute. */
  failed(deployment: Deployment, request?: Request): Promise<number>;
  cool(deployment: Deployment, ms: number, request?: Request): Promise<void>;
  /** Counts tokens against the deployment's `tpm` (in the background). */
  tokens(deployment: Deployment, count: number, request?: Request): void;
}

const PREFIX = "bedrock-fetch:router:";
const MINUTE = 60_000;
// Counters live a little past their minute, so a process whose clock runs slightly behind still finds them.
const COUNTER_TTL = MINUTE + 5_000;
// How long the shared store is left alone after it failed.
const RETRY_SHARED_MS = 5_000;

function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/** The state over `shared` (or over memory alone when it is undefined). */
export function createRouterState(shared: RouterStore | undefined, options: RouterStateOptions): RouterState {
  const { now, timeoutMs } = options;
  const local = createMemoryStore({ now });
  let down = false;
  let retryAt = 0;

  /** `op` on the shared store, or `undefined` when there is none, or it failed (reported once), or it is resting. */
  async function remote<T>(op: (store: RouterStore) => Promise<T>, request: Request | undefined): Promise<T | undefined> {
    if (shared === undefined || now() < retryAt) return undefined;
    try {
      const value = await withDeadline(Promise.resolve().then(() => op(shared)), timeoutMs);
      down = false;
      return value;
    } catch (cause) {
      retryAt = now() + RETRY_SHARED_MS;
      if (!down) {
        down = true;
        const why = redact(cause instanceof Error ? cause.message : String(cause));
        options.report(new APIConnectionError(`The router's shared store failed (${why}); this process routes on its own view of cooldowns and rpm/tpm counts until the store answers again.`, { code: "RouterStoreUnavailable", cause }), request);
      }
      return undefined;
    }
  }

  const minute = () => Math.floor(now() / MINUTE);
  const keys = (d: Deployment, m: number) => [`${PREFIX}cooldown:${d.id}`, `${PREFIX}rpm:${d.id}:${m}`, `${PREFIX}tpm:${d.id}:${m}`];
  const count = async (key: string, amount: number, request: Request | undefined) => {
    const mine = await local.increment(key, amount, COUNTER_TTL);
    return (await remote((s) => s.increment(key, amount, COUNTER_TTL), request)) ?? mine;
  };

  return {
    async view(group, request) {
      const m = minute();
      const all = group.flatMap((d) => keys(d, m));
      const values = (await remote((s) => s.get(all), request)) ?? (await local.get(all));
      const at = now();
      return group.map((_, i) => {
        const until = values[i * 3];
        return {
          cooledUntil: typeof until === "number" && until > at ? until : undefined,
          requests: Number(values[i * 3 + 1] ?? 0) || 0,
          tokens: Number(values[i * 3 + 2] ?? 0) || 0,
        };
      });
    },
    async reserve(deployment, request) {
      if (deployment.rpm === undefined) return true;
      return (await count(keys(deployment, minute())[1]!, 1, request)) <= deployment.rpm;
    },
    failed(deployment, request) {
      return count(`${PREFIX}fails:${deployment.id}:${minute()}`, 1, request);
    },
    async cool(deployment, ms, request) {
      const key = keys(deployment, 0)[0]!;
      const until = now() + ms;
      await local.set(key, until, ms);
      await remote((s) => s.set(key, until, ms), request);
    },
    tokens(deployment, tokens, request) {
      if (deployment.tpm === undefined || !(tokens > 0)) return;
      void count(keys(deployment, minute())[2]!, tokens, request).catch(() => {});
    },
  };
}
