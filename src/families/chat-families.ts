/**
 * The native chat families of the `invoke/` route, as values to pass to `chatCompletion(core, params, { families })`
 * (`createBedrock()` passes them all). Which models each serves is in ./catalog.ts, after the Bedrock
 * model-parameters pages (https://docs.aws.amazon.com/bedrock/latest/userguide/model-parameters.html).
 *
 * @module
 */
import { ai21J2 } from "./ai21-j2";
import { ai21Jamba } from "./ai21-jamba";
import { anthropicMessages } from "./anthropic-messages";
import { anthropicText, ANTHROPIC_TEXT_MODELS } from "./anthropic-text";
import { cohereCommand } from "./cohere-command";
import { cohereCommandR } from "./cohere-command-r";
import { deepseek as deepseekMapper } from "./deepseek";
import type { ChatFamily } from "./family";
import { metaLlama } from "./llama";
import { mistral as mistralMapper } from "./mistral";
import { nova as novaMapper } from "./nova";
import { openaiGptOss } from "./openai-gpt-oss";
import { titanText as titanTextMapper } from "./titan-text";
import type { ChatMapper } from "./types";

const one = (name: string, mapper: ChatMapper): ChatFamily => ({ name, mapperFor: () => mapper });

/** Anthropic Claude: the Messages API, and legacy text completion for Claude v1, v2 and Instant. */
export const anthropic: ChatFamily = { name: "anthropic", mapperFor: (id) => (ANTHROPIC_TEXT_MODELS.test(id) ? anthropicText : anthropicMessages) };
/** Amazon Titan Text (Lite, Express, Premier). */
export const titanText: ChatFamily = /* @__PURE__ */ one("titanText", titanTextMapper);
/** Amazon Nova understanding models (Micro, Lite, Pro, Premier). */
export const nova: ChatFamily = /* @__PURE__ */ one("nova", novaMapper);
/** AI21 Jurassic-2 and Jamba. */
export const ai21: ChatFamily = { name: "ai21", mapperFor: (id) => (id.startsWith("ai21.j2-") ? ai21J2 : ai21Jamba) };
/** Cohere Command and Command R. */
export const cohere: ChatFamily = { name: "cohere", mapperFor: (id) => (id.startsWith("cohere.command-r") ? cohereCommandR : cohereCommand) };
/** Meta Llama 2, 3 and 4, with their chat templates. */
export const llama: ChatFamily = /* @__PURE__ */ one("llama", metaLlama);
/** Mistral, Mixtral and Pixtral. */
export const mistral: ChatFamily = /* @__PURE__ */ one("mistral", mistralMapper);
/** DeepSeek R1. */
export const deepseek: ChatFamily = /* @__PURE__ */ one("deepseek", deepseekMapper);
/** OpenAI gpt-oss. */
export const gptOss: ChatFamily = /* @__PURE__ */ one("gptOss", openaiGptOss);

/** Every native chat family. */
export const chatFamilies: readonly ChatFamily[] = [anthropic, titanText, nova, ai21, cohere, llama, mistral, deepseek, gptOss];
