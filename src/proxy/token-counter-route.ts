/**
 * `POST /utils/token_counter` (also under `/v1`), as LiteLLM's proxy serves it: `{ model, messages }` or
 * `{ model, prompt }` → `{ total_tokens, request_model, model_used, tokenizer_type, original_response }`
 * (LiteLLM's TokenCountRequest and TokenCountResponse). The tokens are Bedrock's own count, from its CountTokens
 * operation on what a chat request to the entry would send (`countChatTokens`), as LiteLLM's Bedrock token counter
 * does; its `tokenizer_type` is then `bedrock_api`. A model without token counting is answered as Bedrock answers it
 * (400 "The provided model doesn't support counting tokens.").
 */
import type { ChatCompletionCreateParamsBase } from "../api/chat-types";
import { chatFamilies } from "../families/chat-families";
import { countChatTokens } from "../openai/count-tokens";
import { readJsonObject } from "./body";
import { JSON_HEADERS, ProxyRequestError } from "./errors";
import type { Route } from "./routes";

// What of the client's request is counted: the conversation and, since they are part of the prompt, the tools.
const FIELDS = ["messages", "tools", "tool_choice", "drop_params"] as const;

/** The token counter route. */
export const tokenCounter: Route = async (request, context) => {
  const body = await readJsonObject(request, context.config.maxBodyBytes);
  return context.run(body.model, async (deployment) => {
    const params: Record<string, unknown> = { model: deployment.model };
    for (const field of FIELDS) if (body[field] !== undefined && body[field] !== null) params[field] = body[field];
    if (params.messages === undefined) {
      if (typeof body.prompt !== "string" || body.prompt === "") {
        throw new ProxyRequestError(400, "`messages` (a non-empty array of { role, content } messages) or `prompt` (a string) is required.", {
          param: "messages",
          code: "missing_required_parameter",
        });
      }
      params.messages = [{ role: "user", content: body.prompt }];
    }
    if (deployment.modelId !== undefined) params.model_id = deployment.modelId;
    const { input_tokens } = await countChatTokens(deployment.client, params as unknown as ChatCompletionCreateParamsBase, {
      families: chatFamilies,
      signal: request.signal,
    });
    const answer = {
      total_tokens: input_tokens,
      request_model: body.model,
      model_used: deployment.model,
      tokenizer_type: "bedrock_api",
      original_response: { input_tokens },
    };
    return new Response(JSON.stringify(answer), { headers: JSON_HEADERS });
  });
};
