/**
 * The pure half of `embedding()`: OpenAI params → every native body to send (all validation done before the first
 * request), and the answers → the OpenAI response. The OpenAI layer sends `plan.calls` (e.g. with
 * {@link mapWithConcurrency}), parses each answer with `plan.family.parseResponse`, then calls
 * {@link assembleEmbeddingResponse}.
 */
import { ConfigurationError } from "../../errors";
import type { CreateEmbeddingResponse, EmbeddingCreateParams, EmbeddingEncodingFormat } from "../../api/embedding-types";
import { toBase64Float32 } from "./base64";
import { embeddingInputs, isRecord } from "./params";
import { parseModel } from "../../api/models";
import { findMapper } from "../catalog";
import type { EmbeddingFamily } from "../family";
import type { EmbeddingMapper, EmbeddingParseOptions, MappedEmbeddings } from "./types";

/** One InvokeModel call of a plan. */
export interface EmbeddingCall {
  /** Index (in the OpenAI `input`) of this call's first input. */
  start: number;
  inputs: string[];
  /** The native InvokeModel body. */
  body: Record<string, unknown>;
}

export interface EmbeddingPlan {
  family: EmbeddingMapper;
  /** The model id for the URL: `model_id` when given, else `model` without the `bedrock/` prefix and route. */
  modelId: string;
  /** `model` as the caller gave it, echoed in the response. */
  model: string;
  inputs: string[];
  calls: EmbeddingCall[];
  encodingFormat: EmbeddingEncodingFormat;
  /** Options for `family.parseResponse` (add `invocationMetrics` per answer from its headers). */
  parseOptions: EmbeddingParseOptions;
}

/**
 * Validates the params and builds every call, with the mapper of the model among `families`. Throws
 * ConfigurationError (naming the field) for: a model no family given serves (naming the import to add when one
 * would), an empty or token-id `input`, an unknown `encoding_format`, params the family cannot honour (unless
 * `drop_params`), and more inputs than one call takes when `batch: false`.
 */
export function planEmbedding(params: EmbeddingCreateParams, families: readonly EmbeddingFamily[] | undefined): EmbeddingPlan {
  if (!isRecord(params)) throw new ConfigurationError("params", "Pass the embedding params as an object: `{ model, input }`.");
  if (typeof params.model !== "string" || params.model.trim() === "") {
    throw new ConfigurationError("model", "`model` is required, e.g. `bedrock/amazon.titan-embed-text-v2:0`.");
  }
  const family = findMapper("embedding", families, parseModel(params.model).baseModelId, params.model);
  const inputs = embeddingInputs(params.input);
  const encodingFormat = params.encoding_format ?? "float";
  if (encodingFormat !== "float" && encodingFormat !== "base64") {
    throw new ConfigurationError("encoding_format", `\`encoding_format\` must be "float" or "base64"; got ${JSON.stringify(encodingFormat)}.`);
  }
  if (params.batch !== undefined && typeof params.batch !== "boolean") {
    throw new ConfigurationError("batch", "`batch` must be true or false.");
  }
  // Titan takes one text per call by design, so it always fans out; `batch: false` guards only against a batch
  // family silently turning one request into several.
  if (params.batch === false && family.maxBatch > 1 && inputs.length > family.maxBatch) {
    throw new ConfigurationError(
      "input",
      `\`input\` has ${inputs.length} texts; ${family.name} takes at most ${family.maxBatch} per call and \`batch: false\` forbids splitting. ` +
        "Remove `batch: false` to send them in several calls, or pass fewer texts.",
    );
  }
  if (params.model_id !== undefined && (typeof params.model_id !== "string" || params.model_id.trim() === "")) {
    throw new ConfigurationError("model_id", "`model_id` must be a non-empty string (a provisioned-throughput or inference-profile ARN).");
  }
  const { modelId } = parseModel(params.model, params.model_id);
  const options = { modelId: parseModel(params.model).modelId, dropParams: params.drop_params === true };
  const calls: EmbeddingCall[] = [];
  for (let start = 0; start < inputs.length; start += family.maxBatch) {
    const slice = inputs.slice(start, start + family.maxBatch);
    calls.push({ start, inputs: slice, body: family.buildRequest(slice, params, options) });
  }
  // Read back from the body actually built: with `drop_params` a family may have left `embedding_types` out.
  const first = calls[0]!.body;
  const sentTypes = first["embedding_types"] ?? first["embeddingTypes"];
  const parseOptions: EmbeddingParseOptions = Array.isArray(sentTypes) ? { embeddingTypes: sentTypes as string[] } : {};
  return { family, modelId, model: params.model, inputs, calls, encodingFormat, parseOptions };
}

/**
 * The parsed answers of `plan.calls` (same order) → the OpenAI response, vectors in input order, tokens summed.
 * `created`-style fields do not exist for embeddings, so this needs nothing from the caller's clock.
 */
export function assembleEmbeddingResponse(plan: EmbeddingPlan, answers: readonly MappedEmbeddings[]): CreateEmbeddingResponse {
  if (answers.length !== plan.calls.length) {
    throw new RangeError(`Expected ${plan.calls.length} answers, got ${answers.length}.`);
  }
  const data: CreateEmbeddingResponse["data"] = [];
  let tokens = 0;
  answers.forEach((answer, i) => {
    const call = plan.calls[i]!;
    if (answer.vectors.length !== call.inputs.length) {
      throw new RangeError(`Call ${i} sent ${call.inputs.length} inputs but its answer has ${answer.vectors.length} vectors.`);
    }
    answer.vectors.forEach((vector, j) => {
      data.push({
        object: "embedding",
        index: call.start + j,
        embedding: plan.encodingFormat === "base64" ? toBase64Float32(vector) : vector,
      });
    });
    tokens += answer.promptTokens;
  });
  return { object: "list", data, model: plan.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
