/**
 * The error for a native answer in a shape its family does not document.
 *
 * @module
 */
import { APIError } from "../errors";

/** An answer whose shape the family does not document: a typed error, never a silent empty result. */
export function invalidResponse(what: string, detail: string): APIError {
  return new APIError(`The ${what} response is not in the documented shape: ${detail}.`, { code: "InvalidResponse" });
}
