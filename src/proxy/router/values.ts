/**
 * Reading configuration values the way LiteLLM's `config.yaml` writes them: any string may be `os.environ/NAME`
 * (read from the proxy's env record), and numbers may arrive as strings (environment variables always do). Every
 * failure is a {@link ConfigurationError} naming the field; no message holds a value, since a value may be a secret.
 * @internal
 */
import { readEnv } from "../../env";
import type { EnvRecord } from "../../env";
import { ConfigurationError } from "../../errors";

const ENV_REF = "os.environ/";

/** Whether `value` is a plain mapping (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Follows an `os.environ/NAME` reference; other values are returned as they are. */
export function resolveValue(value: unknown, field: string, env: EnvRecord): unknown {
  if (typeof value !== "string" || !value.trim().startsWith(ENV_REF)) return value;
  const variable = value.trim().slice(ENV_REF.length);
  const resolved = readEnv(env, variable);
  if (resolved === undefined) {
    throw new ConfigurationError(field, `${field} refers to the environment variable ${variable}, which is not set (or empty).`);
  }
  return resolved;
}

/** A number, or a string holding one; `undefined` for an absent (undefined or null) value. */
function numeric(value: unknown, field: string, expected: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isFinite(n)) throw new ConfigurationError(field, `${field} must be ${expected}.`);
  return n;
}

/** A number > 0, or `fallback` when absent. */
export function positiveNumber(value: unknown, field: string, fallback: number): number {
  const n = numeric(value, field, "a positive number");
  if (n === undefined) return fallback;
  if (n <= 0) throw new ConfigurationError(field, `${field} must be a positive number.`);
  return n;
}

/** A number ≥ 0, or `fallback` when absent. */
export function nonNegativeNumber<T extends number | undefined>(value: unknown, field: string, fallback: T): number | T {
  const n = numeric(value, field, "a number of 0 or more");
  if (n === undefined) return fallback;
  if (n < 0) throw new ConfigurationError(field, `${field} must be a number of 0 or more.`);
  return n;
}

/** An integer ≥ `min`, or `fallback` when absent. */
export function integer<T extends number | undefined>(value: unknown, field: string, fallback: T, min = 0): number | T {
  const n = numeric(value, field, `a whole number of ${min} or more`);
  if (n === undefined) return fallback;
  if (!Number.isInteger(n) || n < min) throw new ConfigurationError(field, `${field} must be a whole number of ${min} or more.`);
  return n;
}

/** `true`/`false` (or the strings "true"/"false"), or `fallback` when absent. */
export function boolean(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined || value === null) return fallback;
  if (value === true || value === "true") return true;
  if (value === false || value === "false") return false;
  throw new ConfigurationError(field, `${field} must be true or false.`);
}
