/**
 * The family mapper for a model string, by the base model id's prefix. Pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import { parseModel } from "../api/models";

/**
 * The family for a model id by id prefix (a `bedrock/` prefix, route, inference-profile prefix or foundation-model
 * ARN is tolerated); an unknown id is a ConfigurationError naming `model` and what is supported.
 */
export function familyByPrefix<T>(model: string, table: ReadonlyArray<readonly [string, T]>, what: string, arn: string): T {
  const parsed = parseModel(model);
  const id = parsed.baseModelId ?? parsed.modelId;
  for (const [prefix, family] of table) if (id.startsWith(prefix)) return family;
  throw new ConfigurationError(
    "model",
    `\`${model}\` is not a supported Bedrock ${what} model. Supported: ${table.map(([prefix]) => prefix).join(", ")}. ` +
      `For a ${arn} ARN, pass the base model as \`model\` and the ARN as \`model_id\`.`,
  );
}
