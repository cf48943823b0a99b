/**
 * @module bedrock-fetch/emulator
 *
 * A local Amazon Bedrock Runtime as a web-standard handler `(Request) => Promise<Response>`: it verifies SigV4 and
 * bearer keys like AWS, answers every runtime operation in each model family's real wire format (learned from
 * recorded traffic), injects faults on demand and can replay recordings. Runs on Node (via `bedrock-fetch/node`),
 * Cloudflare Workers, Deno and Bun.
 */
export { createEmulator, FAULT_HEADER, TEST_API_KEY, TEST_CREDENTIALS } from "./create-emulator";
export { parseFaultSpec } from "./faults";
export type { Faults } from "./faults";
export { verifySigV4 } from "./verify-sigv4";
export type { SigV4Result } from "./verify-sigv4";
export { encodeStripesPng } from "./png";
export { chooseTool, pickTool } from "./generate";
export { argumentsFromSchema } from "./tool-arguments";
export type { EmulatorCredentials, EmulatorOptions, RecordedExchange, ToolChoice } from "./types";
