/**
 * Test-side inverses: a recorded native request body → the OpenAI chat params a chat-style caller would have sent
 * for it. Used to check that building the body from those params gives the recorded body back. Returns
 * `{ skip: reason }` when the recording uses something OpenAI chat input cannot express.
 */
type Json = Record<string, any>;
export type Inverse = { params: Json } | { skip: string };

const MIME: Record<string, string> = { pdf: "application/pdf", csv: "text/csv", doc: "application/msword", docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", xls: "application/vnd.ms-excel", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", html: "text/html", txt: "text/plain", md: "text/markdown" };

class Skip extends Error {}
const skip = (reason: string): never => {
  throw new Skip(reason);
};

/** Parts → a plain string when they are a single uncached text part (how chat callers usually send it). */
function simplify(parts: Json[]): string | Json[] {
  return parts.length === 1 && parts[0]!.type === "text" && !parts[0]!.cache_control ? parts[0]!.text : parts;
}

function converseUserParts(blocks: Json[], out: Json[]): void {
  let parts: Json[] = [];
  const flush = (): void => {
    if (parts.length) out.push({ role: "user", content: simplify(parts) });
    parts = [];
  };
  for (const b of blocks) {
    if (typeof b.text === "string") parts.push({ type: "text", text: b.text });
    else if (b.image) {
      if (!b.image.source?.bytes) skip("image from S3 (not a data URL)");
      parts.push({ type: "image_url", image_url: { url: `data:image/${b.image.format};base64,${b.image.source.bytes}` } });
    } else if (b.document) {
      if (!b.document.source?.bytes) skip("document from S3 or as text source");
      if (b.document.citations !== undefined || b.document.context !== undefined) skip("document citations/context");
      parts.push({ type: "file", file: { file_data: `data:${MIME[b.document.format]};base64,${b.document.source.bytes}`, filename: `${b.document.name}.${b.document.format}` } });
    } else if (b.cachePoint) {
      const last = parts[parts.length - 1];
      if (!last) skip("cache point not after a user content part");
      last!.cache_control = { type: "ephemeral" };
    } else if (b.toolResult) {
      flush();
      const r = b.toolResult;
      if (r.status !== undefined || r.type !== undefined) skip("toolResult status/type");
      if (!r.content.every((c: Json) => typeof c.text === "string")) skip("toolResult with json/image/document content");
      out.push({ role: "tool", tool_call_id: r.toolUseId, content: r.content.length === 1 ? r.content[0].text : r.content.map((c: Json) => ({ type: "text", text: c.text })) });
    } else skip(`user block ${Object.keys(b)[0]}`);
  }
  flush();
}

function converseAssistant(blocks: Json[]): Json {
  const parts: Json[] = [];
  const calls: Json[] = [];
  const thinking: Json[] = [];
  for (const b of blocks) {
    if (typeof b.text === "string") parts.push({ type: "text", text: b.text });
    else if (b.toolUse) calls.push({ id: b.toolUse.toolUseId, type: "function", function: { name: b.toolUse.name, arguments: JSON.stringify(b.toolUse.input) } });
    else if (b.reasoningContent?.reasoningText) thinking.push({ type: "thinking", thinking: b.reasoningContent.reasoningText.text, ...(b.reasoningContent.reasoningText.signature !== undefined ? { signature: b.reasoningContent.reasoningText.signature } : {}) });
    else if (b.reasoningContent?.redactedContent) thinking.push({ type: "redacted_thinking", data: b.reasoningContent.redactedContent });
    else if (b.cachePoint && parts.length) parts[parts.length - 1]!.cache_control = { type: "ephemeral" };
    else skip(`assistant block ${Object.keys(b)[0]}`);
  }
  const m: Json = { role: "assistant", content: parts.length ? simplify(parts) : null };
  if (calls.length) m.tool_calls = calls;
  if (thinking.length) m.thinking_blocks = thinking;
  return m;
}

/** Converse body → OpenAI params. */
export function converseToOpenAI(body: Json, modelId: string): Inverse {
  try {
    const messages: Json[] = [];
    const system: Json[] = [];
    for (const s of body.system ?? []) {
      if (typeof s.text === "string") system.push({ type: "text", text: s.text });
      else if (s.cachePoint && system.length) system[system.length - 1]!.cache_control = { type: "ephemeral" };
      else skip(`system block ${Object.keys(s)[0]}`);
    }
    if (system.length) messages.push({ role: "system", content: simplify(system) });
    for (const m of body.messages) {
      if (m.role === "user") converseUserParts(m.content, messages);
      else messages.push(converseAssistant(m.content));
    }
    const params: Json = { model: `bedrock/converse/${modelId}`, messages };
    const ic = body.inferenceConfig ?? {};
    if (ic.maxTokens !== undefined) params.max_tokens = ic.maxTokens;
    if (ic.temperature !== undefined) params.temperature = ic.temperature;
    if (ic.topP !== undefined) params.top_p = ic.topP;
    if (ic.stopSequences !== undefined) params.stop = ic.stopSequences;
    if (body.toolConfig) {
      const tools: Json[] = [];
      for (const t of body.toolConfig.tools) {
        if (t.toolSpec) {
          const fn: Json = { name: t.toolSpec.name };
          if (t.toolSpec.description !== undefined) fn.description = t.toolSpec.description;
          fn.parameters = t.toolSpec.inputSchema.json;
          if (t.toolSpec.strict !== undefined) fn.strict = t.toolSpec.strict;
          tools.push({ type: "function", function: fn });
        } else if (t.cachePoint && tools.length) tools[tools.length - 1]!.cache_control = { type: "ephemeral" };
        else skip(`tool ${Object.keys(t)[0]}`);
      }
      params.tools = tools;
      const c = body.toolConfig.toolChoice;
      if (c?.auto) params.tool_choice = "auto";
      else if (c?.any) params.tool_choice = "required";
      else if (c?.tool) params.tool_choice = { type: "function", function: { name: c.tool.name } };
    }
    const extra: Json = { ...(body.additionalModelRequestFields ?? {}) };
    if (extra.thinking !== undefined) {
      params.thinking = extra.thinking;
      delete extra.thinking;
    }
    const provider = modelId.replace(/^(us|eu|apac|global|jp|au)\./, "").split(".")[0];
    if (provider === "amazon" && extra.inferenceConfig?.topK !== undefined && Object.keys(extra.inferenceConfig).length === 1) {
      params.top_k = extra.inferenceConfig.topK;
      delete extra.inferenceConfig;
    } else if (extra.top_k !== undefined) {
      params.top_k = extra.top_k;
      delete extra.top_k;
    }
    if (provider === "openai" && typeof extra.reasoning_effort === "string") {
      params.reasoning_effort = extra.reasoning_effort;
      delete extra.reasoning_effort;
    } else if (provider === "qwen" && typeof extra.reasoning_config === "string") {
      params.reasoning_effort = extra.reasoning_config;
      delete extra.reasoning_config;
    }
    if (Object.keys(extra).length) params.additionalModelRequestFields = extra;
    const tf = body.outputConfig?.textFormat;
    if (tf) {
      if (Object.keys(body.outputConfig).length !== 1 || tf.type !== "json_schema") skip("outputConfig beyond textFormat json_schema");
      const js = tf.structure.jsonSchema;
      params.response_format = { type: "json_schema", json_schema: { name: js.name, schema: JSON.parse(js.schema), ...(js.description !== undefined ? { description: js.description } : {}) } };
    }
    for (const k of ["guardrailConfig", "performanceConfig", "promptVariables", "requestMetadata", "serviceTier", "additionalModelResponseFieldPaths"]) {
      if (body[k] !== undefined) params[k] = body[k];
    }
    return { params };
  } catch (e) {
    if (e instanceof Skip) return { skip: e.message };
    throw e;
  }
}

function anthropicParts(content: string | Json[], role: string, out: Json[]): void {
  if (typeof content === "string") {
    out.push({ role, content });
    return;
  }
  if (role === "assistant") {
    const parts: Json[] = [];
    const calls: Json[] = [];
    const thinking: Json[] = [];
    for (const b of content) {
      if (b.type === "text") parts.push({ type: "text", text: b.text, ...(b.cache_control ? { cache_control: b.cache_control } : {}) });
      else if (b.type === "tool_use") calls.push({ id: b.id, type: "function", function: { name: b.name, arguments: JSON.stringify(b.input) } });
      else if (b.type === "thinking" || b.type === "redacted_thinking") thinking.push(b);
      else skip(`assistant block ${b.type}`);
    }
    const m: Json = { role: "assistant", content: parts.length ? parts : null };
    if (calls.length) m.tool_calls = calls;
    if (thinking.length) m.thinking_blocks = thinking;
    out.push(m);
    return;
  }
  let parts: Json[] = [];
  const flush = (): void => {
    if (parts.length) out.push({ role: "user", content: parts });
    parts = [];
  };
  for (const b of content) {
    const cache = b.cache_control ? { cache_control: b.cache_control } : {};
    if (b.type === "text") parts.push({ type: "text", text: b.text, ...cache });
    else if (b.type === "image" && b.source?.type === "base64") parts.push({ type: "image_url", image_url: { url: `data:${b.source.media_type};base64,${b.source.data}` }, ...cache });
    else if (b.type === "document" && b.source?.type === "base64") parts.push({ type: "file", file: { file_data: `data:${b.source.media_type};base64,${b.source.data}` }, ...cache });
    else if (b.type === "tool_result") {
      flush();
      if (b.is_error !== undefined) skip("tool_result is_error");
      const c = b.content;
      if (Array.isArray(c) && !c.every((x: Json) => x.type === "text")) skip("tool_result with non-text content");
      out.push({ role: "tool", tool_call_id: b.tool_use_id, content: c });
    } else skip(`user block ${b.type}`);
  }
  flush();
}

/** Claude Messages API body → OpenAI params. */
export function anthropicToOpenAI(body: Json, modelId: string): Inverse {
  try {
    const messages: Json[] = [];
    if (typeof body.system === "string") messages.push({ role: "system", content: body.system });
    else if (Array.isArray(body.system)) messages.push({ role: "system", content: body.system.map((s: Json) => ({ type: "text", text: s.text, ...(s.cache_control ? { cache_control: s.cache_control } : {}) })) });
    for (const m of body.messages) anthropicParts(m.content, m.role, messages);
    const params: Json = { model: `bedrock/invoke/${modelId}`, messages, max_tokens: body.max_tokens };
    if (body.anthropic_version !== "bedrock-2023-05-31") params.anthropic_version = body.anthropic_version;
    if (body.temperature !== undefined) params.temperature = body.temperature;
    if (body.top_p !== undefined) params.top_p = body.top_p;
    if (body.top_k !== undefined) params.top_k = body.top_k;
    if (body.stop_sequences !== undefined) params.stop = body.stop_sequences;
    if (body.tools) params.tools = body.tools.map((t: Json) => ({ type: "function", function: { name: t.name, ...(t.description !== undefined ? { description: t.description } : {}), parameters: t.input_schema }, ...(t.cache_control ? { cache_control: t.cache_control } : {}) }));
    const c = body.tool_choice;
    if (c) params.tool_choice = c.type === "any" ? "required" : c.type === "tool" ? { type: "function", function: { name: c.name } } : c.type;
    if (body.thinking !== undefined) params.thinking = body.thinking;
    return { params };
  } catch (e) {
    if (e instanceof Skip) return { skip: e.message };
    throw e;
  }
}

/** Claude text-completion body → OpenAI params (splitting the prompt at `\n\nHuman:` / `\n\nAssistant:`). */
export function anthropicTextToOpenAI(body: Json, modelId: string): Inverse {
  const prompt: string = body.prompt;
  const first = prompt.indexOf("\n\nHuman:");
  if (first < 0) return { skip: "prompt without the documented \\n\\nHuman: turn marker" };
  const messages: Json[] = [];
  if (first > 0) messages.push({ role: "system", content: prompt.slice(0, first) });
  const turns = prompt.slice(first).split(/(\n\nHuman:|\n\nAssistant:)/).filter((s) => s !== "");
  for (let i = 0; i < turns.length; i += 2) {
    const role = turns[i] === "\n\nHuman:" ? "user" : "assistant";
    const text = (turns[i + 1] ?? "").replace(/^ /, "");
    if (role === "assistant" && i + 1 >= turns.length) break; // the trailing "\n\nAssistant:" cue
    messages.push({ role, content: text });
  }
  const params: Json = { model: `bedrock/invoke/${modelId}`, messages, max_tokens: body.max_tokens_to_sample };
  if (body.temperature !== undefined) params.temperature = body.temperature;
  if (body.top_p !== undefined) params.top_p = body.top_p;
  if (body.top_k !== undefined) params.top_k = body.top_k;
  if (body.stop_sequences !== undefined) params.stop = body.stop_sequences;
  return { params };
}
