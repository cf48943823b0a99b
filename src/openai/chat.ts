/**
 * `chatCompletion()`: OpenAI Chat Completions over Bedrock. The model string picks the route (Converse by default,
 * `invoke/` for a family's native body) and the mapper; the runtime operations do the HTTP; the answer comes back
 * as a `ChatCompletion`, or with `stream: true` as a `Stream<ChatCompletionChunk>` mapped lazily from the events.
 * Only what a call is given is bundled: the native families come in `options.families`, the downloader of remote
 * images and files in `options.remoteMedia` (`createBedrock().completion` passes both).
 */
import { converse, converseStream, invokeModel, invokeModelWithResponseStream } from "../runtime/operations";
import type { RuntimeTarget } from "../runtime/operations";
import type { RequestOptions } from "../transport/types";
import { ConfigurationError } from "../errors";
import { Stream } from "../stream";
import { findMapper } from "../families/catalog";
import { buildConverseRequest, parseConverseResponse } from "../families/converse";
import { createConverseStreamMapper } from "../families/converse-stream";
import type { ChatFamily } from "../families/family";
import type { MappedDelta, MappedResponse, MapperOptions, StreamMapper } from "../families/types";
import type { remoteMedia as RemoteMediaLoader } from "./media";
import type { MediaPolicy } from "./media-policy";
import type { BedrockCore } from "../runtime-client";
import { parseModel } from "../api/models";
import { checkParams } from "./validate-chat";
import { invokeSettings } from "./invoke-settings";
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
} from "../api/chat-types";

/** Per-call options of the OpenAI-shaped methods. */
export interface CompletionOptions extends RequestOptions {
  /** The remote-media policy of this call, merged over the client's `media` option. @defaultValue the client's */
  media?: MediaPolicy | undefined;
  /** Alias of `media.maxItemBytes`. @defaultValue the client's `media.maxItemBytes`, else 4.5 MiB */
  maxMediaBytes?: number | undefined;
}

/** Options of {@link chatCompletion}: those of `createBedrock().completion`, and what the call may use. */
export interface ChatCompletionOptions extends CompletionOptions {
  /**
   * The native chat families the `invoke/` route may use, from `bedrock-fetch/families` (e.g. `[anthropic]`). A model
   * whose family is not given is a `ConfigurationError` naming the import to add. Converse needs none.
   * @defaultValue none
   */
  families?: readonly ChatFamily[] | undefined;
  /**
   * The downloader of remote images and files (`import { remoteMedia } from "bedrock-fetch"`): http(s) URLs in
   * `image_url` and `file` parts are downloaded under the `media` policy. Without it such URLs are refused, and the
   * downloader and its policy stay out of the bundle. @defaultValue none: send images and files as data: URLs
   */
  remoteMedia?: typeof RemoteMediaLoader | undefined;
}

/** What the chat layer needs from a client. @internal */
export interface ChatContext {
  target: RuntimeTarget;
  fetch: typeof globalThis.fetch;
  /** The client's remote-media policy. */
  media?: MediaPolicy | undefined;
  /** The client's `totalTimeout`: the call's deadline, remote media downloads included. */
  totalTimeout?: number | undefined;
}

/** The `completion` method's overloads: `stream: true` selects the streaming return type. */
export interface CompletionFunction {
  (params: ChatCompletionCreateParamsStreaming, options?: CompletionOptions): Promise<Stream<ChatCompletionChunk>>;
  (params: ChatCompletionCreateParamsNonStreaming, options?: CompletionOptions): Promise<ChatCompletion>;
  (params: ChatCompletionCreateParams, options?: CompletionOptions): Promise<ChatCompletion | Stream<ChatCompletionChunk>>;
}

const JSON_TYPE = "application/json";


function newId(): string {
  return `chatcmpl-${crypto.randomUUID()}`;
}

function toCompletion(mapped: MappedResponse, model: string): ChatCompletion {
  const message: ChatCompletion["choices"][number]["message"] = { role: "assistant", content: mapped.content, refusal: null };
  if (mapped.tool_calls?.length) message.tool_calls = mapped.tool_calls;
  if (mapped.reasoning_content !== undefined) message.reasoning_content = mapped.reasoning_content;
  if (mapped.thinking_blocks?.length) message.thinking_blocks = mapped.thinking_blocks;
  return {
    id: newId(),
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: mapped.finish_reason, logprobs: null }],
    usage: mapped.usage,
  };
}

/**
 * Turns mapped deltas into OpenAI chunks: the first chunk carries `role: "assistant"`, `finish_reason` rides on
 * its own chunk, and usage is sent (when `stream_options.include_usage` asks) as a last chunk with no choices, as
 * OpenAI does.
 */
function chunker(model: string, includeUsage: boolean) {
  const id = newId();
  const created = Math.floor(Date.now() / 1000);
  let sentRole = false;
  const base = () => ({ id, object: "chat.completion.chunk" as const, created, model });
  return (deltas: MappedDelta[]): ChatCompletionChunk[] => {
    const out: ChatCompletionChunk[] = [];
    for (const d of deltas) {
      const delta: ChatCompletionChunk["choices"][number]["delta"] = {};
      if (!sentRole) {
        delta.role = "assistant";
        sentRole = true;
      }
      if (d.content !== undefined) delta.content = d.content;
      if (d.reasoning_content !== undefined) delta.reasoning_content = d.reasoning_content;
      if (d.thinking_blocks?.length) delta.thinking_blocks = d.thinking_blocks;
      if (d.tool_calls?.length) delta.tool_calls = d.tool_calls;
      const hasDelta = Object.keys(delta).length > 0;
      if (hasDelta || d.finish_reason !== undefined) {
        const chunk: ChatCompletionChunk = {
          ...base(),
          choices: [{ index: 0, delta, finish_reason: d.finish_reason ?? null, logprobs: null }],
        };
        if (includeUsage) chunk.usage = null;
        out.push(chunk);
      }
      if (d.usage && includeUsage) out.push({ ...base(), choices: [], usage: d.usage });
    }
    return out;
  };
}

function mapStream<E>(source: Stream<E>, mapper: StreamMapper, model: string, includeUsage: boolean, pick: (e: E) => unknown) {
  const toChunks = chunker(model, includeUsage);
  return new Stream<ChatCompletionChunk>(async function* () {
    for await (const event of source) yield* toChunks(mapper.next(pick(event)));
    yield* toChunks(mapper.end());
  }, source.controller);
}

function decodeJson(bytes: Uint8Array, modelId: string): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch (cause) {
    throw new ConfigurationError("model", `The response of ${modelId} is not JSON; is the model a chat model?`, { cause });
  }
}

/** Runs one chat completion on a client's runtime. */
export async function createChatCompletion(
  context: ChatContext,
  params: ChatCompletionCreateParams,
  options: ChatCompletionOptions = {},
): Promise<ChatCompletion | Stream<ChatCompletionChunk>> {
  checkParams(params);
  const parsed = parseModel(params.model, params.model_id);
  const stream = params.stream === true;
  const mapperOptions: MapperOptions = {
    modelId: parsed.baseModelId ?? parsed.modelId,
    dropParams: params.drop_params === true,
    stream,
  };
  // The model name reported back: the foundation model when known, else the id that was called.
  const model = mapperOptions.modelId;
  const includeUsage = params.stream_options?.include_usage === true;
  const { maxMediaBytes, media, families, remoteMedia, ...requestOptions } = options;

  // Validate and build the body first, so that bad input fails before any download or request.
  const build = (p: ChatCompletionCreateParams) => {
    if (parsed.route === "converse") {
      // Jurassic-2 has no ConverseStream, as it has no InvokeModelWithResponseStream: "ConverseStream: No" in
      // https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html
      if (stream && parsed.baseModelId !== undefined && /^ai21\.j2-/.test(parsed.baseModelId)) {
        throw new ConfigurationError("stream", "AI21 Jurassic-2 has no streaming on Bedrock (neither ConverseStream nor InvokeModelWithResponseStream): call it without `stream: true`.");
      }
      return { converse: buildConverseRequest(p, mapperOptions) };
    }
    const family = findMapper("chat", families, parsed.baseModelId, params.model);
    return { family, body: family.buildRequest(p, mapperOptions), settings: invokeSettings(p, stream) };
  };
  const remote = remoteMedia?.(params.messages);
  let built = build(remote ? { ...params, messages: remote.placeholders } : params);
  // Made before any request too: a family without a response stream (Jurassic-2) refuses here, not after the
  // request was sent and its body left unread.
  const streamMapper = !stream ? undefined : "converse" in built ? createConverseStreamMapper(mapperOptions) : built.family.createStreamMapper(mapperOptions);
  if (remote) {
    const total = options.totalTimeout ?? context.totalTimeout;
    const deadline = total === undefined ? undefined : Date.now() + total;
    const policy = [context.media, media, { maxItemBytes: maxMediaBytes }];
    const messages = await remote.resolve({ policy, fetch: context.fetch, signal: options.signal, deadline });
    // The downloads took part of the call's time: the Bedrock request gets the rest.
    if (deadline !== undefined) requestOptions.totalTimeout = Math.max(1, deadline - Date.now());
    built = build({ ...params, messages });
  }

  const { target } = context;
  if ("converse" in built) {
    const input = { modelId: parsed.modelId, ...built.converse } as Parameters<typeof converse>[1];
    if (!stream) return toCompletion(parseConverseResponse(await converse(target, input, requestOptions)), model);
    const events = await converseStream(target, input, requestOptions);
    return mapStream(events, streamMapper!, model, includeUsage, (e) => e);
  }

  const { family, body, settings } = built;
  const invokeInput = { modelId: parsed.modelId, body, contentType: JSON_TYPE, accept: JSON_TYPE, ...settings };
  if (!stream) {
    const result = await invokeModel(target, invokeInput, requestOptions);
    // Several native bodies (Claude text completion, Cohere, Mistral) carry no token counts; InvokeModel reports
    // them in the X-Amzn-Bedrock-Input-Token-Count / -Output-Token-Count headers instead.
    const { inputTokens, outputTokens } = result.$metadata;
    const withCounts: MapperOptions =
      inputTokens === undefined || outputTokens === undefined
        ? mapperOptions
        : { ...mapperOptions, invocationMetrics: { inputTokenCount: inputTokens, outputTokenCount: outputTokens } };
    return toCompletion(family.parseResponse(decodeJson(result.body, parsed.modelId), withCounts), model);
  }
  const events = await invokeModelWithResponseStream(target, invokeInput, requestOptions);
  return mapStream(events, streamMapper!, model, includeUsage, (e) => e.data);
}

/** {@link chatCompletion}'s overloads: `stream: true` selects the streaming return type. */
export interface ChatCompletionFunction {
  (core: BedrockCore, params: ChatCompletionCreateParamsStreaming, options?: ChatCompletionOptions): Promise<Stream<ChatCompletionChunk>>;
  (core: BedrockCore, params: ChatCompletionCreateParamsNonStreaming, options?: ChatCompletionOptions): Promise<ChatCompletion>;
  (core: BedrockCore, params: ChatCompletionCreateParams, options?: ChatCompletionOptions): Promise<ChatCompletion | Stream<ChatCompletionChunk>>;
}

/**
 * An OpenAI chat completion on a core client: the params, results, streaming, errors and options of
 * `createBedrock().completion`, over the Converse API unless the model asks for the `invoke/` route and its family
 * is passed in `options.families`. The smallest OpenAI-shaped chat a bundle can hold.
 *
 * @example
 * ```ts
 * import { chatCompletion, createBedrockCore } from "bedrock-fetch";
 * const core = createBedrockCore({ region: "us-east-1" });
 * const stream = await chatCompletion(core, { model: "amazon.nova-micro-v1:0", messages, stream: true });
 * for await (const chunk of stream) console.log(chunk.choices[0]?.delta.content ?? "");
 * ```
 */
export const chatCompletion = ((core: BedrockCore, params: ChatCompletionCreateParams, options?: ChatCompletionOptions) =>
  createChatCompletion({ target: core, fetch: core.fetch, totalTimeout: core.config.totalTimeout }, params, options)) as ChatCompletionFunction;
