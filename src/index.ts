/**
 * @module bedrock-fetch
 *
 * Amazon Bedrock Runtime over `fetch`, with no dependencies: SigV4 signing on WebCrypto, AWS event-stream decoding,
 * the raw Bedrock operations and an OpenAI-compatible API on top. Runs unchanged on Cloudflare Workers, Deno, Bun,
 * browsers and Node 18+.
 */
export * from "./errors";
