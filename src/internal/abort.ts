/**
 * Deadlines and cancellation without `AbortSignal.any` (missing on Node 18): one controller that aborts when any
 * linked signal does or when a timer runs out, and a race that stops waiting on a promise that ignores signals.
 */

/** A controller linked to other signals and to an optional timer; `done()` detaches it from both. */
export interface Linked {
  readonly signal: AbortSignal;
  /** Whether the timer fired (rather than a linked signal). */
  timedOut(): boolean;
  /** Removes the listeners and the timer; the controller keeps its state. */
  done(): void;
  /** Stops the timer only: the linked signals still abort it. */
  clear(): void;
  /** Aborts now. */
  abort(reason?: unknown): void;
}

/** A controller aborted by any of `signals`, or `ms` milliseconds from now (no timer when `ms` is undefined). */
export function linked(signals: ReadonlyArray<AbortSignal | undefined>, ms?: number): Linked {
  const controller = new AbortController();
  let fired = false;
  const listeners: Array<[AbortSignal, () => void]> = [];
  for (const s of signals) {
    if (!s) continue;
    if (s.aborted) controller.abort(s.reason);
    const on = () => controller.abort(s.reason);
    s.addEventListener("abort", on, { once: true });
    listeners.push([s, on]);
  }
  const timer = ms === undefined ? undefined : setTimeout(() => {
    fired = true;
    controller.abort();
  }, Math.max(0, ms));
  return {
    signal: controller.signal,
    timedOut: () => fired,
    clear: () => clearTimeout(timer),
    done() {
      clearTimeout(timer);
      for (const [s, on] of listeners) s.removeEventListener("abort", on);
    },
    abort: (reason) => controller.abort(reason),
  };
}

/**
 * Settles as `promise` does, or rejects with the signal's reason as soon as `signal` aborts, whichever comes first:
 * for waits on code that may not honour a signal (a caller's credential provider). The promise keeps running.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
