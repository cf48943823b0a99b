/**
 * The Agent Runtime's base URL (where Rerank is served), derived from a client's resolved Bedrock Runtime endpoint.
 * botocore's `bedrock-agent-runtime/2023-07-26/endpoint-rule-set-1.json` is the rule set of bedrock-runtime with the
 * host label `bedrock-agent-runtime` (`bedrock-agent-runtime-fips` for FIPS) and the same partition DNS suffixes,
 * dual-stack ones included, so the Agent Runtime host is the client's with that one label changed. Its signing name
 * is `bedrock` too (service model metadata `signingName`), so the client's authorizer signs for it unchanged.
 * @internal
 */
import { resolveEndpoint } from "./endpoints";

// A host the endpoint rules produced (or the same host written out as a custom endpoint).
const RUNTIME_HOST = /^(https:\/\/)bedrock-runtime(-fips)?\./;

/**
 * The base URL (no trailing slash) for Agent Runtime operations.
 *
 * @param runtimeEndpoint - the client's resolved endpoint (`core.config.endpoint`)
 * @param override - another endpoint for the Agent Runtime, checked as a client's `endpoint` is (https, or plain
 *   http on loopback)
 * @returns `https://bedrock-agent-runtime[-fips].{region}.{suffix}` when the client's endpoint is Bedrock
 *   Runtime's own host; any other custom endpoint as it is (an emulator or a proxy serves both APIs)
 * @throws ConfigurationError when `override` is not a usable endpoint
 */
export function agentRuntimeEndpoint(runtimeEndpoint: string, override?: string | URL): string {
  if (override !== undefined) return resolveEndpoint({ endpoint: override });
  return runtimeEndpoint.replace(RUNTIME_HOST, "$1bedrock-agent-runtime$2.");
}
