/**
 * The check `bedrock-fetch chat` makes of `--model` before the first line is typed: the model string must parse
 * (see parseModel), and on the `invoke/` route a family of bedrock-fetch must know the model's native body and
 * stream it. What only Bedrock can tell (access to the model, the region) is left to the first turn.
 */
import { parseModel } from "../api/models";
import { findMapper } from "../families/catalog";
import { chatFamilies } from "../families/chat-families";

/**
 * Throws the ConfigurationError a chat turn with `model` would end in, if the model string alone already decides it.
 *
 * @throws ConfigurationError naming `model` and what to use instead
 */
export function checkChatModel(model: string): void {
  const parsed = parseModel(model);
  if (parsed.route !== "invoke") return;
  const mapper = findMapper("chat", chatFamilies, parsed.baseModelId, model);
  // A family with no response stream (AI21 Jurassic-2) refuses here; chat always streams.
  mapper.createStreamMapper({ modelId: parsed.baseModelId ?? parsed.modelId, dropParams: false, stream: true });
}
