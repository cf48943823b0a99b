/**
 * The models the emulator knows, as data: every foundation-model id Bedrock Runtime accepts (so an id outside this
 * table is answered as Bedrock answers an unknown one), the cross-Region inference profiles each is reachable through
 * (`us.`, `eu.`, `apac.`, `global.`, `jp.`, `au.`, … prefixes), and what the Converse API supports per model.
 *
 * Sources: the model list and ids of https://docs.aws.amazon.com/bedrock/latest/userguide/models-supported.html,
 * the inference-profile tables of https://docs.aws.amazon.com/bedrock/latest/userguide/inference-profiles-support.html,
 * the Converse feature table of
 * https://docs.aws.amazon.com/bedrock/latest/userguide/conversation-inference-supported-models-features.html
 * (columns Converse, ConverseStream, system prompts, document chat, vision, tool use, streaming tool use, S3 links for
 * multimedia), the tool-choice note of https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ToolChoice.html
 * (`any` and `tool` only for Anthropic Claude 3+, Mistral Large and Amazon Nova), and the recorded exchanges (every
 * model id answered 200 there is listed). Bedrock's answers to requests a model cannot serve (Meta Llama 4 refusing
 * `toolChoice.any` and streamed tool use, Mistral 7B and Titan refusing system prompts, DeepSeek-R1 refusing tools)
 * are quoted in public bug reports and agree with the table.
 */

/** What the Converse API accepts for a model. */
export interface ConverseFeatures {
  /** Converse at all; `limited`: a single user turn, no chat (Jurassic-2, Cohere Command). */
  converse: boolean | "limited";
  stream: boolean;
  system: boolean;
  documents: boolean;
  vision: boolean;
  video: boolean;
  tools: boolean;
  streamTools: boolean;
  /** The `toolChoice` kinds accepted: `auto` only, `auto`+`any`, or all three. */
  toolChoice: "auto" | "any" | "all";
  /** Extended thinking / reasoning configuration (`thinking`, `reasoningConfig`, `reasoning_effort`). */
  reasoning: boolean;
  /** Images, documents and video by `s3Location`. */
  s3: boolean;
}

export type ModelKind = "chat" | "embedding" | "image" | "video" | "rerank" | "speech";

export interface ModelEntry {
  kind: ModelKind;
  /** Converse support (chat models only). */
  features?: ConverseFeatures;
  /** Geography prefixes of the system-defined inference profiles for this model. */
  profiles: readonly string[];
}

const NONE: ConverseFeatures = { converse: false, stream: false, system: false, documents: false, vision: false, video: false,
  tools: false, streamTools: false, toolChoice: "auto", reasoning: false, s3: false };

function f(extra: Partial<ConverseFeatures>): ConverseFeatures {
  return { ...NONE, converse: true, stream: true, ...extra };
}

const TEXT_ONLY = f({ system: true, documents: true });
const PRESETS = {
  j2: f({ converse: "limited", stream: false }),
  cohereText: f({ converse: "limited", documents: true }),
  titan: f({ documents: true }),
  titanPremier: f({}),
  textOnly: TEXT_ONLY,
  noSystem: f({ documents: true }),
  jambaInstruct: f({ system: true }),
  jamba: f({ system: true, documents: true, tools: true, streamTools: true }),
  claude2: TEXT_ONLY,
  claude3: f({ system: true, documents: true, vision: true, tools: true, streamTools: true, toolChoice: "all" }),
  claude35Haiku: f({ system: true, documents: true, tools: true, streamTools: true, toolChoice: "all" }),
  claudeThinking: f({ system: true, documents: true, vision: true, tools: true, streamTools: true, toolChoice: "all", reasoning: true }),
  novaMicro: f({ system: true, tools: true, streamTools: true, toolChoice: "all" }),
  nova: f({ system: true, documents: true, vision: true, video: true, tools: true, streamTools: true, toolChoice: "all", s3: true }),
  novaThinking: f({ system: true, documents: true, vision: true, video: true, tools: true, streamTools: true, toolChoice: "all", s3: true, reasoning: true }),
  commandR: f({ system: true, documents: true, tools: true }),
  llamaTools: f({ system: true, documents: true, tools: true }),
  llamaVision: f({ system: true, documents: true, vision: true, tools: true }),
  mistralLarge2402: f({ system: true, documents: true, tools: true, toolChoice: "any" }),
  mistralLarge: f({ system: true, documents: true, tools: true, streamTools: true, toolChoice: "any" }),
  pixtral: f({ system: true, documents: true, vision: true, tools: true, streamTools: true, toolChoice: "any" }),
  deepseekR1: f({ system: true, documents: true, reasoning: true }),
  openWeight: f({ system: true, documents: true, tools: true, streamTools: true }),
  openWeightThinking: f({ system: true, documents: true, tools: true, streamTools: true, reasoning: true }),
  openWeightVision: f({ system: true, documents: true, vision: true, tools: true, streamTools: true }),
  gptOss: f({ system: true, documents: true, tools: true, streamTools: true, reasoning: true }),
} as const;

type Preset = keyof typeof PRESETS;

// [space-separated ids, kind or Converse preset, space-separated profile prefixes]
const ROWS: ReadonlyArray<readonly [string, Preset | Exclude<ModelKind, "chat">, string]> = [
  // AI21 Labs
  ["ai21.j2-mid-v1 ai21.j2-ultra-v1 ai21.j2-grande-instruct ai21.j2-jumbo-instruct", "j2", ""],
  ["ai21.jamba-instruct-v1:0", "jambaInstruct", ""],
  ["ai21.jamba-1-5-mini-v1:0 ai21.jamba-1-5-large-v1:0", "jamba", ""],
  // Amazon
  ["amazon.titan-text-express-v1 amazon.titan-text-lite-v1 amazon.titan-tg1-large amazon.titan-text-express-v1:0:8k", "titan", ""],
  ["amazon.titan-text-premier-v1:0", "titanPremier", ""],
  ["amazon.nova-micro-v1:0", "novaMicro", "us eu apac us-gov"],
  ["amazon.nova-lite-v1:0 amazon.nova-pro-v1:0", "nova", "us eu apac us-gov"],
  ["amazon.nova-premier-v1:0", "nova", "us"],
  ["amazon.nova-2-lite-v1:0", "novaThinking", "us eu jp global"],
  ["amazon.titan-embed-text-v1 amazon.titan-embed-text-v2:0 amazon.titan-embed-g1-text-02 amazon.titan-embed-image-v1", "embedding", ""],
  ["amazon.nova-2-multimodal-embeddings-v1:0", "embedding", ""],
  ["amazon.titan-image-generator-v1 amazon.titan-image-generator-v2:0 amazon.nova-canvas-v1:0", "image", ""],
  ["amazon.nova-reel-v1:0 amazon.nova-reel-v1:1", "video", ""],
  ["amazon.nova-sonic-v1:0 amazon.nova-2-sonic-v1:0", "speech", ""],
  ["amazon.rerank-v1:0", "rerank", ""],
  // Anthropic (the `:NNk` ids are the context-window variants Bedrock lists for provisioned throughput)
  ["anthropic.claude-instant-v1 anthropic.claude-instant-v1:2:100k anthropic.claude-v2 anthropic.claude-v2:0:18k anthropic.claude-v2:0:100k anthropic.claude-v2:1 anthropic.claude-v2:1:18k anthropic.claude-v2:1:200k", "claude2", ""],
  ["anthropic.claude-3-haiku-20240307-v1:0 anthropic.claude-3-sonnet-20240229-v1:0 anthropic.claude-3-5-sonnet-20240620-v1:0", "claude3", "us eu apac us-gov"],
  ["anthropic.claude-3-haiku-20240307-v1:0:48k anthropic.claude-3-haiku-20240307-v1:0:200k anthropic.claude-3-sonnet-20240229-v1:0:28k anthropic.claude-3-sonnet-20240229-v1:0:200k", "claude3", ""],
  ["anthropic.claude-3-5-sonnet-20240620-v1:0:18k anthropic.claude-3-5-sonnet-20240620-v1:0:51k anthropic.claude-3-5-sonnet-20240620-v1:0:200k", "claude3", ""],
  ["anthropic.claude-3-opus-20240229-v1:0", "claude3", "us"],
  ["anthropic.claude-3-opus-20240229-v1:0:12k anthropic.claude-3-opus-20240229-v1:0:28k anthropic.claude-3-opus-20240229-v1:0:200k", "claude3", ""],
  ["anthropic.claude-3-5-sonnet-20241022-v2:0", "claude3", "us apac"],
  ["anthropic.claude-3-5-sonnet-20241022-v2:0:18k anthropic.claude-3-5-sonnet-20241022-v2:0:51k anthropic.claude-3-5-sonnet-20241022-v2:0:200k", "claude3", ""],
  ["anthropic.claude-3-5-haiku-20241022-v1:0", "claude35Haiku", "us"],
  ["anthropic.claude-3-7-sonnet-20250219-v1:0", "claudeThinking", "us eu apac us-gov"],
  ["anthropic.claude-sonnet-4-20250514-v1:0", "claudeThinking", "us eu apac global"],
  ["anthropic.claude-opus-4-20250514-v1:0 anthropic.claude-opus-4-1-20250805-v1:0", "claudeThinking", "us"],
  ["anthropic.claude-sonnet-4-5-20250929-v1:0 anthropic.claude-haiku-4-5-20251001-v1:0", "claudeThinking", "us eu apac jp au global us-gov"],
  ["anthropic.claude-opus-4-5-20251101-v1:0", "claudeThinking", "us eu global"],
  ["anthropic.claude-opus-4-6-v1 anthropic.claude-sonnet-4-6 anthropic.claude-sonnet-5", "claudeThinking", "us eu apac jp au global"],
  // Cohere
  ["cohere.command-text-v14 cohere.command-light-text-v14 cohere.command-text-v14:7:4k cohere.command-light-text-v14:7:4k", "cohereText", ""],
  ["cohere.command-r-v1:0 cohere.command-r-plus-v1:0", "commandR", ""],
  ["cohere.embed-english-v3 cohere.embed-multilingual-v3 cohere.embed-english-v3:0:512 cohere.embed-multilingual-v3:0:512", "embedding", ""],
  ["cohere.embed-v4:0", "embedding", "us eu apac global"],
  ["cohere.rerank-v3-5:0", "rerank", ""],
  // DeepSeek
  ["deepseek.r1-v1:0", "deepseekR1", "us"],
  ["deepseek.v3-v1:0", "openWeightThinking", ""],
  // Google, MiniMax, Moonshot, NVIDIA, OpenAI, Qwen, Z.ai (open-weight models served by Bedrock)
  ["google.gemma-3-4b-it google.gemma-3-12b-it google.gemma-3-27b-it", "openWeightVision", ""],
  ["minimax.minimax-m2 nvidia.nemotron-nano-9b-v2 nvidia.nemotron-nano-12b-v2 zai.glm-4.6 zai.glm-4.7-flash", "openWeight", ""],
  ["moonshot.kimi-k2-thinking qwen.qwen3-32b-v1:0 qwen.qwen3-235b-a22b-2507-v1:0 qwen.qwen3-coder-30b-a3b-v1:0 qwen.qwen3-coder-480b-a35b-v1:0", "openWeightThinking", ""],
  ["openai.gpt-oss-20b-1:0 openai.gpt-oss-120b-1:0", "gptOss", ""],
  // Meta
  ["meta.llama2-13b-chat-v1 meta.llama2-70b-chat-v1 meta.llama3-8b-instruct-v1:0 meta.llama3-70b-instruct-v1:0", "textOnly", ""],
  ["meta.llama3-1-8b-instruct-v1:0 meta.llama3-1-70b-instruct-v1:0 meta.llama3-1-405b-instruct-v1:0 meta.llama3-3-70b-instruct-v1:0", "llamaTools", "us"],
  ["meta.llama3-2-1b-instruct-v1:0 meta.llama3-2-3b-instruct-v1:0", "textOnly", "us eu"],
  ["meta.llama3-2-11b-instruct-v1:0 meta.llama3-2-90b-instruct-v1:0 meta.llama4-scout-17b-instruct-v1:0 meta.llama4-maverick-17b-instruct-v1:0", "llamaVision", "us"],
  // Mistral AI
  ["mistral.mistral-7b-instruct-v0:2 mistral.mixtral-8x7b-instruct-v0:1", "noSystem", ""],
  ["mistral.mistral-large-2402-v1:0 mistral.mistral-small-2402-v1:0", "mistralLarge2402", ""],
  ["mistral.mistral-large-2407-v1:0", "mistralLarge", ""],
  ["mistral.pixtral-large-2502-v1:0", "pixtral", "us eu"],
  ["mistral.devstral-2-123b mistral.mistral-large-3-675b-instruct mistral.magistral-small-2509", "openWeight", ""],
  // Stability AI
  ["stability.stable-diffusion-xl-v0 stability.stable-diffusion-xl-v1 stability.sd3-large-v1:0 stability.sd3-5-large-v1:0", "image", ""],
  ["stability.stable-image-core-v1:0 stability.stable-image-core-v1:1 stability.stable-image-ultra-v1:0 stability.stable-image-ultra-v1:1", "image", "us"],
  // TwelveLabs, Luma AI
  ["twelvelabs.marengo-embed-2-7-v1:0", "embedding", "us eu"],
  ["twelvelabs.pegasus-1-2-v1:0", "textOnly", "us eu"],
  ["luma.ray-v2:0", "video", ""],
  // Writer
  ["writer.palmyra-x4-v1:0 writer.palmyra-x5-v1:0", "openWeight", "us"],
];

/** Foundation-model id → what it is and where it is reachable. */
export const MODELS: ReadonlyMap<string, ModelEntry> = new Map(
  ROWS.flatMap(([ids, what, profiles]) => {
    const entry: ModelEntry = what in PRESETS
      ? { kind: "chat", features: PRESETS[what as Preset], profiles: profiles === "" ? [] : profiles.split(" ") }
      : { kind: what as ModelKind, profiles: profiles === "" ? [] : profiles.split(" ") };
    return ids.split(" ").map((id) => [id, entry] as const);
  }),
);
