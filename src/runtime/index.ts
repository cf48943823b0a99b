/**
 * @module runtime
 * The raw Bedrock Runtime operations, typed after the service model.
 */
export {
  applyGuardrail,
  converse,
  converseStream,
  countTokens,
  createRuntime,
  getAsyncInvoke,
  invokeModel,
  invokeModelWithResponseStream,
  listAsyncInvokes,
  startAsyncInvoke,
} from "./operations";
export type { BedrockRuntime, RuntimeTarget } from "./operations";
export type * from "./io-types";
export type * from "./types";
