/**
 * Which family answers a model id. Region-profile prefixes (`us.`, `eu.`, `apac.`, `global.`, …) are stripped;
 * foundation-model and inference-profile ARNs use the id after the last `/`; an application-inference-profile
 * (or provisioned-throughput, imported-model, marketplace) ARN names no model, so the request body's shape decides.
 */
import { anthropicMessages } from "./anthropic";
import { anthropicText } from "./anthropic-text";
import { ai21J2, ai21Jamba } from "./ai21";
import { cohereCommand, cohereCommandR } from "./cohere";
import { isObject } from "./common";
import { deepseek } from "./deepseek";
import { cohereEmbed, novaEmbed, titanEmbed } from "./embeddings";
import { novaCanvas, stabilityImage, stabilitySdxl, titanImage } from "./images";
import { rerank } from "./rerank";
import { llama } from "./llama";
import { mistral } from "./mistral";
import { nova } from "./nova";
import { openAiChat } from "./openai-chat";
import { openAiCompletion } from "./openai-completion";
import { titanText } from "./titan-text";
import type { Family } from "./types";

const REGION_PREFIX = /^(us|eu|apac|global|us-gov|jp|au|ca)\./;

/** The foundation-model id inside `modelId`, or `undefined` for ARNs that do not name one. */
export function baseModelId(modelId: string): string | undefined {
  let id = modelId;
  if (id.startsWith("arn:")) {
    const resource = id.split(":").slice(5).join(":");
    const slash = resource.indexOf("/");
    const kind = resource.slice(0, slash);
    if (kind !== "foundation-model" && kind !== "inference-profile") return undefined;
    id = resource.slice(slash + 1);
  }
  return id.replace(REGION_PREFIX, "");
}

const PROVIDERS = ["anthropic", "amazon", "ai21", "cohere", "meta", "mistral", "stability", "deepseek", "openai",
  "qwen", "writer", "google", "minimax", "moonshot", "moonshotai", "nvidia", "zai", "twelvelabs", "luma"];

/** Whether the emulator treats `modelId` as an existing model (else Bedrock's "The provided model identifier is invalid."). */
export function isKnownModel(modelId: string): boolean {
  if (modelId.startsWith("arn:")) return /^arn:aws[a-z-]*:(bedrock|sagemaker):/.test(modelId);
  const id = baseModelId(modelId) ?? "";
  const provider = id.slice(0, id.indexOf("."));
  // A version suffix is `:<digits>` (`...-v1:0`); `...-v1:O` is a typo Bedrock rejects.
  return PROVIDERS.includes(provider) && id.length > provider.length + 1 && !/:[^\d/]/.test(id.replace(/^arn:[^/]*/, ""));
}

function byId(id: string, body: Record<string, unknown>): Family | undefined {
  const [provider = "", name = ""] = [id.slice(0, id.indexOf(".")), id.slice(id.indexOf(".") + 1)];
  switch (provider) {
    case "anthropic":
      return typeof body.prompt === "string" && !Array.isArray(body.messages) ? anthropicText : anthropicMessages;
    case "amazon":
      if (name.startsWith("titan-embed")) return titanEmbed;
      if (name.startsWith("rerank")) return rerank;
      if (name.startsWith("titan-image")) return titanImage;
      if (name.startsWith("nova-canvas")) return novaCanvas;
      if (/^nova-.*embed/.test(name)) return novaEmbed;
      if (name.startsWith("titan-")) return titanText;
      if (name.startsWith("nova")) return nova;
      return undefined;
    case "ai21":
      return name.startsWith("jamba") ? ai21Jamba : ai21J2;
    case "cohere":
      if (name.startsWith("embed")) return cohereEmbed;
      if (name.startsWith("rerank")) return rerank;
      return name.startsWith("command-r") ? cohereCommandR : cohereCommand;
    case "meta":
      return llama;
    case "mistral":
      return mistral;
    case "stability":
      return name.startsWith("stable-diffusion-xl") ? stabilitySdxl : stabilityImage;
    case "deepseek":
      return deepseek;
    default:
      return openAiChat;
  }
}

/** Picks a family from the body alone (application inference profiles and other opaque ARNs). */
export function byBody(body: Record<string, unknown>): Family {
  if (typeof body.anthropic_version === "string") return anthropicMessages;
  if (typeof body.query === "string" && Array.isArray(body.documents)) return rerank;
  if (body.taskType === "SINGLE_EMBEDDING") return novaEmbed;
  if (typeof body.taskType === "string") return titanImage;
  if (Array.isArray(body.text_prompts)) return stabilitySdxl;
  if (Array.isArray(body.texts) || Array.isArray(body.images)) return cohereEmbed;
  if (typeof body.inputText === "string") return isObject(body.textGenerationConfig) ? titanText : titanEmbed;
  if (Array.isArray(body.messages) && (isObject(body.inferenceConfig) || body.schemaVersion !== undefined)) return nova;
  if (typeof body.message === "string") return cohereCommandR;
  if (typeof body.prompt === "string") {
    if ("max_tokens_to_sample" in body) return anthropicText;
    if ("max_gen_len" in body) return llama;
    if ("maxTokens" in body) return ai21J2;
    if ("num_generations" in body || "p" in body || "k" in body) return cohereCommand;
    if (typeof body.aspect_ratio === "string" || typeof body.mode === "string") return stabilityImage;
    return mistral;
  }
  return openAiChat;
}

/** The family that answers InvokeModel for `modelId` with `body`. */
export function detectFamily(modelId: string, body: Record<string, unknown>): Family {
  // Marketplace models run on SageMaker endpoints; prompt bodies get text-completion answers.
  if (modelId.startsWith("arn:aws:sagemaker:") && typeof body.prompt === "string") return openAiCompletion;
  const id = baseModelId(modelId);
  return (id === undefined ? undefined : byId(id, body)) ?? byBody(body);
}
