/**
 * The LiteLLM-style one-shot calls for Node, where `aws_profile_name`, `AWS_PROFILE` and the default credential
 * chain (shared config files, SSO, container and instance metadata) are available.
 */
import { createOneShot } from "../openai/one-shot";
import { credentialsFromLiteLLMParams } from "./credentials/litellm";

const node = /* @__PURE__ */ createOneShot((params, env, options) => credentialsFromLiteLLMParams(params, env, options));

/** `completion()` with profile support: `completion({ model, messages, aws_profile_name: "dev" })`. */
export const completion = node.completion;
/** `embedding()` with profile support. */
export const embedding = node.embedding;
/** `imageGeneration()` with profile support. */
export const imageGeneration = node.imageGeneration;
