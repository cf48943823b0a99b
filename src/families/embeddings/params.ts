/**
 * Checks every embedding family shares: the OpenAI `input` (text only, never empty), `encoding_format`,
 * `dimensions`, the `drop_params` policy and the provider-specific pass-through. All pure.
 */
export { isRecord } from "../../internal/is-record";
import { ConfigurationError } from "../../errors";
import { invalidResponse } from "../invalid-response";
import { checkOneOf, extraParams, unsupported } from "../params";

export { checkOneOf };
import type { EmbeddingCreateParams } from "../../api/embedding-types";

/** Every param the OpenAI layer or an embedding mapper understands; anything else is provider-specific. */
export const KNOWN_EMBEDDING_PARAMS: ReadonlySet<string> = new Set([
  "model",
  "input",
  "dimensions",
  "encoding_format",
  "user",
  "model_id",
  "input_type",
  "truncate",
  "embedding_types",
  "normalize",
  "batch",
  "drop_params",
]);

/**
 * OpenAI `input` → a list of texts. Token arrays (`number[]`, `number[][]`) are OpenAI-tokenizer ids that no Bedrock
 * model reads, so they are refused rather than sent as numbers.
 */
export function embeddingInputs(input: unknown): string[] {
  if (typeof input === "string") {
    if (input.length === 0) throw new ConfigurationError("input", "`input` is an empty string; give at least one non-empty text.");
    return [input];
  }
  if (!Array.isArray(input)) {
    throw new ConfigurationError("input", "`input` must be a string or an array of strings.");
  }
  if (input.length === 0) throw new ConfigurationError("input", "`input` is an empty array; give at least one text.");
  const texts: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const item: unknown = input[i];
    if (typeof item === "number" || Array.isArray(item)) {
      throw new ConfigurationError(
        "input",
        "`input` holds token ids; Bedrock embedding models take text. Pass the text itself (a string or an array of strings).",
      );
    }
    if (typeof item !== "string") throw new ConfigurationError(`input[${i}]`, `\`input[${i}]\` must be a string.`);
    if (item.length === 0) throw new ConfigurationError(`input[${i}]`, `\`input[${i}]\` is an empty string; Bedrock rejects empty texts.`);
    texts.push(item);
  }
  return texts;
}

/** Throws for a param the family cannot honour, unless `drop_params` is set (then the caller leaves it out). */
export function unsupportedEmbeddingParam(name: string, family: string, dropParams: boolean): void {
  unsupported(name, `the ${family} embedding model`, dropParams);
}

/** Refuses (or, with `drop_params`, lets the caller drop) each of `names` the caller set. */
export function refuseEmbeddingParams(params: EmbeddingCreateParams, names: readonly (keyof EmbeddingCreateParams)[], family: string, dropParams: boolean): void {
  for (const name of names) if (params[name] !== undefined) unsupportedEmbeddingParam(name as string, family, dropParams);
}

/** Checks the input count (of a call, or of an answer to parse) of a one-input-per-call family: the OpenAI layer splits the inputs. */
export function oneInput(count: number, family: string): void {
  if (count !== 1) throw new RangeError(`${family} takes one input per call; the caller must split the inputs (got ${count}).`);
}

/** `dimensions` against the lengths a family documents. */
export function checkDimensions(value: unknown, allowed: readonly number[], family: string): number {
  return checkOneOf("dimensions", value, allowed, family);
}

/** `embedding_types` as a non-empty list of the types a family documents. */
export function checkEmbeddingTypes(value: unknown, allowed: readonly string[], family: string): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ConfigurationError("embedding_types", `\`embedding_types\` must be a non-empty array of ${allowed.join(", ")}.`);
  }
  for (const type of value) {
    if (!allowed.includes(type as string)) {
      throw new ConfigurationError(
        "embedding_types",
        `\`embedding_types\` may hold ${allowed.join(", ")} for ${family}; got ${JSON.stringify(type)}.`,
      );
    }
  }
  return [...(value as string[])];
}

/** Provider-specific params (not in {@link KNOWN_EMBEDDING_PARAMS}, not undefined), passed through to the body. */
export function providerSpecificEmbeddingParams(params: EmbeddingCreateParams): Record<string, unknown> {
  return extraParams(params, KNOWN_EMBEDDING_PARAMS);
}

/** An answer whose shape the family does not document: a typed error, never a silent empty vector. */
export function invalidEmbeddingResponse(family: string, detail: string) {
  return invalidResponse(`${family} embedding`, detail);
}

/** A JSON array of finite numbers. */
export function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((x) => typeof x === "number" && Number.isFinite(x));
}


/**
 * Reads `X-Amzn-Bedrock-Input-Token-Count` (any letter case) from response headers, for families whose body has no
 * token count (Cohere Embed). Returns the option object {@link EmbeddingMapper.parseResponse} takes, or undefined.
 */
export function inputTokensFromHeaders(
  headers: Headers | Record<string, string | undefined>,
): { inputTokenCount: number } | undefined {
  let raw: string | null | undefined;
  if (typeof Headers !== "undefined" && headers instanceof Headers) {
    raw = headers.get("x-amzn-bedrock-input-token-count");
  } else {
    for (const [key, value] of Object.entries(headers)) {
      if (key.toLowerCase() === "x-amzn-bedrock-input-token-count") raw = value;
    }
  }
  if (raw === null || raw === undefined || raw.trim() === "") return undefined;
  const count = Number(raw);
  return Number.isInteger(count) && count >= 0 ? { inputTokenCount: count } : undefined;
}
