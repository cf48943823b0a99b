/**
 * Amazon Nova understanding models, InvokeModel flavour (`messages`, `system`, `inferenceConfig`, `toolConfig`;
 * answer `output.message`, stream events wrapped as `{messageStart: ...}`, `{contentBlockDelta: ...}`).
 * Wire format from `exchanges/amazon-nova/` and
 * https://docs.aws.amazon.com/nova/latest/userguide/complete-request-schema.html
 */
import type { Generation, StopKind } from "../types";
import { converseToolChoice, converseTools, fromMessages, isObject, num, strings } from "./common";
import type { TextFamily } from "./types";

export const NOVA_STOP: Record<StopKind, string> = {
  end: "end_turn",
  max_tokens: "max_tokens",
  stop_sequence: "end_turn",
  tool_use: "tool_use",
  guardrail: "content_filtered",
};

function usage(g: Generation): Record<string, number> {
  return { inputTokens: g.inputTokens, outputTokens: g.outputTokens, totalTokens: g.inputTokens + g.outputTokens,
    cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 };
}

export const nova: TextFamily = {
  kind: "text",
  name: "amazon-nova",
  extraInvocationMetrics: { cacheReadInputTokenCount: 0, cacheWriteInputTokenCount: 0 },
  parse(body) {
    const config = isObject(body.inferenceConfig) ? body.inferenceConfig : {};
    return { ...fromMessages(body.messages, body.system), tools: converseTools(body.toolConfig), toolChoice: converseToolChoice(body.toolConfig),
      maxTokens: num(config.maxTokens) ?? num(config.max_new_tokens),
      stopSequences: strings(config.stopSequences) };
  },
  render(g) {
    const content: Record<string, unknown>[] = [];
    if (g.text !== "") content.push({ text: g.text });
    for (const call of g.toolCalls) content.push({ toolUse: { name: call.name, toolUseId: call.id, input: call.input } });
    return { output: { message: { content, role: "assistant" } }, stopReason: NOVA_STOP[g.stop], usage: usage(g) };
  },
  events(g) {
    const events: Record<string, unknown>[] = [{ messageStart: { role: "assistant" } }];
    let index = 0;
    if (g.text !== "") {
      for (const text of g.pieces) events.push({ contentBlockDelta: { delta: { text }, contentBlockIndex: index } });
      events.push({ contentBlockStop: { contentBlockIndex: index } });
      index++;
    }
    for (const call of g.toolCalls) {
      events.push({ contentBlockStart: { start: { toolUse: { toolUseId: call.id, name: call.name } }, contentBlockIndex: index } });
      events.push({ contentBlockDelta: { delta: { toolUse: { input: JSON.stringify(call.input) } }, contentBlockIndex: index } });
      events.push({ contentBlockStop: { contentBlockIndex: index } });
      index++;
    }
    events.push({ messageStop: { stopReason: NOVA_STOP[g.stop] } });
    const { totalTokens: _total, ...streamUsage } = usage(g); // the stream's metadata omits the total
    events.push({ metadata: { usage: streamUsage, metrics: {}, trace: {} } });
    return events;
  },
};
