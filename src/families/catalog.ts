/**
 * Which export of `bedrock-fetch/families` serves a model, as data only (no mapper), and the lookup of a model's
 * mapper among the families a call was given. When the right family was not passed, the error names the import to
 * add, at the cost of this table rather than of every family. Families and their models per the Bedrock
 * model-parameters pages (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html).
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { ModelFamily } from "./family";

type Kind = "chat" | "embedding" | "image";

// Base model id → the export of `bedrock-fetch/families` that serves it, per kind; the first match wins. Within a
// family, the family picks the mapper (chat-families.ts, embeddings/families.ts, images/families.ts).
const CATALOG: Record<Kind, ReadonlyArray<readonly [RegExp, string]>> = {
  chat: [
    [/^anthropic\.claude-/, "anthropic"],
    [/^amazon\.titan-(text|tg1)-/, "titanText"],
    // Nova understanding models; Canvas, Reel, Sonic and the embedding models are not chat models.
    [/^amazon\.nova-(?!canvas|reel|sonic|.*embed)/, "nova"],
    [/^ai21\.(j2|jamba)-/, "ai21"],
    [/^cohere\.command-/, "cohere"],
    [/^meta\.llama[234]/, "llama"],
    [/^mistral\.(mistral|mixtral|pixtral)-/, "mistral"],
    [/^deepseek\.r1/, "deepseek"],
    [/^openai\.gpt-oss-/, "gptOss"],
  ],
  embedding: [
    [/^amazon\.titan-embed-(text|g1)/, "titanEmbeddings"],
    [/^amazon\.titan-embed-image/, "titanMultimodalEmbeddings"],
    [/^cohere\.embed-/, "cohereEmbeddings"],
  ],
  image: [
    [/^stability\./, "stabilityImages"],
    [/^amazon\.titan-image-generator/, "titanImages"],
    [/^amazon\.nova-canvas/, "novaCanvas"],
  ],
};

/** The name of the `bedrock-fetch/families` export that serves `baseModelId`, if any. */
export function familyNameFor(kind: Kind, baseModelId: string): string | undefined {
  return CATALOG[kind].find(([pattern]) => pattern.test(baseModelId))?.[1];
}

/**
 * The mapper for a model, from the family of `families` that serves it.
 *
 * @param baseModelId - the foundation-model id of `model`; undefined for an ARN that names none
 * @param model - the model string as the caller wrote it, for messages
 * @throws ConfigurationError naming `model`: the import to add when the family that serves the model was not
 *   passed, else that no family knows it
 */
export function findMapper<M>(
  kind: Kind,
  families: ReadonlyArray<ModelFamily<M>> | undefined,
  baseModelId: string | undefined,
  model: string,
): M {
  const name = baseModelId && familyNameFor(kind, baseModelId);
  const family = name ? families?.find((f) => f.name === name) : undefined;
  const mapper = family?.mapperFor(baseModelId!);
  if (mapper) return mapper;
  const chat = kind === "chat";
  throw new ConfigurationError(
    "model",
    name && !family
      ? `\`${model}\` needs the \`${name}\` family: \`import { ${name} } from "bedrock-fetch/families"\` and pass \`{ families: [${name}] }\`${chat ? " (or use the `converse/` route, which needs none)" : ""}.`
      : `\`${model}\` has no ${chat ? "native request format on the `invoke/` route" : `${kind} family in bedrock-fetch`}.${
          chat
            ? ` Use the \`converse/\` route${baseModelId ? ` (e.g. \`bedrock/converse/${baseModelId}\`)` : ""}, which works for every Bedrock chat model.`
            : ` Known families: ${CATALOG[kind].map(([, n]) => n).join(", ")}.`
        } For a provisioned-throughput or application-inference-profile ARN, pass the base model as \`model\` and the ARN as \`model_id\`.`,
  );
}
