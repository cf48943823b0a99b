/**
 * @module runtime
 * The raw Bedrock Runtime operations, typed after the service model.
 */
export { createRuntime } from "./operations";
export type { BedrockRuntime } from "./operations";
export type * from "./io-types";
export type * from "./types";
