/**
 * The proxy's router, after LiteLLM's (https://docs.litellm.ai/docs/routing, https://docs.litellm.ai/docs/proxy/reliability):
 *
 * - **Pick**: `simple-shuffle` among the model's deployments that are not cooling down and are under their `rpm`/`tpm`
 *   for this minute (see ./shuffle.ts). An `rpm` slot is taken atomically before the call, so a limit holds across
 *   processes sharing a store.
 * - **Retry**: a failed attempt (throttling, 5xx, timeouts, connection failures; see ./classify.ts) is tried again up
 *   to `num_retries` times, on a deployment this request has not tried yet when there is one (at once), else on the
 *   same ones after an exponential backoff with jitter. A wait that would end after the request's deadline
 *   (`general_settings.request_timeout` from the request's start) is not taken, and the client leaving ends it.
 * - **Cooldown**: a deployment that fails more than `allowed_fails` times in a minute is skipped by every request for
 *   `cooldown_time` seconds. The only deployment of a model is never cooled down: there would be nothing to send to.
 * - **Fallbacks**: when every attempt on the model failed, the models of `fallbacks` are tried in order (each with its
 *   own retries), or those of `context_window_fallbacks` when the prompt was too long for the model.
 *
 * A streamed answer is retried only until its first item: from then on it is the client's (see ./stream.ts).
 * The answer names what served it in LiteLLM's response headers (see {@link ROUTER_HEADERS}).
 * @internal
 */
import { abortableSleep, backoffDelay, DEFAULT_RETRY_TIMING } from "../../transport/retry";
import type { Deployment, ResolvedProxyConfig } from "../config";
import { ProxyRequestError } from "../errors";
import { classifyFailure, type FailureKind } from "./classify";
import { choose, shuffleWeights } from "./shuffle";
import { createRouterState, type DeploymentView } from "./state";
import type { RouterStore } from "./store";
import { startStream, tokensOf } from "./stream";
import type { Stream } from "../../stream";

/** What a routed call may tell the router about its attempt. */
export interface RouterAttempt {
  /** Counts an answer's `usage` (OpenAI- or Anthropic-shaped) toward the deployment's `tpm`. */
  usage(usage: unknown): void;
  /**
   * Starts a streamed answer: waits for its first item, so that a failure before it is retried like any other; from
   * then on the stream is the client's, and a failure is counted against the deployment but never retried.
   *
   * @param keepUsage - false when the router asked for the usage chunk and the client did not: it is dropped
   *   @defaultValue true
   */
  stream<T>(stream: Stream<T>, keepUsage?: boolean): Promise<Stream<T>>;
}

/** One attempt of a routed request: call `deployment` and answer. Throwing fails the attempt. */
export type RoutedCall = (deployment: Deployment, attempt: RouterAttempt) => Promise<Response>;

/**
 * Response headers naming what answered, as LiteLLM's proxy names them: the deployment (`model_info.id`, or the
 * digest described in ./deployment-fields.ts), the model group (the fallback's name when a fallback answered), and
 * how many retries and fallback groups it took. No credential, endpoint or region appears.
 */
export const ROUTER_HEADERS = {
  modelId: "x-litellm-model-id",
  modelGroup: "x-litellm-model-group",
  retries: "x-litellm-attempted-retries",
  fallbacks: "x-litellm-attempted-fallbacks",
} as const;

export interface RouterOptions {
  store?: RouterStore | undefined;
  now: () => number;
  random: () => number;
  /** Deadline of each shared-store call. */
  storeTimeoutMs: number;
  /** Told about a shared-store failure, once per outage. */
  onStoreError(error: Error, request: Request | undefined): void;
  /** Told about the tokens an answer to `request` used, as they are counted (for the access log). */
  onTokens?: ((request: Request, count: number) => void) | undefined;
}

export interface Router {
  /** Runs a routed request for `group` (the model's deployments, already looked up). */
  run(model: string, call: RoutedCall, request: Request): Promise<Response>;
  /** One deployment of `group` by weight alone (no state): for callers that do their own retries. */
  pick(group: readonly Deployment[]): Deployment;
}

type GroupResult = { response: Response; deployment: Deployment } | { error: unknown; kind: FailureKind };

function headerValue(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : encodeURIComponent(text);
}

function usable(d: Deployment, view: DeploymentView): boolean {
  return view.cooledUntil === undefined && (d.rpm === undefined || view.requests < d.rpm) && (d.tpm === undefined || view.tokens < d.tpm);
}

function noDeployment(name: string, group: readonly Deployment[], views: readonly DeploymentView[], now: number): ProxyRequestError {
  const cooling = views.filter((v) => v.cooledUntil !== undefined);
  const soonest = Math.min(...cooling.map((v) => v.cooledUntil!));
  const wait = cooling.length > 0 ? ` The first cooldown ends in ${Math.max(1, Math.ceil((soonest - now) / 1000))} s.` : "";
  return new ProxyRequestError(
    429,
    `No deployment of \`${name}\` can take the request now: ${cooling.length} of ${group.length} cooling down after failures, ${group.length - cooling.length} at their rpm/tpm limit for this minute.${wait}`,
    { code: "no_deployment_available" },
  );
}

/** The router over `config`'s deployments and router settings. */
export function createRouter(config: ResolvedProxyConfig, options: RouterOptions): Router {
  const { now, random } = options;
  const settings = config.router;
  const state = createRouterState(options.store, { now, timeoutMs: options.storeTimeoutMs, report: options.onStoreError });

  async function recordFailure(deployment: Deployment, group: readonly Deployment[], request: Request): Promise<void> {
    const fails = await state.failed(deployment, request);
    if (settings.disableCooldowns || group.length < 2 || settings.cooldownMs <= 0 || fails <= settings.allowedFails) return;
    await state.cool(deployment, settings.cooldownMs, request);
  }

  function attemptOf(deployment: Deployment, group: readonly Deployment[], request: Request): RouterAttempt {
    const tokens = (count: number) => {
      options.onTokens?.(request, count);
      return state.tokens(deployment, count, request);
    };
    return {
      usage: (usage) => tokens(tokensOf(usage)),
      stream: (stream, keepUsage = true) =>
        startStream(stream, {
          stripUsage: !keepUsage,
          tokens,
          failedAfterStart: (error) => {
            const kind = classifyFailure(error);
            if (kind === "transient" || kind === "deployment") void recordFailure(deployment, group, request).catch(() => {});
          },
        }),
    };
  }

  async function runGroup(name: string, call: RoutedCall, request: Request, deadline: number, count: () => void): Promise<GroupResult> {
    const group = config.models.get(name)!;
    const weight = shuffleWeights(group);
    const tried = new Set<Deployment>();
    const full = new Set<Deployment>();
    let tries = 0;
    let last: { error: unknown; kind: FailureKind } | undefined;
    for (;;) {
      const views = await state.view(group, request);
      const open = group.filter((d, i) => usable(d, views[i]!) && !full.has(d));
      const candidates = open.filter((d) => !tried.has(d));
      if (candidates.length === 0) {
        if (last === undefined) return { error: noDeployment(name, group, views, now()), kind: "deployment" };
        // Only deployments that already failed for this request are left: the same one again, after a backoff, and
        // only for a failure that may pass.
        if (open.length === 0 || last.kind !== "transient") return last;
        const delay = backoffDelay(tries - 1, undefined, DEFAULT_RETRY_TIMING, random);
        if (now() + delay >= deadline) return last;
        await abortableSleep(delay, request.signal);
        tried.clear();
        continue;
      }
      const deployment = choose(candidates, weight, random);
      if (!(await state.reserve(deployment, request))) {
        full.add(deployment);
        continue;
      }
      tries++;
      count();
      try {
        return { response: await call(deployment, attemptOf(deployment, group, request)), deployment };
      } catch (error) {
        const kind = classifyFailure(error);
        if (kind !== "transient" && kind !== "deployment") return { error, kind };
        last = { error, kind };
        await recordFailure(deployment, group, request);
        tried.add(deployment);
        if (tries > settings.numRetries || now() >= deadline) return last;
      }
    }
  }

  return {
    pick: (group) => choose(group, shuffleWeights(group), random),

    async run(model, call, request) {
      const deadline = now() + config.timeoutMs;
      const order = [model];
      let attempts = 0;
      let last: unknown;
      for (let g = 0; g < order.length; g++) {
        const name = order[g]!;
        const result = await runGroup(name, call, request, deadline, () => attempts++);
        if ("response" in result) {
          const headers = new Headers(result.response.headers);
          headers.set(ROUTER_HEADERS.modelId, result.deployment.id);
          headers.set(ROUTER_HEADERS.modelGroup, headerValue(name));
          headers.set(ROUTER_HEADERS.retries, String(attempts - 1));
          headers.set(ROUTER_HEADERS.fallbacks, String(g));
          const { body, status, statusText } = result.response;
          return new Response(body, { status, statusText, headers });
        }
        last = result.error;
        if (result.kind === "request" || result.kind === "aborted" || request.signal.aborted || now() >= deadline) break;
        if (g === 0) {
          const context = result.kind === "context-window" ? settings.contextWindowFallbacks.get(model) : undefined;
          order.push(...(context ?? settings.fallbacks.get(model) ?? []).slice(0, settings.maxFallbacks));
        }
      }
      throw last;
    },
  };
}
