/**
 * From operation inputs to HTTP requests, following the `http` traits of the service model (method, URI template,
 * header and query bindings): https://docs.aws.amazon.com/bedrock/latest/APIReference/API_Operations_Amazon_Bedrock_Runtime.html.
 * Pure functions; the transport adds auth and sends.
 * @internal
 */
import { ConfigurationError } from "../errors";
import { encodePathSegment } from "../sigv4";
import type { HttpRequest } from "../transport/types";
import type { InvokeModelInput, InvokeModelWithResponseStreamInput, ListAsyncInvokesInput } from "./io-types";

const JSON_TYPE = "application/json";
const EVENT_STREAM = "application/vnd.amazon.eventstream";

function required(value: unknown, field: string, operation: string): string {
  if (typeof value !== "string" || value === "") {
    throw new ConfigurationError(field, `${operation} needs \`${field}\` (a non-empty string).`);
  }
  return value;
}

function input(value: unknown, operation: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigurationError("input", `${operation} takes an input object.`);
  }
  return value as Record<string, unknown>;
}

/** `/model/{modelId}/<suffix>` with the id encoded as one segment (`:` → `%3A`, the `/` of an ARN → `%2F`). */
function modelPath(modelId: unknown, suffix: string, operation: string): string {
  return `/model/${encodePathSegment(required(modelId, "modelId", operation))}/${suffix}`;
}

/** A JSON operation: the URI-bound `modelId` leaves the body, everything else is the body. */
export function modelJsonRequest(operation: string, suffix: string, value: unknown, stream: boolean): HttpRequest {
  const { modelId, ...body } = input(value, operation);
  return {
    operation,
    method: "POST",
    path: modelPath(modelId, suffix, operation),
    headers: { "content-type": JSON_TYPE, accept: stream ? EVENT_STREAM : JSON_TYPE },
    body: JSON.stringify(body),
  };
}

function invokeBody(body: unknown, operation: string): string | Uint8Array {
  if (typeof body === "string" || body instanceof Uint8Array) return body;
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (typeof body === "object" && body !== null) return JSON.stringify(body);
  throw new ConfigurationError("body", `${operation} needs \`body\`: the model's native request as an object, a JSON string or bytes.`);
}

/** InvokeModel and InvokeModelWithResponseStream: the body is the model's own, options travel in headers. */
export function invokeRequest(value: InvokeModelInput | InvokeModelWithResponseStreamInput, stream: boolean): HttpRequest {
  const operation = stream ? "InvokeModelWithResponseStream" : "InvokeModel";
  const v = input(value, operation) as unknown as InvokeModelInput;
  const headers: Record<string, string> = { "content-type": v.contentType ?? JSON_TYPE };
  if (stream) {
    headers["accept"] = EVENT_STREAM;
    headers["x-amzn-bedrock-accept"] = v.accept ?? JSON_TYPE;
  } else {
    headers["accept"] = v.accept ?? JSON_TYPE;
  }
  if (v.trace !== undefined) headers["x-amzn-bedrock-trace"] = v.trace;
  if (v.guardrailIdentifier !== undefined) headers["x-amzn-bedrock-guardrailidentifier"] = v.guardrailIdentifier;
  if (v.guardrailVersion !== undefined) headers["x-amzn-bedrock-guardrailversion"] = v.guardrailVersion;
  if (v.performanceConfigLatency !== undefined) headers["x-amzn-bedrock-performanceconfig-latency"] = v.performanceConfigLatency;
  if (v.serviceTier !== undefined) headers["x-amzn-bedrock-service-tier"] = v.serviceTier;
  if (v.requestMetadata !== undefined) {
    headers["x-amzn-bedrock-request-metadata"] =
      typeof v.requestMetadata === "string" ? v.requestMetadata : JSON.stringify(v.requestMetadata);
  }
  return {
    operation,
    method: "POST",
    path: modelPath(v.modelId, stream ? "invoke-with-response-stream" : "invoke", operation),
    headers,
    body: invokeBody(v.body, operation),
  };
}

/** ApplyGuardrail: `/guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply`. */
export function applyGuardrailRequest(value: unknown): HttpRequest {
  const operation = "ApplyGuardrail";
  const { guardrailIdentifier, guardrailVersion, ...body } = input(value, operation);
  const id = encodePathSegment(required(guardrailIdentifier, "guardrailIdentifier", operation));
  const version = encodePathSegment(required(guardrailVersion, "guardrailVersion", operation));
  return {
    operation,
    method: "POST",
    path: `/guardrail/${id}/version/${version}/apply`,
    headers: { "content-type": JSON_TYPE, accept: JSON_TYPE },
    body: JSON.stringify(body),
  };
}

/**
 * StartAsyncInvoke: `POST /async-invoke`. `clientRequestToken` is the idempotency token; one is generated when
 * absent so that a retried start cannot launch the job twice.
 */
export function startAsyncInvokeRequest(value: unknown): HttpRequest {
  const operation = "StartAsyncInvoke";
  const v = input(value, operation);
  required(v.modelId, "modelId", operation);
  const body = v.clientRequestToken === undefined ? { clientRequestToken: crypto.randomUUID(), ...v } : v;
  return {
    operation,
    method: "POST",
    path: "/async-invoke",
    headers: { "content-type": JSON_TYPE, accept: JSON_TYPE },
    body: JSON.stringify(body),
  };
}

/** GetAsyncInvoke: `GET /async-invoke/{invocationArn}`, the ARN as one encoded segment. */
export function getAsyncInvokeRequest(value: unknown): HttpRequest {
  const operation = "GetAsyncInvoke";
  const arn = required(input(value, operation).invocationArn, "invocationArn", operation);
  return { operation, method: "GET", path: `/async-invoke/${encodePathSegment(arn)}`, headers: { accept: JSON_TYPE } };
}

const LIST_QUERY = ["submitTimeAfter", "submitTimeBefore", "statusEquals", "maxResults", "nextToken", "sortBy", "sortOrder"] as const;

/** ListAsyncInvokes: `GET /async-invoke?…` with every input member bound to a query parameter of the same name. */
export function listAsyncInvokesRequest(value: ListAsyncInvokesInput | undefined): HttpRequest {
  const operation = "ListAsyncInvokes";
  const v = value === undefined ? {} : (input(value, operation) as ListAsyncInvokesInput);
  const query: string[] = [];
  for (const name of LIST_QUERY) {
    const raw = v[name];
    if (raw === undefined) continue;
    const text = raw instanceof Date ? raw.toISOString() : String(raw);
    query.push(`${name}=${encodePathSegment(text)}`);
  }
  return {
    operation,
    method: "GET",
    path: query.length ? `/async-invoke?${query.join("&")}` : "/async-invoke",
    headers: { accept: JSON_TYPE },
  };
}
