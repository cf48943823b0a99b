/**
 * The model an operation is asked to run, or Bedrock's refusal: strict mode resolves the id through the catalog
 * (catalog.ts), lenient mode accepts any id of a known provider (families/detect.ts).
 */
import { invalidModel } from "./aws-error";
import { resolveModel } from "./catalog";
import type { ModelEntry } from "./catalog-data";
import { baseModelId, isKnownModel } from "./families/detect";

export interface ModelTarget {
  /** The foundation-model id, undefined for an ARN that names none (an application inference profile, …). */
  baseId: string | undefined;
  /** What the catalog says of it (strict mode only). */
  entry: ModelEntry | undefined;
}

/** Resolves `modelId`, throwing `The provided model identifier is invalid.` as Bedrock does for an unknown one. */
export function requireModel(modelId: string, lenient: boolean): ModelTarget {
  if (lenient) {
    if (!isKnownModel(modelId)) throw invalidModel();
    return { baseId: baseModelId(modelId), entry: undefined };
  }
  const resolved = resolveModel(modelId);
  if (resolved === undefined) throw invalidModel();
  return resolved.known ? { baseId: resolved.baseId, entry: resolved.entry } : { baseId: undefined, entry: undefined };
}
