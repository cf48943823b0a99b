/**
 * Amazon Titan Multimodal Embeddings G1 (`amazon.titan-embed-image-v1`). One input per call: a text, or an image
 * given as a `data:image/png;base64,...` / `data:image/jpeg;base64,...` URL in the OpenAI `input`. Fields as AWS
 * documents them: https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters-titan-embed-mm.html
 *
 * `{ inputText?, inputImage? (base64), embeddingConfig?: { outputEmbeddingLength: 256 | 384 | 1024 } }` →
 * `{ embedding, inputTextTokenCount, message? }`.
 */
import { ConfigurationError } from "../../errors";
import type { EmbeddingCreateParams } from "../../api/embedding-types";
import type { EmbeddingMapper, EmbeddingMapperOptions, EmbeddingParseOptions, MappedEmbeddings } from "./types";
import {
  checkDimensions,
  invalidEmbeddingResponse,
  isRecord,
  isVector,
  oneInput,
  providerSpecificEmbeddingParams,
  refuseEmbeddingParams,
} from "./params";
import { titanTokens } from "./titan";

/** The output lengths Titan Multimodal Embeddings G1 documents (1024 is the default). */
export const TITAN_MULTIMODAL_DIMENSIONS: readonly number[] = [256, 384, 1024];

const FAMILY = "amazon-titan-embed-image-v1";
const DATA_URL = /^data:(image\/[a-z0-9.+-]+);base64,(.*)$/is;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** An input string → `inputText`, or `inputImage` when it is an image `data:` URL. */
function inputField(input: string): Record<string, string> {
  if (!/^data:/i.test(input)) return { inputText: input };
  const match = DATA_URL.exec(input);
  if (!match) {
    throw new ConfigurationError("input", "An image `input` must be a base64 data URL: `data:image/png;base64,...`.");
  }
  const mediaType = match[1]!.toLowerCase();
  if (mediaType !== "image/png" && mediaType !== "image/jpeg" && mediaType !== "image/jpg") {
    throw new ConfigurationError("input", `Titan Multimodal Embeddings takes PNG or JPEG images; got ${mediaType}.`);
  }
  const data = match[2]!.replace(/\s+/g, "");
  if (data.length === 0 || data.length % 4 !== 0 || !BASE64.test(data)) {
    throw new ConfigurationError("input", "The image `input` does not hold valid base64 data.");
  }
  return { inputImage: data };
}

export const titanMultimodal: EmbeddingMapper = {
  name: FAMILY,
  maxBatch: 1,
  buildRequest(inputs: readonly string[], params: EmbeddingCreateParams, options: EmbeddingMapperOptions) {
    oneInput(inputs.length, FAMILY);
    refuseEmbeddingParams(params, ["normalize", "embedding_types", "input_type", "truncate"], "Titan Multimodal Embeddings G1", options.dropParams);
    const body: Record<string, unknown> = { ...providerSpecificEmbeddingParams(params), ...inputField(inputs[0]!) };
    if (params.dimensions !== undefined) {
      body["embeddingConfig"] = {
        outputEmbeddingLength: checkDimensions(params.dimensions, TITAN_MULTIMODAL_DIMENSIONS, "Titan Multimodal Embeddings G1"),
      };
    }
    return body;
  },
  parseResponse(body: unknown, inputsCount: number, options?: EmbeddingParseOptions): MappedEmbeddings {
    if (!isRecord(body)) throw invalidEmbeddingResponse(FAMILY, "the body is not a JSON object");
    oneInput(inputsCount, FAMILY);
    const embedding = body["embedding"];
    if (!isVector(embedding)) {
      // The model reports problems in `message` (documented field) with no vector.
      const message = typeof body["message"] === "string" ? `: ${body["message"]}` : "";
      throw invalidEmbeddingResponse(FAMILY, `no \`embedding\` array of numbers${message}`);
    }
    return { vectors: [embedding], promptTokens: titanTokens(body, options) };
  },
};
