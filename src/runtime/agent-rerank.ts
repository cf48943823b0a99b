/**
 * Rerank, the Agent Runtime operation that scores documents against a query with a reranker model:
 * `POST /rerank` on `bedrock-agent-runtime.{region}.{suffix}`, signed as `bedrock`
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_agent-runtime_Rerank.html). The shapes below are the
 * operation's request and response as documented there; the OpenAI/Cohere-shaped `rerank()` builds on it.
 */
import { ConfigurationError } from "../errors";
import { agentRuntimeEndpoint } from "../transport/agent-runtime-endpoint";
import type { Transport } from "../transport/transport";
import type { RequestOptions, ResponseMetadata } from "../transport/types";
import { sendJson } from "./call";

/** A text to rerank, or the query (`RerankTextDocument`: 1 to 32,000 characters). */
export interface AgentRerankText {
  text: string;
}

/** A document to rerank: text, or any JSON value (`RerankDocument`). */
export interface AgentRerankDocument {
  type: "TEXT" | "JSON";
  textDocument?: AgentRerankText;
  jsonDocument?: unknown;
}

/** The request of {@link agentRuntimeRerank} (`RerankRequest`). */
export interface AgentRerankRequest {
  /** Exactly one query. */
  queries: Array<{ type: "TEXT"; textQuery: AgentRerankText }>;
  /** 1 to 1,000 inline documents. */
  sources: Array<{ type: "INLINE"; inlineDocumentSource: AgentRerankDocument }>;
  rerankingConfiguration: {
    type: "BEDROCK_RERANKING_MODEL";
    bedrockRerankingConfiguration: {
      /** How many results to return, best first. */
      numberOfResults?: number;
      modelConfiguration: {
        /** `arn:aws:bedrock:{region}::foundation-model/{model id}`, e.g. of `amazon.rerank-v1:0` or `cohere.rerank-v3-5:0`. */
        modelArn: string;
        /** Model-specific request fields, e.g. Cohere's `max_tokens_per_doc`. */
        additionalModelRequestFields?: Record<string, unknown>;
      };
    };
  };
  /** The `nextToken` of a previous answer, for the next batch of results. */
  nextToken?: string;
}

/** One scored document (`RerankResult`). */
export interface AgentRerankResult {
  /** The document's position in `sources`. */
  index: number;
  relevanceScore: number;
  document?: AgentRerankDocument;
}

/** The answer of {@link agentRuntimeRerank} (`RerankResponse`). */
export interface AgentRerankResponse {
  results: AgentRerankResult[];
  nextToken?: string;
  $metadata: ResponseMetadata;
}

/** What {@link agentRuntimeRerank} needs of a client: any client of `createBedrockCore`, `createBedrockRuntime` or `createBedrock`. */
export interface AgentRuntimeTarget {
  /** @internal */
  readonly transport: Transport;
  readonly config: { readonly endpoint: string; readonly region: string | undefined };
}

/** Per-call options of the Agent Runtime operations. */
export interface AgentRuntimeOptions extends RequestOptions {
  /**
   * Where the Agent Runtime is served, when not beside the client's Bedrock Runtime endpoint (a VPC endpoint of
   * `bedrock-agent-runtime`, say). @defaultValue the client's endpoint with its host `bedrock-runtime` read as
   * `bedrock-agent-runtime`; any other custom endpoint (an emulator, a proxy) as it is
   */
  agentRuntimeEndpoint?: string | URL | undefined;
}

/**
 * Rerank on the Agent Runtime: the documented request as it is, and its answer with `$metadata`.
 *
 * @example
 * ```ts
 * const { results } = await agentRuntimeRerank(core, {
 *   queries: [{ type: "TEXT", textQuery: { text: "What is the capital of the United States?" } }],
 *   sources: docs.map((text) => ({ type: "INLINE", inlineDocumentSource: { type: "TEXT", textDocument: { text } } })),
 *   rerankingConfiguration: { type: "BEDROCK_RERANKING_MODEL", bedrockRerankingConfiguration: {
 *     numberOfResults: 3, modelConfiguration: { modelArn: "arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0" } } },
 * });
 * ```
 */
export async function agentRuntimeRerank(
  client: AgentRuntimeTarget,
  input: AgentRerankRequest,
  options: AgentRuntimeOptions = {},
): Promise<AgentRerankResponse> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new ConfigurationError("input", "Rerank takes an input object: { queries, sources, rerankingConfiguration }.");
  }
  const { agentRuntimeEndpoint: override, ...requestOptions } = options;
  return sendJson<Omit<AgentRerankResponse, "$metadata">>(
    client.transport,
    {
      operation: "Rerank",
      method: "POST",
      path: "/rerank",
      baseUrl: agentRuntimeEndpoint(client.config.endpoint, override),
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(input),
    },
    requestOptions,
  );
}
