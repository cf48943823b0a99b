/**
 * Bedrock Runtime request and response shapes, generated from the service model
 * (botocore `bedrock-runtime/2023-09-30/service-2.json`, API version 2023-09-30) by
 * `scripts/gen-runtime-types.mjs`. Do not edit by hand: run `node scripts/gen-runtime-types.mjs`.
 *
 * These are the JSON wire shapes: blobs are base64 strings, timestamps ISO 8601 strings, documents `unknown`.
 * Reference: https://docs.aws.amazon.com/bedrock/latest/APIReference/API_Operations_Amazon_Bedrock_Runtime.html
 */
/* eslint-disable */

export type Trace = "ENABLED" | "DISABLED" | "ENABLED_FULL";

export type PerformanceConfigLatency = "standard" | "optimized";

export type ServiceTierType = "priority" | "default" | "flex" | "reserved";

export interface InvokeModelRequest {
  /** The MIME type of the input data in the request. You must specify application/json. (HTTP header `Content-Type`) */
  contentType?: string;
  /** The desired MIME type of the inference body in the response. The default value is application/json. (HTTP header `Accept`) */
  accept?: string;
  /** The unique identifier of the model to invoke to run inference. */
  modelId: string;
  /** Specifies whether to enable or disable the Bedrock trace. If enabled, you can see the full Bedrock trace. (HTTP header `X-Amzn-Bedrock-Trace`) */
  trace?: Trace;
  /** The unique identifier of the guardrail that you want to use. If you don't provide a value, no guardrail is applied to the invocation. */
  guardrailIdentifier?: string;
  /** The version number for the guardrail. The value can also be DRAFT. (HTTP header `X-Amzn-Bedrock-GuardrailVersion`) */
  guardrailVersion?: string;
  /** Model performance settings for the request. (HTTP header `X-Amzn-Bedrock-PerformanceConfig-Latency`) */
  performanceConfigLatency?: PerformanceConfigLatency;
  /** Specifies the processing tier type used for serving the request. (HTTP header `X-Amzn-Bedrock-Service-Tier`) */
  serviceTier?: ServiceTierType;
  /** Key-value pairs that you can use to filter invocation logs. (HTTP header `X-Amzn-Bedrock-Request-Metadata`) */
  requestMetadata?: string;
}

export interface InvokeModelResponse {
  /** The MIME type of the inference result. (HTTP header `Content-Type`) */
  contentType: string;
  /** Model performance settings for the request. (HTTP header `X-Amzn-Bedrock-PerformanceConfig-Latency`) */
  performanceConfigLatency?: PerformanceConfigLatency;
  /** Specifies the processing tier type used for serving the request. (HTTP header `X-Amzn-Bedrock-Service-Tier`) */
  serviceTier?: ServiceTierType;
}

export interface InvokeModelWithResponseStreamRequest {
  /** The MIME type of the input data in the request. You must specify application/json. (HTTP header `Content-Type`) */
  contentType?: string;
  /** The desired MIME type of the inference body in the response. The default value is application/json. (HTTP header `X-Amzn-Bedrock-Accept`) */
  accept?: string;
  /** The unique identifier of the model to invoke to run inference. */
  modelId: string;
  /** Specifies whether to enable or disable the Bedrock trace. If enabled, you can see the full Bedrock trace. (HTTP header `X-Amzn-Bedrock-Trace`) */
  trace?: Trace;
  /** The unique identifier of the guardrail that you want to use. If you don't provide a value, no guardrail is applied to the invocation. */
  guardrailIdentifier?: string;
  /** The version number for the guardrail. The value can also be DRAFT. (HTTP header `X-Amzn-Bedrock-GuardrailVersion`) */
  guardrailVersion?: string;
  /** Model performance settings for the request. (HTTP header `X-Amzn-Bedrock-PerformanceConfig-Latency`) */
  performanceConfigLatency?: PerformanceConfigLatency;
  /** Specifies the processing tier type used for serving the request. (HTTP header `X-Amzn-Bedrock-Service-Tier`) */
  serviceTier?: ServiceTierType;
  /** Key-value pairs that you can use to filter invocation logs. (HTTP header `X-Amzn-Bedrock-Request-Metadata`) */
  requestMetadata?: string;
}

export interface InvokeModelWithResponseStreamResponse {
  /** The MIME type of the inference result. (HTTP header `X-Amzn-Bedrock-Content-Type`) */
  contentType: string;
  /** Model performance settings for the request. (HTTP header `X-Amzn-Bedrock-PerformanceConfig-Latency`) */
  performanceConfigLatency?: PerformanceConfigLatency;
  /** Specifies the processing tier type used for serving the request. (HTTP header `X-Amzn-Bedrock-Service-Tier`) */
  serviceTier?: ServiceTierType;
}

export type ConversationRole = "user" | "assistant" | "system";

export type ImageFormat = "png" | "jpeg" | "gif" | "webp";

/** A storage location in an Amazon S3 bucket. */
export interface S3Location {
  /** An object URI starting with s3://. */
  uri: string;
  /** If the bucket belongs to another AWS account, specify that account's ID. */
  bucketOwner?: string;
}

/** The source for an image. */
export type ImageSource =
  | { bytes: string }
  | { s3Location: S3Location };

/** A block containing error information when content processing fails. */
export interface ErrorBlock {
  /** A human-readable error message describing what went wrong during content processing. */
  message?: string;
}

/** Image content for a message. */
export interface ImageBlock {
  /** The format of the image. */
  format: ImageFormat;
  /** The source for the image. */
  source: ImageSource;
  /** Error information if the image block could not be processed or contains invalid data. */
  error?: ErrorBlock;
}

export type DocumentFormat = "pdf" | "csv" | "doc" | "docx" | "xls" | "xlsx" | "html" | "txt" | "md";

/** Contains the actual content of a document that can be processed by the model and potentially cited in the response. */
export type DocumentContentBlock =
  | { text: string };

/** Contains the content of a document. */
export type DocumentSource =
  | { bytes: string }
  | { s3Location: S3Location }
  | { text: string }
  | { content: DocumentContentBlock[] };

/** Configuration settings for enabling and controlling document citations in Converse API responses. When enabled, the model can include citation information that links generated content back to specific source documents. */
export interface CitationsConfig {
  /** Specifies whether citations from the selected document should be used in the model's response. When set to true, the model can generate citations that reference the source documents used to inform the response. */
  enabled: boolean;
}

/** A document to include in a message. */
export interface DocumentBlock {
  /** The format of a document, or its extension. */
  format?: DocumentFormat;
  /** A name for the document. The name can only contain the following characters: - Alphanumeric characters - Whitespace characters (no more than one in a row) - Hyphens - Parentheses - Square brackets This field is vulnerable to prompt injections, because the model might inadvertently interpret it as instructions. Therefore, we recommend that you specify a neutral name. */
  name: string;
  /** Contains the content of the document. */
  source: DocumentSource;
  /** Contextual information about how the document should be processed or interpreted by the model when generating citations. */
  context?: string;
  /** Configuration settings that control how citations should be generated for this specific document. */
  citations?: CitationsConfig;
}

export type VideoFormat = "mkv" | "mov" | "mp4" | "webm" | "flv" | "mpeg" | "mpg" | "wmv" | "three_gp";

/** A video source. You can upload a smaller video as a base64-encoded string as long as the encoded file is less than 25MB. You can also transfer videos up to 1GB in size from an S3 bucket. */
export type VideoSource =
  | { bytes: string }
  | { s3Location: S3Location };

/** A video block. */
export interface VideoBlock {
  /** The block's format. */
  format: VideoFormat;
  /** The block's source. */
  source: VideoSource;
}

export type AudioFormat = "mp3" | "opus" | "wav" | "aac" | "flac" | "mp4" | "ogg" | "mkv" | "mka" | "x-aac" | "m4a" | "mpeg" | "mpga" | "pcm" | "webm";

/** The source of audio data, which can be provided either as raw bytes or a reference to an S3 location. */
export type AudioSource =
  | { bytes: string }
  | { s3Location: S3Location };

/** An audio content block that contains audio data in various supported formats. */
export interface AudioBlock {
  /** The format of the audio data, such as MP3, WAV, FLAC, or other supported audio formats. */
  format: AudioFormat;
  /** The source of the audio data, which can be provided as raw bytes or an S3 location. */
  source: AudioSource;
  /** Error information if the audio block could not be processed or contains invalid data. */
  error?: ErrorBlock;
}

export type ToolUseType = "server_tool_use";

/** A tool use content block. Contains information about a tool that the model is requesting be run., The model uses the result from the tool to generate a response. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export interface ToolUseBlock {
  /** The ID for the tool request. */
  toolUseId: string;
  /** The name of the tool that the model wants to use. */
  name: string;
  /** The input to pass to the tool. */
  input: unknown;
  /** The type for the tool request. */
  type?: ToolUseType;
}

/** A block within a search result that contains the content. */
export interface SearchResultContentBlock {
  /** The actual text content */
  text: string;
}

/** A search result block that enables natural citations with proper source attribution for retrieved content. This field is only supported by Anthropic Claude Opus 4.1, Opus 4, Sonnet 4.5, Sonnet 4, Sonnet 3.7, and 3.5 Haiku models. */
export interface SearchResultBlock {
  /** The source URL or identifier for the content. */
  source: string;
  /** A descriptive title for the search result. */
  title: string;
  /** An array of search result content block. */
  content: SearchResultContentBlock[];
  /** Configuration setting for citations */
  citations?: CitationsConfig;
}

/** The tool result content block. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export type ToolResultContentBlock =
  | { json: unknown }
  | { text: string }
  | { image: ImageBlock }
  | { document: DocumentBlock }
  | { video: VideoBlock }
  | { searchResult: SearchResultBlock };

export type ToolResultStatus = "success" | "error";

/** A tool result block that contains the results for a tool request that the model previously made. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export interface ToolResultBlock {
  /** The ID of the tool request that this is the result for. */
  toolUseId: string;
  /** The content for tool result content block. */
  content: ToolResultContentBlock[];
  /** The status for the tool result content block. This field is only supported by Amazon Nova and Anthropic Claude 3 and 4 models. */
  status?: ToolResultStatus;
  /** The type for the tool result content block. */
  type?: string;
}

export type GuardrailConverseContentQualifier = "grounding_source" | "query" | "guard_content";

/** A text block that contains text that you want to assess with a guardrail. For more information, see GuardrailConverseContentBlock (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_GuardrailConverseContentBlock.html). */
export interface GuardrailConverseTextBlock {
  /** The text that you want to guard. */
  text: string;
  /** The qualifier details for the guardrails contextual grounding filter. */
  qualifiers?: GuardrailConverseContentQualifier[];
}

export type GuardrailConverseImageFormat = "png" | "jpeg";

/** The image source (image bytes) of the guardrail converse image source. */
export type GuardrailConverseImageSource =
  | { bytes: string };

/** An image block that contains images that you want to assess with a guardrail. */
export interface GuardrailConverseImageBlock {
  /** The format details for the image type of the guardrail converse image block. */
  format: GuardrailConverseImageFormat;
  /** The image source (image bytes) of the guardrail converse image block. */
  source: GuardrailConverseImageSource;
}

/** A content block for selective guarding with the Converse (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html) or ConverseStream (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html) API operations. */
export type GuardrailConverseContentBlock =
  | { text: GuardrailConverseTextBlock }
  | { image: GuardrailConverseImageBlock };

export type CachePointType = "default";

/** Time-to-live duration for ephemeral cache entries */
export type CacheTTL = "5m" | "1h";

/** Defines a section of content to be cached for reuse in subsequent API calls. */
export interface CachePointBlock {
  /** Specifies the type of cache point within the CachePointBlock. */
  type: CachePointType;
  /** Optional TTL duration for cache entries. When specified, enables extended TTL caching with the specified duration. When omitted, uses type value for caching behavior. */
  ttl?: CacheTTL;
}

/** Contains the reasoning that the model used to return the output. */
export interface ReasoningTextBlock {
  /** The reasoning that the model used to return the output. */
  text: string;
  /** A token that verifies that the reasoning text was generated by the model. If you pass a reasoning block back to the API in a multi-turn conversation, include the text and its signature unmodified. */
  signature?: string;
}

/** Contains content regarding the reasoning that is carried out by the model with respect to the content in the content block. Reasoning refers to a Chain of Thought (CoT) that the model generates to enhance the accuracy of its final response. */
export type ReasoningContentBlock =
  | { reasoningText: ReasoningTextBlock }
  | { redactedContent: string };

/** Contains the generated text content that corresponds to or is supported by a citation from a source document. */
export type CitationGeneratedContent =
  | { text: string };

/** Contains the actual text content from a source document that is being cited or referenced in the model's response. */
export type CitationSourceContent =
  | { text: string };

/** Provides the URL and domain information for the website that was cited when performing a web search. */
export interface WebLocation {
  /** The URL that was cited when performing a web search. */
  url?: string;
  /** The domain that was cited when performing a web search. */
  domain?: string;
}

/** Specifies a character-level location within a document, providing precise positioning information for cited content using start and end character indices. */
export interface DocumentCharLocation {
  /** The index of the document within the array of documents provided in the request. */
  documentIndex?: number;
  /** The starting character position of the cited content within the document. */
  start?: number;
  /** The ending character position of the cited content within the document. */
  end?: number;
}

/** Specifies a page-level location within a document, providing positioning information for cited content using page numbers. */
export interface DocumentPageLocation {
  /** The index of the document within the array of documents provided in the request. */
  documentIndex?: number;
  /** The starting page number of the cited content within the document. */
  start?: number;
  /** The ending page number of the cited content within the document. */
  end?: number;
}

/** Specifies a chunk-level location within a document, providing positioning information for cited content using logical document segments or chunks. */
export interface DocumentChunkLocation {
  /** The index of the document within the array of documents provided in the request. */
  documentIndex?: number;
  /** The starting chunk identifier or index of the cited content within the document. */
  start?: number;
  /** The ending chunk identifier or index of the cited content within the document. */
  end?: number;
}

/** Specifies a search result location within the content array, providing positioning information for cited content using search result index and block positions. */
export interface SearchResultLocation {
  /** The index of the search result content block where the cited content is found. */
  searchResultIndex?: number;
  /** The starting position in the content array where the cited content begins. */
  start?: number;
  /** The ending position in the content array where the cited content ends. */
  end?: number;
}

/** Specifies the precise location within a source document where cited content can be found. This can include character-level positions, page numbers, or document chunks depending on the document type and indexing method. */
export type CitationLocation =
  | { web: WebLocation }
  | { documentChar: DocumentCharLocation }
  | { documentPage: DocumentPageLocation }
  | { documentChunk: DocumentChunkLocation }
  | { searchResultLocation: SearchResultLocation };

/** Contains information about a citation that references a specific source document. Citations provide traceability between the model's generated response and the source documents that informed that response. */
export interface Citation {
  /** The title or identifier of the source document being cited. */
  title?: string;
  /** The source from the original search result that provided the cited content. */
  source?: string;
  /** The specific content from the source document that was referenced or cited in the generated response. */
  sourceContent?: CitationSourceContent[];
  /** The precise location within the source document where the cited content can be found, including character positions, page numbers, or chunk identifiers. */
  location?: CitationLocation;
}

/** A content block that contains both generated text and associated citation information. This block type is returned when document citations are enabled, providing traceability between the generated content and the source documents that informed the response. */
export interface CitationsContentBlock {
  /** The generated content that is supported by the associated citations. */
  content?: CitationGeneratedContent[];
  /** An array of citations that reference the source documents used to generate the associated content. */
  citations?: Citation[];
}

/** A reference to a tool in the tool configuration. Used with ToolAdditionBlock and ToolRemovalBlock to identify which tool to add or remove mid-conversation. */
export interface ToolReference {
  /** The type of tool reference. */
  type?: string;
  /** The name of the tool. Must match the name of a tool declared in the top-level tool configuration. */
  name?: string;
  /** The name of the MCP server that provides the tool. Required when referencing an MCP tool. */
  serverName?: string;
}

/** A content block for adding a tool to the available tool set mid-conversation. Each block references a single tool via its tool field. Use within a system role message to make a tool available without re-sending the full tool configuration. */
export interface ToolAdditionBlock {
  /** A reference to the tool to add to the available tool set. */
  tool: ToolReference;
}

/** A content block for removing a tool from the available tool set mid-conversation. Each block references a single tool via its tool field. Use within a system role message to remove a tool without re-sending the full tool configuration. */
export interface ToolRemovalBlock {
  /** A reference to the tool to remove from the available tool set. */
  tool: ToolReference;
}

/** A block of content for a message that you pass to, or receive from, a model with the Converse (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html) or ConverseStream (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html) API operations. */
export type ContentBlock =
  | { text: string }
  | { image: ImageBlock }
  | { document: DocumentBlock }
  | { video: VideoBlock }
  | { audio: AudioBlock }
  | { toolUse: ToolUseBlock }
  | { toolResult: ToolResultBlock }
  | { guardContent: GuardrailConverseContentBlock }
  | { cachePoint: CachePointBlock }
  | { reasoningContent: ReasoningContentBlock }
  | { citationsContent: CitationsContentBlock }
  | { searchResult: SearchResultBlock }
  | { toolAddition: ToolAdditionBlock }
  | { toolRemoval: ToolRemovalBlock };

/** A message input, or returned from, a call to Converse (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html) or ConverseStream (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html). */
export interface Message {
  /** The role that the message plays in the message. */
  role: ConversationRole;
  /** The message content. Note the following restrictions: - You can include up to 20 images. Each image's size, height, and width must be no more than 3.75 MB, 8000 px, and 8000 px, respectively. - You can include up to five documents. Each document's size must be no more than 4.5 MB. - If you include a ContentBlock with a document field in the array, you must also include a ContentBlock with a text … */
  content: ContentBlock[];
}

/** Contains configurations for instructions to provide the model for how to handle input. To learn more, see Using the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-call.html). */
export type SystemContentBlock =
  | { text: string }
  | { guardContent: GuardrailConverseContentBlock }
  | { cachePoint: CachePointBlock };

/** Base inference parameters to pass to a model in a call to Converse (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html) or ConverseStream (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html). For more information, see Inference parameters for foundation models … */
export interface InferenceConfiguration {
  /** The maximum number of tokens to allow in the generated response. The default value is the maximum allowed value for the model that you are using. For more information, see Inference parameters for foundation models (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html). */
  maxTokens?: number;
  /** The likelihood of the model selecting higher-probability options while generating a response. A lower value makes the model more likely to choose higher-probability options, while a higher value makes the model more likely to choose lower-probability options. */
  temperature?: number;
  /** The percentage of most-likely candidates that the model considers for the next token. For example, if you choose a value of 0.8 for topP, the model selects from the top 80% of the probability distribution of tokens that could be next in the sequence. */
  topP?: number;
  /** A list of stop sequences. A stop sequence is a sequence of characters that causes the model to stop generating the response. */
  stopSequences?: string[];
}

/** The schema for the tool. The top level schema type must be object. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export type ToolInputSchema =
  | { json: unknown };

/** The specification for the tool. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export interface ToolSpecification {
  /** The name for the tool. */
  name: string;
  /** The description for the tool. */
  description?: string;
  /** The input schema for the tool in JSON format. */
  inputSchema: ToolInputSchema;
  /** Flag to enable structured output enforcement on a tool usage response. */
  strict?: boolean;
}

/** Specifies a system-defined tool for the model to use. System-defined tools are tools that are created and provided by the model provider. */
export interface SystemTool {
  /** The name of the system-defined tool that you want to call. */
  name: string;
}

/** Information about a tool that you can use with the Converse API. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export type Tool =
  | { toolSpec: ToolSpecification }
  | { systemTool: SystemTool }
  | { cachePoint: CachePointBlock };

/** The Model automatically decides if a tool should be called or whether to generate text instead. For example, {"auto" : {}}. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide */
export interface AutoToolChoice {

}

/** The model must request at least one tool (no text is generated). For example, {"any" : {}}. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export interface AnyToolChoice {

}

/** The model must request a specific tool. For example, {"tool" : {"name" : "Your tool name"}}. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide This field is only supported by Anthropic Claude 3 models. */
export interface SpecificToolChoice {
  /** The name of the tool that the model must request. */
  name: string;
}

/** Determines which tools the model should request in a call to Converse or ConverseStream. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export type ToolChoice =
  | { auto: AutoToolChoice }
  | { any: AnyToolChoice }
  | { tool: SpecificToolChoice };

/** Configuration information for the tools that you pass to a model. For more information, see Tool use (function calling) (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export interface ToolConfiguration {
  /** An array of tools that you want to pass to a model. */
  tools: Tool[];
  /** If supported by model, forces the model to request a tool. */
  toolChoice?: ToolChoice;
}

export type GuardrailTrace = "enabled" | "disabled" | "enabled_full";

/** Configuration information for a guardrail that you use with the Converse (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html) operation. */
export interface GuardrailConfiguration {
  /** The identifier for the guardrail. */
  guardrailIdentifier?: string;
  /** The version of the guardrail. */
  guardrailVersion?: string;
  /** The trace behavior for the guardrail. */
  trace?: GuardrailTrace;
}

/** Contains a map of variables in a prompt from Prompt management to an object containing the values to fill in for them when running model invocation. For more information, see How Prompt management works (https://docs.aws.amazon.com/bedrock/latest/userguide/prompt-management-how.html). */
export type PromptVariableValues =
  | { text: string };

/** Performance settings for a model. */
export interface PerformanceConfiguration {
  /** To use a latency-optimized version of the model, set to optimized. */
  latency?: PerformanceConfigLatency;
}

/** Specifies the processing tier configuration used for serving the request. */
export interface ServiceTier {
  /** Specifies the processing tier type used for serving the request. */
  type: ServiceTierType;
}

/** The type of structured output format. Available options are: json_schema. */
export type OutputFormatType = "json_schema";

/** JSON schema structured output format options. */
export interface JsonSchemaDefinition {
  /** The JSON schema to constrain the model's output. For more information, see JSON Schema Reference (https://json-schema.org/understanding-json-schema/reference). */
  schema: string;
  /** The name of the JSON schema. */
  name?: string;
  /** A description of the JSON schema. */
  description?: string;
}

/** The structure that the model's output must adhere to. */
export type OutputFormatStructure =
  | { jsonSchema: JsonSchemaDefinition };

/** Structured output parameters to control the model's response. */
export interface OutputFormat {
  /** The type of structured output format. */
  type: OutputFormatType;
  /** The structure that the model's output must adhere to. */
  structure: OutputFormatStructure;
}

/** Output configuration for a model response in a call to Converse (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html) or ConverseStream (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html). */
export interface OutputConfig {
  /** Structured output parameters to control the model's text response. */
  textFormat?: OutputFormat;
  /** The effort level for the model to use when generating a response. Higher effort levels allow the model to spend more time reasoning before responding. Supported values are low, medium, high, xhigh, and max. When extended thinking is disabled, the effort level is capped at high. Use effort high or below, or enable thinking to use higher effort levels. */
  effort?: string;
}

export interface ConverseRequest {
  /** Specifies the model or throughput with which to run inference, or the prompt resource to use in inference. The value depends on the resource that you use: - If you use a base model, specify the model ID or its ARN. For a list of model IDs for base models, see Amazon Bedrock base model IDs (on-demand throughput) (https://docs.aws.amazon.com/bedrock/latest/userguide/model-ids.html#model-ids-arns) in … */
  modelId: string;
  /** The messages that you want to send to the model. */
  messages?: Message[];
  /** A prompt that provides instructions or context to the model about the task it should perform, or the persona it should adopt during the conversation. */
  system?: SystemContentBlock[];
  /** Inference parameters to pass to the model. Converse and ConverseStream support a base set of inference parameters. If you need to pass additional parameters that the model supports, use the additionalModelRequestFields request field. */
  inferenceConfig?: InferenceConfiguration;
  /** Configuration information for the tools that the model can use when generating a response. */
  toolConfig?: ToolConfiguration;
  /** Configuration information for a guardrail that you want to use in the request. If you include guardContent blocks in the content field in the messages field, the guardrail operates only on those messages. If you include no guardContent blocks, the guardrail operates on all messages in the request body and in any included prompt resource. */
  guardrailConfig?: GuardrailConfiguration;
  /** Additional inference parameters that the model supports, beyond the base set of inference parameters that Converse and ConverseStream support in the inferenceConfig field. For more information, see Model parameters (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html). */
  additionalModelRequestFields?: unknown;
  /** Contains a map of variables in a prompt from Prompt management to objects containing the values to fill in for them when running model invocation. This field is ignored if you don't specify a prompt resource in the modelId field. */
  promptVariables?: Record<string, PromptVariableValues>;
  /** Additional model parameters field paths to return in the response. Converse and ConverseStream return the requested fields as a JSON Pointer object in the additionalModelResponseFields field. The following is example JSON for additionalModelResponseFieldPaths. */
  additionalModelResponseFieldPaths?: string[];
  /** Key-value pairs that you can use to filter invocation logs. */
  requestMetadata?: Record<string, string>;
  /** Model performance settings for the request. */
  performanceConfig?: PerformanceConfiguration;
  /** Specifies the processing tier configuration used for serving the request. */
  serviceTier?: ServiceTier;
  /** Output configuration for a model response. */
  outputConfig?: OutputConfig;
}

/** The output from a call to Converse (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html). */
export type ConverseOutput =
  | { message: Message };

export type StopReason = "end_turn" | "tool_use" | "max_tokens" | "stop_sequence" | "guardrail_intervened" | "content_filtered" | "malformed_model_output" | "malformed_tool_use" | "model_context_window_exceeded";

/** Cache creation metrics for a specific TTL duration */
export interface CacheDetail {
  /** TTL duration for these cached tokens */
  ttl: CacheTTL;
  /** Number of tokens written to cache with this TTL (cache creation tokens) */
  inputTokens: number;
}

/** The tokens used in a message API inference call. */
export interface TokenUsage {
  /** The number of tokens sent in the request to the model. */
  inputTokens: number;
  /** The number of tokens that the model generated for the request. */
  outputTokens: number;
  /** The total of input tokens and tokens generated by the model. */
  totalTokens: number;
  /** The number of input tokens read from the cache for the request. */
  cacheReadInputTokens?: number;
  /** The number of input tokens written to the cache for the request. */
  cacheWriteInputTokens?: number;
  /** Detailed breakdown of cache writes by TTL. Empty if no cache creation occurred. Sorted by TTL duration (1h before 5m). */
  cacheDetails?: CacheDetail[];
}

/** Metrics for a call to Converse (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html). */
export interface ConverseMetrics {
  /** The latency of the call to Converse, in milliseconds. */
  latencyMs: number;
}

export type GuardrailTopicType = "DENY";

export type GuardrailTopicPolicyAction = "BLOCKED" | "NONE";

/** Information about a topic guardrail. */
export interface GuardrailTopic {
  /** The name for the guardrail. */
  name: string;
  /** The type behavior that the guardrail should perform when the model detects the topic. */
  type: GuardrailTopicType;
  /** The action the guardrail should take when it intervenes on a topic. */
  action: GuardrailTopicPolicyAction;
  /** Indicates whether topic content that breaches the guardrail configuration is detected. */
  detected?: boolean;
}

/** A behavior assessment of a topic policy. */
export interface GuardrailTopicPolicyAssessment {
  /** The topics in the assessment. */
  topics: GuardrailTopic[];
}

export type GuardrailContentFilterType = "INSULTS" | "HATE" | "SEXUAL" | "VIOLENCE" | "MISCONDUCT" | "PROMPT_ATTACK";

export type GuardrailContentFilterConfidence = "NONE" | "LOW" | "MEDIUM" | "HIGH";

export type GuardrailContentFilterStrength = "NONE" | "LOW" | "MEDIUM" | "HIGH";

export type GuardrailContentPolicyAction = "BLOCKED" | "NONE";

/** The content filter for a guardrail. */
export interface GuardrailContentFilter {
  /** The guardrail type. */
  type: GuardrailContentFilterType;
  /** The guardrail confidence. */
  confidence: GuardrailContentFilterConfidence;
  /** The filter strength setting for the guardrail content filter. */
  filterStrength?: GuardrailContentFilterStrength;
  /** The guardrail action. */
  action: GuardrailContentPolicyAction;
  /** Indicates whether content that breaches the guardrail configuration is detected. */
  detected?: boolean;
}

/** An assessment of a content policy for a guardrail. */
export interface GuardrailContentPolicyAssessment {
  /** The content policy filters. */
  filters: GuardrailContentFilter[];
}

export type GuardrailWordPolicyAction = "BLOCKED" | "NONE";

/** A custom word configured in a guardrail. */
export interface GuardrailCustomWord {
  /** The match for the custom word. */
  match: string;
  /** The action for the custom word. */
  action: GuardrailWordPolicyAction;
  /** Indicates whether custom word content that breaches the guardrail configuration is detected. */
  detected?: boolean;
}

export type GuardrailManagedWordType = "PROFANITY";

/** A managed word configured in a guardrail. */
export interface GuardrailManagedWord {
  /** The match for the managed word. */
  match: string;
  /** The type for the managed word. */
  type: GuardrailManagedWordType;
  /** The action for the managed word. */
  action: GuardrailWordPolicyAction;
  /** Indicates whether managed word content that breaches the guardrail configuration is detected. */
  detected?: boolean;
}

/** The word policy assessment. */
export interface GuardrailWordPolicyAssessment {
  /** Custom words in the assessment. */
  customWords: GuardrailCustomWord[];
  /** Managed word lists in the assessment. */
  managedWordLists: GuardrailManagedWord[];
}

export type GuardrailPiiEntityType = "ADDRESS" | "AGE" | "AWS_ACCESS_KEY" | "AWS_SECRET_KEY" | "CA_HEALTH_NUMBER" | "CA_SOCIAL_INSURANCE_NUMBER" | "CREDIT_DEBIT_CARD_CVV" | "CREDIT_DEBIT_CARD_EXPIRY" | "CREDIT_DEBIT_CARD_NUMBER" | "DRIVER_ID" | "EMAIL" | "INTERNATIONAL_BANK_ACCOUNT_NUMBER" | "IP_ADDRESS" | "LICENSE_PLATE" | "MAC_ADDRESS" | "NAME" | "PASSWORD" | "PHONE" | "PIN" | "SWIFT_CODE" | "UK_NATIONAL_HEALTH_SERVICE_NUMBER" | "UK_NATIONAL_INSURANCE_NUMBER" | "UK_UNIQUE_TAXPAYER_REFERENCE_NUMBER" | "URL" | "USERNAME" | "US_BANK_ACCOUNT_NUMBER" | "US_BANK_ROUTING_NUMBER" | "US_INDIVIDUAL_TAX_IDENTIFICATION_NUMBER" | "US_PASSPORT_NUMBER" | "US_SOCIAL_SECURITY_NUMBER" | "VEHICLE_IDENTIFICATION_NUMBER";

export type GuardrailSensitiveInformationPolicyAction = "ANONYMIZED" | "BLOCKED" | "NONE";

/** A Personally Identifiable Information (PII) entity configured in a guardrail. */
export interface GuardrailPiiEntityFilter {
  /** The PII entity filter match. */
  match: string;
  /** The PII entity filter type. */
  type: GuardrailPiiEntityType;
  /** The PII entity filter action. */
  action: GuardrailSensitiveInformationPolicyAction;
  /** Indicates whether personally identifiable information (PII) that breaches the guardrail configuration is detected. */
  detected?: boolean;
}

/** A Regex filter configured in a guardrail. */
export interface GuardrailRegexFilter {
  /** The regex filter name. */
  name?: string;
  /** The regesx filter match. */
  match?: string;
  /** The regex query. */
  regex?: string;
  /** The region filter action. */
  action: GuardrailSensitiveInformationPolicyAction;
  /** Indicates whether custom regex entities that breach the guardrail configuration are detected. */
  detected?: boolean;
}

/** The assessment for a Personally Identifiable Information (PII) policy. */
export interface GuardrailSensitiveInformationPolicyAssessment {
  /** The PII entities in the assessment. */
  piiEntities: GuardrailPiiEntityFilter[];
  /** The regex queries in the assessment. */
  regexes: GuardrailRegexFilter[];
}

export type GuardrailContextualGroundingFilterType = "GROUNDING" | "RELEVANCE";

export type GuardrailContextualGroundingPolicyAction = "BLOCKED" | "NONE";

/** The details for the guardrails contextual grounding filter. */
export interface GuardrailContextualGroundingFilter {
  /** The contextual grounding filter type. */
  type: GuardrailContextualGroundingFilterType;
  /** The threshold used by contextual grounding filter to determine whether the content is grounded or not. */
  threshold: number;
  /** The score generated by contextual grounding filter. */
  score: number;
  /** The action performed by the guardrails contextual grounding filter. */
  action: GuardrailContextualGroundingPolicyAction;
  /** Indicates whether content that fails the contextual grounding evaluation (grounding or relevance score less than the corresponding threshold) was detected. */
  detected?: boolean;
}

/** The policy assessment details for the guardrails contextual grounding filter. */
export interface GuardrailContextualGroundingPolicyAssessment {
  /** The filter details for the guardrails contextual grounding filter. */
  filters?: GuardrailContextualGroundingFilter[];
}

/** A logical statement that includes both formal logic representation and natural language explanation. */
export interface GuardrailAutomatedReasoningStatement {
  /** The formal logical representation of the statement. */
  logic?: string;
  /** The natural language explanation of the logical statement. */
  naturalLanguage?: string;
}

/** References a portion of the original input text that corresponds to logical elements. */
export interface GuardrailAutomatedReasoningInputTextReference {
  /** The specific text from the original input that this reference points to. */
  text?: string;
}

/** Contains the logical translation of natural language input into formal logical statements, including premises, claims, and confidence scores. */
export interface GuardrailAutomatedReasoningTranslation {
  /** The logical statements that serve as the foundation or assumptions for the claims. */
  premises?: GuardrailAutomatedReasoningStatement[];
  /** The logical statements that are being validated against the premises and policy rules. */
  claims?: GuardrailAutomatedReasoningStatement[];
  /** References to portions of the original input text that correspond to the premises but could not be fully translated. */
  untranslatedPremises?: GuardrailAutomatedReasoningInputTextReference[];
  /** References to portions of the original input text that correspond to the claims but could not be fully translated. */
  untranslatedClaims?: GuardrailAutomatedReasoningInputTextReference[];
  /** A confidence score between 0 and 1 indicating how certain the system is about the logical translation. */
  confidence?: number;
}

/** Represents a logical scenario where claims can be evaluated as true or false, containing specific logical assignments. */
export interface GuardrailAutomatedReasoningScenario {
  /** List of logical assignments and statements that define this scenario. */
  statements?: GuardrailAutomatedReasoningStatement[];
}

/** References a specific automated reasoning policy rule that was applied during evaluation. */
export interface GuardrailAutomatedReasoningRule {
  /** The unique identifier of the automated reasoning rule. */
  identifier?: string;
  /** The ARN of the automated reasoning policy version that contains this rule. */
  policyVersionArn?: string;
}

export type GuardrailAutomatedReasoningLogicWarningType = "ALWAYS_FALSE" | "ALWAYS_TRUE";

/** Identifies logical issues in the translated statements that exist independent of any policy rules, such as statements that are always true or always false. */
export interface GuardrailAutomatedReasoningLogicWarning {
  /** The category of the detected logical issue, such as statements that are always true or always false. */
  type?: GuardrailAutomatedReasoningLogicWarningType;
  /** The logical statements that serve as premises under which the claims are validated. */
  premises?: GuardrailAutomatedReasoningStatement[];
  /** The logical statements that are validated while assuming the policy and premises. */
  claims?: GuardrailAutomatedReasoningStatement[];
}

/** Indicates that the claims are definitively true and logically implied by the premises, with no possible alternative interpretations. */
export interface GuardrailAutomatedReasoningValidFinding {
  /** The logical translation of the input that this finding validates. */
  translation?: GuardrailAutomatedReasoningTranslation;
  /** An example scenario demonstrating how the claims are logically true. */
  claimsTrueScenario?: GuardrailAutomatedReasoningScenario;
  /** The automated reasoning policy rules that support why this result is considered valid. */
  supportingRules?: GuardrailAutomatedReasoningRule[];
  /** Indication of a logic issue with the translation without needing to consider the automated reasoning policy rules. */
  logicWarning?: GuardrailAutomatedReasoningLogicWarning;
}

/** Indicates that the claims are logically false and contradictory to the established rules or premises. */
export interface GuardrailAutomatedReasoningInvalidFinding {
  /** The logical translation of the input that this finding invalidates. */
  translation?: GuardrailAutomatedReasoningTranslation;
  /** The automated reasoning policy rules that contradict the claims in the input. */
  contradictingRules?: GuardrailAutomatedReasoningRule[];
  /** Indication of a logic issue with the translation without needing to consider the automated reasoning policy rules. */
  logicWarning?: GuardrailAutomatedReasoningLogicWarning;
}

/** Indicates that the claims could be either true or false depending on additional assumptions not provided in the input. */
export interface GuardrailAutomatedReasoningSatisfiableFinding {
  /** The logical translation of the input that this finding evaluates. */
  translation?: GuardrailAutomatedReasoningTranslation;
  /** An example scenario demonstrating how the claims could be logically true. */
  claimsTrueScenario?: GuardrailAutomatedReasoningScenario;
  /** An example scenario demonstrating how the claims could be logically false. */
  claimsFalseScenario?: GuardrailAutomatedReasoningScenario;
  /** Indication of a logic issue with the translation without needing to consider the automated reasoning policy rules. */
  logicWarning?: GuardrailAutomatedReasoningLogicWarning;
}

/** Indicates that no valid claims can be made due to logical contradictions in the premises or rules. */
export interface GuardrailAutomatedReasoningImpossibleFinding {
  /** The logical translation of the input that this finding evaluates. */
  translation?: GuardrailAutomatedReasoningTranslation;
  /** The automated reasoning policy rules that contradict the claims and/or premises in the input. */
  contradictingRules?: GuardrailAutomatedReasoningRule[];
  /** Indication of a logic issue with the translation without needing to consider the automated reasoning policy rules. */
  logicWarning?: GuardrailAutomatedReasoningLogicWarning;
}

/** Represents one possible logical interpretation of ambiguous input content. */
export interface GuardrailAutomatedReasoningTranslationOption {
  /** Example translations that provide this possible interpretation of the input. */
  translations?: GuardrailAutomatedReasoningTranslation[];
}

/** Indicates that the input has multiple valid logical interpretations, requiring additional context or clarification. */
export interface GuardrailAutomatedReasoningTranslationAmbiguousFinding {
  /** Different logical interpretations that were detected during translation of the input. */
  options?: GuardrailAutomatedReasoningTranslationOption[];
  /** Scenarios showing how the different translation options differ in meaning. */
  differenceScenarios?: GuardrailAutomatedReasoningScenario[];
}

/** Indicates that the input exceeds the processing capacity due to the volume or complexity of the logical information. */
export interface GuardrailAutomatedReasoningTooComplexFinding {

}

/** Indicates that no relevant logical information could be extracted from the input for validation. */
export interface GuardrailAutomatedReasoningNoTranslationsFinding {

}

/** Represents a logical validation result from automated reasoning policy evaluation. The finding indicates whether claims in the input are logically valid, invalid, satisfiable, impossible, or have other logical issues. */
export type GuardrailAutomatedReasoningFinding =
  | { valid: GuardrailAutomatedReasoningValidFinding }
  | { invalid: GuardrailAutomatedReasoningInvalidFinding }
  | { satisfiable: GuardrailAutomatedReasoningSatisfiableFinding }
  | { impossible: GuardrailAutomatedReasoningImpossibleFinding }
  | { translationAmbiguous: GuardrailAutomatedReasoningTranslationAmbiguousFinding }
  | { tooComplex: GuardrailAutomatedReasoningTooComplexFinding }
  | { noTranslations: GuardrailAutomatedReasoningNoTranslationsFinding };

/** Contains the results of automated reasoning policy evaluation, including logical findings about the validity of claims made in the input content. */
export interface GuardrailAutomatedReasoningPolicyAssessment {
  /** List of logical validation results produced by evaluating the input content against automated reasoning policies. */
  findings?: GuardrailAutomatedReasoningFinding[];
}

/** The details on the use of the guardrail. */
export interface GuardrailUsage {
  /** The topic policy units processed by the guardrail. */
  topicPolicyUnits: number;
  /** The content policy units processed by the guardrail. */
  contentPolicyUnits: number;
  /** The word policy units processed by the guardrail. */
  wordPolicyUnits: number;
  /** The sensitive information policy units processed by the guardrail. */
  sensitiveInformationPolicyUnits: number;
  /** The sensitive information policy free units processed by the guardrail. */
  sensitiveInformationPolicyFreeUnits: number;
  /** The contextual grounding policy units processed by the guardrail. */
  contextualGroundingPolicyUnits: number;
  /** The content policy image units processed by the guardrail. */
  contentPolicyImageUnits?: number;
  /** The number of text units processed by the automated reasoning policy. */
  automatedReasoningPolicyUnits?: number;
  /** The number of automated reasoning policies that were processed during the guardrail evaluation. */
  automatedReasoningPolicies?: number;
}

/** The guardrail coverage for the text characters. */
export interface GuardrailTextCharactersCoverage {
  /** The text characters that were guarded by the guardrail coverage. */
  guarded?: number;
  /** The total text characters by the guardrail coverage. */
  total?: number;
}

/** The details of the guardrail image coverage. */
export interface GuardrailImageCoverage {
  /** The count (integer) of images guardrails guarded. */
  guarded?: number;
  /** Represents the total number of images (integer) that were in the request (guarded and unguarded). */
  total?: number;
}

/** The action of the guardrail coverage details. */
export interface GuardrailCoverage {
  /** The text characters of the guardrail coverage details. */
  textCharacters?: GuardrailTextCharactersCoverage;
  /** The guardrail coverage for images (the number of images that guardrails guarded). */
  images?: GuardrailImageCoverage;
}

/** The invocation metrics for the guardrail. */
export interface GuardrailInvocationMetrics {
  /** The processing latency details for the guardrail invocation metrics. */
  guardrailProcessingLatency?: number;
  /** The usage details for the guardrail invocation metrics. */
  usage?: GuardrailUsage;
  /** The coverage details for the guardrail invocation metrics. */
  guardrailCoverage?: GuardrailCoverage;
}

export type GuardrailOrigin = "REQUEST" | "ACCOUNT_ENFORCED" | "ORGANIZATION_ENFORCED";

export type GuardrailOwnership = "SELF" | "CROSS_ACCOUNT";

/** Details about the specific guardrail that was applied during this assessment, including its identifier, version, ARN, origin, and ownership information. */
export interface AppliedGuardrailDetails {
  /** The unique ID of the guardrail that was applied. */
  guardrailId?: string;
  /** The version of the guardrail that was applied. */
  guardrailVersion?: string;
  /** The ARN of the guardrail that was applied. */
  guardrailArn?: string;
  /** The origin of how the guardrail was applied. This can be either requested at the API level or enforced at the account or organization level as a default guardrail. */
  guardrailOrigin?: GuardrailOrigin[];
  /** The ownership type of the guardrail, indicating whether it is owned by the requesting account or is a cross-account guardrail shared from another AWS account. */
  guardrailOwnership?: GuardrailOwnership;
}

/** A behavior assessment of the guardrail policies used in a call to the Converse API. */
export interface GuardrailAssessment {
  /** The topic policy. */
  topicPolicy?: GuardrailTopicPolicyAssessment;
  /** The content policy. */
  contentPolicy?: GuardrailContentPolicyAssessment;
  /** The word policy. */
  wordPolicy?: GuardrailWordPolicyAssessment;
  /** The sensitive information policy. */
  sensitiveInformationPolicy?: GuardrailSensitiveInformationPolicyAssessment;
  /** The contextual grounding policy used for the guardrail assessment. */
  contextualGroundingPolicy?: GuardrailContextualGroundingPolicyAssessment;
  /** The automated reasoning policy assessment results, including logical validation findings for the input content. */
  automatedReasoningPolicy?: GuardrailAutomatedReasoningPolicyAssessment;
  /** The invocation metrics for the guardrail assessment. */
  invocationMetrics?: GuardrailInvocationMetrics;
  appliedGuardrailDetails?: AppliedGuardrailDetails;
}

/** A Top level guardrail trace object. For more information, see ConverseTrace (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseTrace.html). */
export interface GuardrailTraceAssessment {
  /** The output from the model. */
  modelOutput?: string[];
  /** The input assessment. */
  inputAssessment?: Record<string, GuardrailAssessment>;
  /** the output assessments. */
  outputAssessments?: Record<string, GuardrailAssessment[]>;
  /** Provides the reason for the action taken when harmful content is detected. */
  actionReason?: string;
}

/** A prompt router trace. */
export interface PromptRouterTrace {
  /** The ID of the invoked model. */
  invokedModelId?: string;
}

/** The trace object in a response from Converse (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_Converse.html). */
export interface ConverseTrace {
  /** The guardrail trace object. */
  guardrail?: GuardrailTraceAssessment;
  /** The request's prompt router. */
  promptRouter?: PromptRouterTrace;
}

export interface ConverseResponse {
  /** The result from the call to Converse. */
  output: ConverseOutput;
  /** The reason why the model stopped generating output. */
  stopReason: StopReason;
  /** The total number of tokens used in the call to Converse. The total includes the tokens input to the model and the tokens generated by the model. */
  usage: TokenUsage;
  /** Metrics for the call to Converse. */
  metrics: ConverseMetrics;
  /** Additional fields in the response that are unique to the model. */
  additionalModelResponseFields?: unknown;
  /** A trace object that contains information about the Guardrail behavior. */
  trace?: ConverseTrace;
  /** Model performance settings for the request. */
  performanceConfig?: PerformanceConfiguration;
  /** Specifies the processing tier configuration used for serving the request. */
  serviceTier?: ServiceTier;
}

export type GuardrailStreamProcessingMode = "sync" | "async";

/** Configuration information for a guardrail that you use with the ConverseStream (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html) action. */
export interface GuardrailStreamConfiguration {
  /** The identifier for the guardrail. */
  guardrailIdentifier?: string;
  /** The version of the guardrail. */
  guardrailVersion?: string;
  /** The trace behavior for the guardrail. */
  trace?: GuardrailTrace;
  /** The processing mode. */
  streamProcessingMode?: GuardrailStreamProcessingMode;
}

export interface ConverseStreamRequest {
  /** Specifies the model or throughput with which to run inference, or the prompt resource to use in inference. The value depends on the resource that you use: - If you use a base model, specify the model ID or its ARN. For a list of model IDs for base models, see Amazon Bedrock base model IDs (on-demand throughput) (https://docs.aws.amazon.com/bedrock/latest/userguide/model-ids.html#model-ids-arns) in … */
  modelId: string;
  /** The messages that you want to send to the model. */
  messages?: Message[];
  /** A prompt that provides instructions or context to the model about the task it should perform, or the persona it should adopt during the conversation. */
  system?: SystemContentBlock[];
  /** Inference parameters to pass to the model. Converse and ConverseStream support a base set of inference parameters. If you need to pass additional parameters that the model supports, use the additionalModelRequestFields request field. */
  inferenceConfig?: InferenceConfiguration;
  /** Configuration information for the tools that the model can use when generating a response. */
  toolConfig?: ToolConfiguration;
  /** Configuration information for a guardrail that you want to use in the request. If you include guardContent blocks in the content field in the messages field, the guardrail operates only on those messages. If you include no guardContent blocks, the guardrail operates on all messages in the request body and in any included prompt resource. */
  guardrailConfig?: GuardrailStreamConfiguration;
  /** Additional inference parameters that the model supports, beyond the base set of inference parameters that Converse and ConverseStream support in the inferenceConfig field. For more information, see Model parameters (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html). */
  additionalModelRequestFields?: unknown;
  /** Contains a map of variables in a prompt from Prompt management to objects containing the values to fill in for them when running model invocation. This field is ignored if you don't specify a prompt resource in the modelId field. */
  promptVariables?: Record<string, PromptVariableValues>;
  /** Additional model parameters field paths to return in the response. Converse and ConverseStream return the requested fields as a JSON Pointer object in the additionalModelResponseFields field. The following is example JSON for additionalModelResponseFieldPaths. */
  additionalModelResponseFieldPaths?: string[];
  /** Key-value pairs that you can use to filter invocation logs. */
  requestMetadata?: Record<string, string>;
  /** Model performance settings for the request. */
  performanceConfig?: PerformanceConfiguration;
  /** Specifies the processing tier configuration used for serving the request. */
  serviceTier?: ServiceTier;
  /** Output configuration for a model response. */
  outputConfig?: OutputConfig;
}

export interface ConverseStreamResponse {

}

/** The body of an InvokeModel API request for token counting. This structure mirrors the input format for the InvokeModel operation, allowing you to count tokens for raw text inference requests. */
export interface InvokeModelTokensRequest {
  /** The request body to count tokens for, formatted according to the model's expected input format. To learn about the input format for different models, see Model inference parameters and responses (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html). */
  body: string;
}

/** The inputs from a Converse API request for token counting. */
export interface ConverseTokensRequest {
  /** An array of messages to count tokens for. */
  messages?: Message[];
  /** The system content blocks to count tokens for. System content provides instructions or context to the model about how it should behave or respond. The token count will include any system content provided. */
  system?: SystemContentBlock[];
  /** The toolConfig of Converse input request to count tokens for. Configuration information for the tools that the model can use when generating a response. */
  toolConfig?: ToolConfiguration;
  /** The additionalModelRequestFields of Converse input request to count tokens for. Use this field when you want to pass additional parameters that the model supports. */
  additionalModelRequestFields?: unknown;
}

/** The input value for token counting. The value should be either an InvokeModel or Converse request body. */
export type CountTokensInput =
  | { invokeModel: InvokeModelTokensRequest }
  | { converse: ConverseTokensRequest };

export interface CountTokensRequest {
  /** The unique identifier or ARN of the foundation model to use for token counting. Each model processes tokens differently, so the token count is specific to the model you specify. (HTTP path `modelId`) */
  modelId: string;
  /** The input for which to count tokens. The structure of this parameter depends on whether you're counting tokens for an InvokeModel or Converse request: - For InvokeModel requests, provide the request body in the invokeModel field - For Converse requests, provide the messages and system content in the converse field The input format must be compatible with the model specified in the modelId … */
  input: CountTokensInput;
}

export interface CountTokensResponse {
  /** The number of tokens in the provided input according to the specified model's tokenization rules. This count represents the number of input tokens that would be processed if the same input were sent to the model in an inference request. Use this value to estimate costs and ensure your inputs stay within model token limits. */
  inputTokens: number;
}

export type GuardrailContentSource = "INPUT" | "OUTPUT";

export type GuardrailContentQualifier = "grounding_source" | "query" | "guard_content";

/** The text block to be evaluated by the guardrail. */
export interface GuardrailTextBlock {
  /** The input text details to be evaluated by the guardrail. */
  text: string;
  /** The qualifiers describing the text block. */
  qualifiers?: GuardrailContentQualifier[];
}

export type GuardrailImageFormat = "png" | "jpeg";

/** The image source (image bytes) of the guardrail image source. Object used in independent api. */
export type GuardrailImageSource =
  | { bytes: string };

/** Contain an image which user wants guarded. This block is accepted by the guardrails independent API. */
export interface GuardrailImageBlock {
  /** The format details for the file type of the image blocked by the guardrail. */
  format: GuardrailImageFormat;
  /** The image source (image bytes) details of the image blocked by the guardrail. */
  source: GuardrailImageSource;
}

/** The content block to be evaluated by the guardrail. */
export type GuardrailContentBlock =
  | { text: GuardrailTextBlock }
  | { image: GuardrailImageBlock };

export type GuardrailOutputScope = "INTERVENTIONS" | "FULL";

export interface ApplyGuardrailRequest {
  /** The guardrail identifier used in the request to apply the guardrail. (HTTP path `guardrailIdentifier`) */
  guardrailIdentifier: string;
  /** The guardrail version used in the request to apply the guardrail. (HTTP path `guardrailVersion`) */
  guardrailVersion: string;
  /** The source of data used in the request to apply the guardrail. */
  source: GuardrailContentSource;
  /** The content details used in the request to apply the guardrail. */
  content: GuardrailContentBlock[];
  /** Specifies the scope of the output that you get in the response. Set to FULL to return the entire output, including any detected and non-detected entries in the response for enhanced debugging. */
  outputScope?: GuardrailOutputScope;
}

export type GuardrailAction = "NONE" | "GUARDRAIL_INTERVENED";

/** The output content produced by the guardrail. */
export interface GuardrailOutputContent {
  /** The specific text for the output content produced by the guardrail. */
  text?: string;
}

export interface ApplyGuardrailResponse {
  /** The usage details in the response from the guardrail. */
  usage: GuardrailUsage;
  /** The action taken in the response from the guardrail. */
  action: GuardrailAction;
  /** The reason for the action taken when harmful content is detected. */
  actionReason?: string;
  /** The output details in the response from the guardrail. */
  outputs: GuardrailOutputContent[];
  /** The assessment details in the response from the guardrail. */
  assessments: GuardrailAssessment[];
  /** The guardrail coverage details in the apply guardrail response. */
  guardrailCoverage?: GuardrailCoverage;
}

/** Asynchronous invocation output data settings. */
export interface AsyncInvokeS3OutputDataConfig {
  /** An object URI starting with s3://. */
  s3Uri: string;
  /** A KMS encryption key ID. */
  kmsKeyId?: string;
  /** If the bucket belongs to another AWS account, specify that account's ID. */
  bucketOwner?: string;
}

/** Asynchronous invocation output data settings. */
export type AsyncInvokeOutputDataConfig =
  | { s3OutputDataConfig: AsyncInvokeS3OutputDataConfig };

/** A tag. */
export interface Tag {
  /** The tag's key. */
  key: string;
  /** The tag's value. */
  value: string;
}

export interface StartAsyncInvokeRequest {
  /** Specify idempotency token to ensure that requests are not duplicated. */
  clientRequestToken?: string;
  /** The model to invoke. */
  modelId: string;
  /** Input to send to the model. */
  modelInput: unknown;
  /** Where to store the output. */
  outputDataConfig: AsyncInvokeOutputDataConfig;
  /** Tags to apply to the invocation. */
  tags?: Tag[];
}

export interface StartAsyncInvokeResponse {
  /** The ARN of the invocation. */
  invocationArn: string;
}

export interface GetAsyncInvokeRequest {
  /** The invocation's ARN. (HTTP path `invocationArn`) */
  invocationArn: string;
}

export type AsyncInvokeStatus = "InProgress" | "Completed" | "Failed";

export interface GetAsyncInvokeResponse {
  /** The invocation's ARN. */
  invocationArn: string;
  /** The invocation's model ARN. */
  modelArn: string;
  /** The invocation's idempotency token. */
  clientRequestToken?: string;
  /** The invocation's status. */
  status: AsyncInvokeStatus;
  /** An error message. */
  failureMessage?: string;
  /** When the invocation request was submitted. */
  submitTime: string;
  /** The invocation's last modified time. */
  lastModifiedTime?: string;
  /** When the invocation ended. */
  endTime?: string;
  /** Output data settings. */
  outputDataConfig: AsyncInvokeOutputDataConfig;
}

export type SortAsyncInvocationBy = "SubmissionTime";

export type SortOrder = "Ascending" | "Descending";

export interface ListAsyncInvokesRequest {
  /** Include invocations submitted after this time. (HTTP query `submitTimeAfter`) */
  submitTimeAfter?: string;
  /** Include invocations submitted before this time. (HTTP query `submitTimeBefore`) */
  submitTimeBefore?: string;
  /** Filter invocations by status. (HTTP query `statusEquals`) */
  statusEquals?: AsyncInvokeStatus;
  /** The maximum number of invocations to return in one page of results. (HTTP query `maxResults`) */
  maxResults?: number;
  /** Specify the pagination token from a previous request to retrieve the next page of results. (HTTP query `nextToken`) */
  nextToken?: string;
  /** How to sort the response. (HTTP query `sortBy`) */
  sortBy?: SortAsyncInvocationBy;
  /** The sorting order for the response. (HTTP query `sortOrder`) */
  sortOrder?: SortOrder;
}

/** A summary of an asynchronous invocation. */
export interface AsyncInvokeSummary {
  /** The invocation's ARN. */
  invocationArn: string;
  /** The invoked model's ARN. */
  modelArn: string;
  /** The invocation's idempotency token. */
  clientRequestToken?: string;
  /** The invocation's status. */
  status?: AsyncInvokeStatus;
  /** An error message. */
  failureMessage?: string;
  /** When the invocation was submitted. */
  submitTime: string;
  /** When the invocation was last modified. */
  lastModifiedTime?: string;
  /** When the invocation ended. */
  endTime?: string;
  /** The invocation's output data settings. */
  outputDataConfig: AsyncInvokeOutputDataConfig;
}

export interface ListAsyncInvokesResponse {
  /** Specify the pagination token from a previous request to retrieve the next page of results. */
  nextToken?: string;
  /** A list of invocation summaries. */
  asyncInvokeSummaries?: AsyncInvokeSummary[];
}

/** The start of a message. */
export interface MessageStartEvent {
  /** The role for the message. */
  role: ConversationRole;
}

/** The start of a tool use block. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export interface ToolUseBlockStart {
  /** The ID for the tool request. */
  toolUseId: string;
  /** The name of the tool that the model is requesting to use. */
  name: string;
  /** The type for the tool request. */
  type?: ToolUseType;
}

/** The start of a tool result block. For more information, see Call a tool with the Converse API (https://docs.aws.amazon.com/bedrock/latest/userguide/tool-use.html) in the Amazon Bedrock User Guide. */
export interface ToolResultBlockStart {
  /** The ID of the tool that was used to generate this tool result block. */
  toolUseId: string;
  /** The type for the tool that was used to generate this tool result block. */
  type?: string;
  /** The status of the tool result block. */
  status?: ToolResultStatus;
}

/** The initial event in a streaming image block that indicates the start of image content. */
export interface ImageBlockStart {
  /** The format of the image data that will be streamed in subsequent delta events. */
  format: ImageFormat;
}

/** Content block start information. */
export type ContentBlockStart =
  | { toolUse: ToolUseBlockStart }
  | { toolResult: ToolResultBlockStart }
  | { image: ImageBlockStart };

/** Content block start event. */
export interface ContentBlockStartEvent {
  /** Start information about a content block start event. */
  start: ContentBlockStart;
  /** The index for a content block start event. */
  contentBlockIndex: number;
}

/** The delta for a tool use block. */
export interface ToolUseBlockDelta {
  /** The input for a requested tool. */
  input: string;
}

/** Contains incremental updates to tool results information during streaming responses. This allows clients to build up tool results data progressively as the response is generated. */
export type ToolResultBlockDelta =
  | { text: string }
  | { json: unknown };

/** Contains content regarding the reasoning that is carried out by the model with respect to the content in the content block. Reasoning refers to a Chain of Thought (CoT) that the model generates to enhance the accuracy of its final response. */
export type ReasoningContentBlockDelta =
  | { text: string }
  | { redactedContent: string }
  | { signature: string };

/** Contains incremental updates to the source content text during streaming responses, allowing clients to build up the cited content progressively. */
export interface CitationSourceContentDelta {
  /** An incremental update to the text content from the source document that is being cited. */
  text?: string;
}

/** Contains incremental updates to citation information during streaming responses. This allows clients to build up citation data progressively as the response is generated. */
export interface CitationsDelta {
  /** The title or identifier of the source document being cited. */
  title?: string;
  /** The source from the original search result that provided the cited content. */
  source?: string;
  /** The specific content from the source document that was referenced or cited in the generated response. */
  sourceContent?: CitationSourceContentDelta[];
  /** Specifies the precise location within a source document where cited content can be found. This can include character-level positions, page numbers, or document chunks depending on the document type and indexing method. */
  location?: CitationLocation;
}

/** A streaming delta event that contains incremental image data during streaming responses. */
export interface ImageBlockDelta {
  /** The incremental image source data for this delta event. */
  source?: ImageSource;
  /** Error information if this image delta could not be processed. */
  error?: ErrorBlock;
}

/** A block of content in a streaming response. */
export type ContentBlockDelta =
  | { text: string }
  | { toolUse: ToolUseBlockDelta }
  | { toolResult: ToolResultBlockDelta[] }
  | { reasoningContent: ReasoningContentBlockDelta }
  | { citation: CitationsDelta }
  | { image: ImageBlockDelta };

/** The content block delta event. */
export interface ContentBlockDeltaEvent {
  /** The delta for a content block delta event. */
  delta: ContentBlockDelta;
  /** The block index for a content block delta event. */
  contentBlockIndex: number;
}

/** A content block stop event. */
export interface ContentBlockStopEvent {
  /** The index for a content block. */
  contentBlockIndex: number;
}

/** The stop event for a message. */
export interface MessageStopEvent {
  /** The reason why the model stopped generating output. */
  stopReason: StopReason;
  /** The additional model response fields. */
  additionalModelResponseFields?: unknown;
}

/** Metrics for the stream. */
export interface ConverseStreamMetrics {
  /** The latency for the streaming request, in milliseconds. */
  latencyMs: number;
}

/** The trace object in a response from ConverseStream (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html). */
export interface ConverseStreamTrace {
  /** The guardrail trace object. */
  guardrail?: GuardrailTraceAssessment;
  /** The request's prompt router. */
  promptRouter?: PromptRouterTrace;
}

/** A conversation stream metadata event. */
export interface ConverseStreamMetadataEvent {
  /** Usage information for the conversation stream event. */
  usage: TokenUsage;
  /** The metrics for the conversation stream metadata event. */
  metrics: ConverseStreamMetrics;
  /** The trace object in the response from ConverseStream (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ConverseStream.html) that contains information about the guardrail behavior. */
  trace?: ConverseStreamTrace;
  /** Model performance configuration metadata for the conversation stream event. */
  performanceConfig?: PerformanceConfiguration;
  /** Specifies the processing tier configuration used for serving the request. */
  serviceTier?: ServiceTier;
}
