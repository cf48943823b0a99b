/**
 * Fault injection. A fault spec is a list of items separated by commas (or semicolons); each item is
 * `name` or `name:argument[:argument]`:
 *
 * | item | effect |
 * |---|---|
 * | `throttle` / `throttle:N` | the first N calls carrying this item (default 1) get 429 `ThrottlingException` |
 * | `error:500` / `error:503` / `error:STATUS:N` | 500 `InternalServerException`, 503 `ServiceUnavailableException` (also 424 `ModelErrorException`, 408 `ModelTimeoutException`); with N, only the first N calls |
 * | `stream-error:K` / `stream-error:K:TYPE` | a stream sends K frames, then an exception frame of TYPE (`modelStreamErrorException` by default; also `throttlingException`, `internalServerException`, `serviceUnavailableException`, `validationException`, `modelTimeoutException`) |
 * | `cut:K` | a stream sends K frames, then half of the next one, then ends (a body cut inside a frame) |
 * | `drip:MS` | a stream waits MS milliseconds before each frame after the first (through the injectable `sleep`) |
 * | `skew:SECONDS` | the emulator's clock runs SECONDS ahead (negative: behind), so signatures look expired or early |
 * | `bad-signature` | any signature is rejected: 403 `InvalidSignatureException` |
 * | `expired-token` | 403 `ExpiredTokenException` "The security token included in the request is expired" |
 *
 * Give it per request in the `x-bedrock-fetch-fault` header, or for every request in the emulator's `faults`
 * option. Example: `x-bedrock-fetch-fault: throttle:2, drip:50`.
 */
import { ConfigurationError } from "../errors";

/** The parsed form of a fault spec. */
export interface Faults {
  /** Items that fail the first N calls: key (the item text) → [N, status, code]. */
  counted: { key: string; limit: number; status: number; code: string }[];
  streamError?: { frames: number; type: string };
  cutAfter?: number;
  dripMs?: number;
  skewSeconds?: number;
  badSignature?: boolean;
  expiredToken?: boolean;
}

const STATUS_CODES: Record<number, string> = {
  500: "InternalServerException",
  503: "ServiceUnavailableException",
  424: "ModelErrorException",
  408: "ModelTimeoutException",
};

const STREAM_EXCEPTIONS = new Set([
  "modelStreamErrorException",
  "throttlingException",
  "internalServerException",
  "serviceUnavailableException",
  "validationException",
  "modelTimeoutException",
]);

/** Messages for the error answers a fault produces, as AWS words them. */
export const FAULT_MESSAGES: Record<string, string> = {
  ThrottlingException: "Too many requests, please wait before trying again.",
  InternalServerException: "The server encountered an internal error while processing the request.",
  ServiceUnavailableException: "Bedrock is unable to process your request.",
  ModelErrorException: "The model returned an error while processing the request.",
  ModelTimeoutException: "Model has timed out in processing the request. Try your request again.",
  modelStreamErrorException: "The model stream failed while generating a response.",
  throttlingException: "Too many requests, please wait before trying again.",
  internalServerException: "The server encountered an internal error while processing the request.",
  serviceUnavailableException: "Bedrock is unable to process your request.",
  validationException: "The request stream was rejected.",
  modelTimeoutException: "Model has timed out in processing the request.",
};

function int(item: string, value: string | undefined, field: string, min = 0): number {
  const n = Number(value);
  if (value === undefined || value === "" || !Number.isInteger(n) || n < min) {
    throw new ConfigurationError(field, `Fault "${item}": expected an integer ≥ ${min}.`);
  }
  return n;
}

/**
 * Parses a fault spec (see this module's table). Throws {@link ConfigurationError} naming `field` for anything it
 * does not understand.
 */
export function parseFaultSpec(spec: string | readonly string[], field = "faults"): Faults {
  const faults: Faults = { counted: [] };
  const items = (typeof spec === "string" ? [spec] : spec).flatMap((s) => s.split(/[,;]/)).map((s) => s.trim()).filter((s) => s !== "");
  for (const item of items) {
    const [name = "", a, b] = item.split(":").map((s) => s.trim());
    switch (name) {
      case "throttle":
        faults.counted.push({ key: item, limit: a === undefined ? 1 : int(item, a, field, 1), status: 429, code: "ThrottlingException" });
        break;
      case "error": {
        const status = int(item, a, field);
        const code = STATUS_CODES[status];
        if (code === undefined) throw new ConfigurationError(field, `Fault "${item}": status must be one of ${Object.keys(STATUS_CODES).join(", ")}.`);
        faults.counted.push({ key: item, limit: b === undefined ? Infinity : int(item, b, field, 1), status, code });
        break;
      }
      case "stream-error": {
        const type = b ?? "modelStreamErrorException";
        if (!STREAM_EXCEPTIONS.has(type)) {
          throw new ConfigurationError(field, `Fault "${item}": exception type must be one of ${[...STREAM_EXCEPTIONS].join(", ")}.`);
        }
        faults.streamError = { frames: int(item, a, field), type };
        break;
      }
      case "cut":
        faults.cutAfter = int(item, a, field);
        break;
      case "drip":
        faults.dripMs = int(item, a, field);
        break;
      case "skew": {
        const n = Number(a);
        if (a === undefined || a === "" || !Number.isFinite(n)) throw new ConfigurationError(field, `Fault "${item}": expected seconds.`);
        faults.skewSeconds = n;
        break;
      }
      case "bad-signature":
        faults.badSignature = true;
        break;
      case "expired-token":
        faults.expiredToken = true;
        break;
      default:
        throw new ConfigurationError(field, `Unknown fault "${name}". Known: throttle, error, stream-error, cut, drip, skew, bad-signature, expired-token.`);
    }
  }
  return faults;
}

/** Combines config-level and per-request faults (the request's win where both set the same thing). */
export function mergeFaults(base: Faults, extra: Faults): Faults {
  return { ...base, ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)),
    counted: [...base.counted, ...extra.counted] };
}
