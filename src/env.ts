/**
 * @module env
 *
 * Where configuration comes from when the caller does not pass it: an environment record. Core code never reads
 * the process environment directly, because `process` does not exist on Cloudflare Workers (bindings arrive as the handler's
 * `env` argument), browsers or Deno (where `Deno.env` needs `--allow-env`). Callers on those runtimes pass their own
 * record through the `env` option; {@link defaultEnv} is only the best guess when they do not.
 */

/** A read-only view of environment variables: Node's or Bun's environment, a Workers `env` binding, `Deno.env.toObject()`. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

interface MaybeGlobals {
  process?: { env?: Record<string, string | undefined> };
  Deno?: { env?: { toObject?: () => Record<string, string> } };
}

const EMPTY: EnvRecord = Object.freeze({});

/**
 * The host's environment, feature-detected without importing anything runtime-specific (no `node:process`, which
 * bundlers for the browser and Workers reject): the environment of `globalThis.process` on Node and Bun, `Deno.env.toObject()` on
 * Deno, otherwise an empty record. Never throws: Deno without `--allow-env` throws `NotCapable` from reads of
 * the process environment and from `toObject()`, which here means "no environment".
 */
export function defaultEnv(): EnvRecord {
  const g = globalThis as MaybeGlobals;
  try {
    const env = g.process?.env;
    if (env && typeof env === "object") {
      // Deno 2 has a process environment without `--allow-env`, but every read of it throws: probe one read here.
      void env.AWS_REGION;
      return env;
    }
  } catch {
    // A throwing getter (some sandboxes) or Deno without env permission: treat as absent.
  }
  try {
    const toObject = g.Deno?.env?.toObject;
    if (typeof toObject === "function") return toObject.call(g.Deno!.env);
  } catch {
    // Deno without env permission.
  }
  return EMPTY;
}

/**
 * The first of `names` that is set to a non-empty string in `env`, trimmed. Only the record's own entries count:
 * a name such as `constructor`, or one planted on `Object.prototype`, never resolves to an inherited member.
 */
export function readEnv(env: EnvRecord, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = Object.hasOwn(env, name) ? env[name] : undefined;
    if (typeof value === "string") {
      const trimmed = value.trim();
      if (trimmed) return trimmed;
    }
  }
  return undefined;
}
