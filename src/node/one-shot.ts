/**
 * The LiteLLM-style one-shot calls for Node, where `aws_profile_name`, `AWS_PROFILE` and the default credential
 * chain (shared config files, SSO, container and instance metadata) are available, and where remote media is
 * downloaded by `createMediaFetch()`, which checks the address each download connects to.
 */
import { createOneShot } from "../one-shot";
import type { OneShotFunctions } from "../one-shot";
import { credentialsFromLiteLLMParams } from "./credentials/litellm";
import { withNodeMediaFetch } from "./proxy";

const node = /* @__PURE__ */ createOneShot((params, env, options) => credentialsFromLiteLLMParams(params, env, options));

/** `completion()` with profile support: `completion({ model, messages, aws_profile_name: "dev" })`. */
export const completion = ((params, options = {}) =>
  node.completion(params, { ...options, media: withNodeMediaFetch(options.media) })) as OneShotFunctions["completion"];
/** `embedding()` with profile support. */
export const embedding = node.embedding;
/** `imageGeneration()` with profile support. */
export const imageGeneration = node.imageGeneration;
/** `rerank()` with profile support. */
export const rerank = node.rerank;
