/**
 * The foundation-model id a family is chosen by, from what a caller may pass as `model`: an optional `bedrock/`
 * prefix, an optional route (`invoke/`, `converse/`), a cross-region inference-profile prefix (`us.`, `eu.`,
 * `apac.`, `global.`, ...) or a foundation-model ARN. Shared by the embedding and image registries.
 */

// Geography prefixes of system-defined inference profiles (e.g. `us.cohere.embed-v4:0`). Provider names never
// collide with these.
const PROFILE_PREFIX = /^(?:us|eu|apac|global|us-gov|jp|au|ca|sa|me|af|il|mx)\./i;
const FOUNDATION_MODEL_ARN = /^arn:aws[a-z-]*:bedrock:[^:]*:[^:]*:foundation-model\/(.+)$/;

/** `bedrock/us.amazon.titan-embed-text-v2:0` → `amazon.titan-embed-text-v2:0`. */
export function baseModelOf(model: string): string {
  let id = model.trim();
  if (id.startsWith("bedrock/")) id = id.slice("bedrock/".length);
  if (id.startsWith("invoke/")) id = id.slice("invoke/".length);
  else if (id.startsWith("converse/")) id = id.slice("converse/".length);
  const arn = FOUNDATION_MODEL_ARN.exec(id);
  if (arn) id = arn[1]!;
  return id.replace(PROFILE_PREFIX, "");
}
