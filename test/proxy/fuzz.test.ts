/**
 * A seeded fuzz of the proxy in front of the emulator (in-process: the proxy's `fetch` is the emulator's handler).
 * First a sweep puts each of several wrong types (null, a number, a string, an object, an array) at every path of
 * valid chat, embedding and image bodies; then thousands of random requests go over every route, with and without
 * `/v1`: unknown paths, wrong methods, missing or wrong keys, odd content types, broken and non-object JSON, deep
 * nesting, mutated bodies (wrong types, nulls, huge and non-finite numbers, long and odd unicode strings, prototype
 * keys, unknown fields, values moved to other paths). The client's mistakes must be 4xx answers in OpenAI's error
 * shape, never a 5xx, and never reported through `onError`; some mutations stay valid and succeed, which is fine.
 * Afterwards the proxy still answers valid requests correctly. The seed makes every run the same, so a failure names
 * a reproducible request.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { createProxy } from "../../src/proxy/index";
import type { ProxyConfig, ProxyHandler } from "../../src/proxy/index";
import { mulberry32 } from "../helpers/seeded-random";
import { ENV, MASTER_KEY } from "./helpers";

// Another seed explores other requests: FUZZ_SEED=7 npx vitest run test/proxy/fuzz.test.ts
const SEED = Number(process.env.FUZZ_SEED ?? 20261202);
/** Random requests, after the systematic sweep of every path of every valid body. */
const RANDOM_REQUESTS = 3000;
const ORIGIN = "https://app.example.com";

const CHAT_MODELS: Record<string, string> = {
  claude: "bedrock/anthropic.claude-3-haiku-20240307-v1:0",
  "claude-invoke": "bedrock/invoke/anthropic.claude-3-haiku-20240307-v1:0",
  "claude-2": "bedrock/invoke/anthropic.claude-v2:1",
  nova: "bedrock/invoke/amazon.nova-lite-v1:0",
  "nova-converse": "bedrock/converse/amazon.nova-lite-v1:0",
  llama: "bedrock/invoke/meta.llama3-8b-instruct-v1:0",
  mistral: "bedrock/invoke/mistral.mistral-7b-instruct-v0:2",
  "command-r": "bedrock/invoke/cohere.command-r-v1:0",
  command: "bedrock/invoke/cohere.command-text-v14",
  "titan-text": "bedrock/invoke/amazon.titan-text-express-v1",
  jamba: "bedrock/invoke/ai21.jamba-1-5-mini-v1:0",
  j2: "bedrock/invoke/ai21.j2-mid-v1",
  deepseek: "bedrock/invoke/deepseek.r1-v1:0",
  "gpt-oss": "bedrock/invoke/openai.gpt-oss-20b-1:0",
};
const EMBED_MODELS: Record<string, string> = {
  "titan-embed": "bedrock/amazon.titan-embed-text-v2:0",
  "cohere-embed": "bedrock/cohere.embed-english-v3",
  "titan-multimodal": "bedrock/amazon.titan-embed-image-v1",
};
const IMAGE_MODELS: Record<string, string> = {
  sdxl: "bedrock/stability.stable-diffusion-xl-v1",
  "titan-image": "bedrock/amazon.titan-image-generator-v2:0",
  "nova-canvas": "bedrock/amazon.nova-canvas-v1:0",
  sd3: "bedrock/stability.sd3-large-v1:0",
};

const PNG = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PDF = "data:application/pdf;base64,JVBERi0xLjQK";

// ---------------------------------------------------------------------------------------------------------------
// Valid bodies, the material the mutations work on
// ---------------------------------------------------------------------------------------------------------------

function richChat(model: string): Record<string, unknown> {
  return {
    model,
    messages: [
      { role: "system", content: [{ type: "text", text: "You are terse.", cache_control: { type: "ephemeral" } }] },
      { role: "user", content: [{ type: "text", text: "What is in this picture?" }, { type: "image_url", image_url: { url: PNG, detail: "low" } }] },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: '{"q":"otter"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: "An otter." },
      { role: "assistant", content: "It is an otter.", thinking_blocks: [{ type: "thinking", thinking: "Looking closely.", signature: "c2ln" }] },
      { role: "user", content: [{ type: "text", text: "And this?" }, { type: "file", file: { file_data: PDF, filename: "notes.pdf" } }] },
    ],
    tools: [{ type: "function", function: { name: "lookup", description: "Looks a word up.", parameters: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } } }],
    tool_choice: { type: "function", function: { name: "lookup" } },
    temperature: 0.5,
    top_p: 0.9,
    max_tokens: 64,
    stop: ["\n\nHuman:", "END"],
    stream_options: { include_usage: true },
    response_format: { type: "json_schema", json_schema: { name: "answer", schema: { type: "object" } } },
    thinking: { type: "enabled", budget_tokens: 1024 },
    guardrailConfig: { guardrailIdentifier: "gr-1", guardrailVersion: "1", trace: "enabled" },
    user: "user-1",
  };
}

function plainChat(model: string): Record<string, unknown> {
  return {
    model,
    messages: [
      { role: "system", content: "Answer briefly." },
      { role: "user", content: "Hello, how are you?" },
      { role: "assistant", content: "Fine." },
      { role: "user", content: [{ type: "text", text: "Tell me a joke." }] },
    ],
    temperature: 0.2,
    max_completion_tokens: 32,
    stop: "END",
    seed: 7,
    n: 1,
    reasoning_effort: "low",
    drop_params: true,
  };
}

function embeddingBody(model: string): Record<string, unknown> {
  return { model, input: ["hello", "world"], encoding_format: "float", dimensions: 256, input_type: "search_query", user: "user-1" };
}

function imageBody(model: string): Record<string, unknown> {
  return { model, prompt: "an otter on a rock", n: 1, size: "1024x1024", response_format: "b64_json", seed: 3, negative_prompt: "blur", cfg_scale: 7 };
}

// ---------------------------------------------------------------------------------------------------------------
// Mutations
// ---------------------------------------------------------------------------------------------------------------

type Json = unknown;
type Path = Array<string | number>;

/** An own enumerable key, even `__proto__` (an assignment would set the prototype instead). */
function define(target: object, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function nested(depth: number, asArray: boolean): Json {
  let value: Json = "bottom";
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { a: value };
  return value;
}

// Written into the JSON text in place of these markers: JSON.stringify cannot produce them, JSON.parse reads them.
const RAW: Record<string, string> = { "@@inf@@": "1e999", "@@-inf@@": "-1e999", "@@tiny@@": "1e-400", "@@big@@": "123456789012345678901234567890" };

function hostileValues(): Json[] {
  const proto: Record<string, unknown> = {};
  define(proto, "__proto__", { model_id: "arn:aws:bedrock:us-east-1:123456789012:provisioned-model/stolen", stream: true });
  return [
    null, true, false, 0, -1, 1.5, -0.5, 2 ** 53 + 1, 1e308, -1e308, "@@inf@@", "@@-inf@@", "@@tiny@@", "@@big@@",
    "", "x", "0", "true", "null", "💥\u0000\u202e\ud800 ünïcödé \u{10ffff}", "a".repeat(50_000), "\n".repeat(200),
    {}, [], [null], [[]], [{}], { type: null }, proto, { constructor: { prototype: { polluted: true } } }, { prototype: 1 },
    nested(40, true), nested(40, false), nested(200, true),
    PNG, "data:image/png;base64,not base64!", "data:text/html,<b>x</b>", "https://example.com/otter.png", "file:///etc/passwd",
    "function", "text", "image_url", "file", "auto", "none", "required", "thinking", "redacted_thinking", "json_schema",
    "json_object", "user", "assistant", "tool", "system", "developer", "enabled", "claude", "titan-embed", "sdxl",
  ];
}

const KEYS = ["foo", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "stream", "model_id", "api_base",
  "aws_secret_access_key", "aws_bedrock_runtime_endpoint", "timeout", "", "💥", "type", "content", "role", "tools", "n"];

function pathsOf(value: Json, path: Path = [], out: Path[] = []): Path[] {
  out.push(path);
  if (Array.isArray(value)) value.forEach((item, i) => pathsOf(item, [...path, i], out));
  else if (value !== null && typeof value === "object") for (const key of Object.keys(value)) pathsOf((value as Record<string, Json>)[key], [...path, key], out);
  return out;
}

function at(root: Json, path: Path): Json {
  return path.reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], root);
}

function mutate(root: Record<string, Json>, random: () => number): Record<string, Json> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const values = hostileValues();
  const paths = pathsOf(root).filter((p) => p.length > 0);
  const path = pick(paths);
  const parent = at(root, path.slice(0, -1)) as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  const current = parent[key];
  switch (Math.floor(random() * 7)) {
    case 0:
    case 1:
      parent[key] = pick(values);
      break;
    case 2:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 3: {
      const target = current !== null && typeof current === "object" && !Array.isArray(current) ? current : root;
      define(target as object, pick(KEYS), pick(values));
      break;
    }
    case 4:
      parent[key] = random() < 0.5 ? [current] : { value: current };
      break;
    case 5:
      if (Array.isArray(current)) current.push(...current.slice(0, 3));
      else parent[key] = typeof current === "number" ? String(current) : typeof current === "string" ? current.length : pick(values);
      break;
    default:
      // Swap with the value at another path: right types in the wrong places.
      parent[key] = structuredClone(at(root, pick(paths)));
  }
  return root;
}

function toJson(body: Json): string {
  let text = JSON.stringify(body);
  for (const [marker, raw] of Object.entries(RAW)) text = text.split(`"${marker}"`).join(raw);
  return text;
}

// ---------------------------------------------------------------------------------------------------------------
// Requests
// ---------------------------------------------------------------------------------------------------------------

const GARBAGE: ReadonlyArray<string | Uint8Array> = [
  "", " ", "{", "}", "{\"model\":", "null", "[]", "1", "\"text\"", "true", "{\"a\":1}{", "{'model': 'claude'}", "{\"model\":\"claude\",}",
  "[".repeat(5000) + "]".repeat(5000), "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
  new Uint8Array([0xff, 0xfe, 0x00, 0x7b]), new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]),
  "{\"model\":\"claude\",\"model\":\"sdxl\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
  "{\"model\":\"claude\",\"messages\":[null]}", "x".repeat(1_100_000), "{\"model\":\"claude\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"__proto__\":{\"stream\":true}}",
];

const UNKNOWN_PATHS = ["/", "/v1", "/v2/chat/completions", "/v1/completions", "/v1/chat", "/v1/chat/completions/extra", "/v1//chat/completions",
  "/V1/MODELS", "/%", "/%2e%2e/etc/passwd", "/health/x", "/.env", "/v1/responses", "/v1/audio/speech", "/v1/v1/models"];
const MODEL_PATHS = ["/v1/models/claude", "/models/sdxl", "/v1/models/nope", "/v1/models/%", "/v1/models/%E0%A4%A", "/v1/models/%zz",
  "/v1/models/%2F..%2F", "/v1/models/__proto__", "/v1/models/constructor", "/v1/models/a/b", "/v1/models/%F0%9F%92%A5", "/v1/models/%00"];
const HEALTH = ["/health", "/health/liveliness", "/health/liveness", "/health/readiness", "/v1/health", "/v1/health/readiness"];
const AUTH: ReadonlyArray<Record<string, string>> = [
  {}, { authorization: "Bearer sk-wrong" }, { authorization: "Bearer " }, { authorization: "Basic c2stcHJveHk=" }, { authorization: "sk-proxy-master-1234" },
  { "api-key": MASTER_KEY }, { "x-api-key": MASTER_KEY }, { authorization: `Bearer ${MASTER_KEY}x` }, { authorization: `Bearer ${"k".repeat(10_000)}` },
  { authorization: `Bearer ${MASTER_KEY}`, "api-key": "sk-wrong" },
];
const CONTENT_TYPES = [undefined, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "*/*", "application/json\u00ff"];
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

interface Made {
  request: Request;
  summary: string;
}

function makeRequest(random: () => number): Made {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const prefix = random() < 0.7 ? "/v1" : "";
  const headers: Record<string, string> = random() < 0.85 ? { authorization: `Bearer ${MASTER_KEY}` } : { ...pick(AUTH) };
  const type = random() < 0.85 ? "application/json" : pick(CONTENT_TYPES);
  if (type !== undefined) headers["content-type"] = type;
  if (random() < 0.1) headers.origin = pick([ORIGIN, "https://evil.example", "null"]);

  let path: string;
  let method: string;
  let body: string | Uint8Array | undefined;
  const r = random();
  if (r < 0.78) {
    const kind = random();
    let base: Record<string, unknown>;
    if (kind < 0.72) {
      path = `${prefix}/chat/completions`;
      const name = pick(Object.keys(CHAT_MODELS));
      base = random() < 0.5 ? richChat(name) : plainChat(name);
      if (random() < 0.4) base.stream = true;
    } else if (kind < 0.9) {
      path = `${prefix}/embeddings`;
      base = embeddingBody(pick(Object.keys(EMBED_MODELS)));
    } else {
      path = `${prefix}/images/generations`;
      base = imageBody(pick(Object.keys(IMAGE_MODELS)));
    }
    method = random() < 0.93 ? "POST" : pick(METHODS);
    const mutations = random() < 0.08 ? 0 : 1 + Math.floor(random() * 3);
    for (let i = 0; i < mutations; i++) mutate(base, random);
    body = random() < 0.9 ? toJson(base) : pick(GARBAGE);
  } else if (r < 0.86) {
    path = random() < 0.5 ? `${prefix}/models` : pick(MODEL_PATHS);
    method = random() < 0.85 ? "GET" : pick(METHODS);
  } else if (r < 0.92) {
    path = pick(HEALTH);
    method = random() < 0.85 ? "GET" : pick(METHODS);
  } else {
    path = pick(UNKNOWN_PATHS);
    method = pick(METHODS);
  }
  if (random() < 0.05) path += "/";
  if (method === "OPTIONS" && random() < 0.7) {
    headers.origin ??= pick([ORIGIN, "https://evil.example"]);
    headers["access-control-request-method"] = pick(["POST", "GET", "DELETE"]);
    headers["access-control-request-headers"] = pick(["authorization, content-type", "x-evil, authorization", "x-stainless-os", ""]);
  }
  if (method === "GET" || method === "HEAD") body = undefined;
  else if (body === undefined && random() < 0.5) body = pick(GARBAGE);
  const request = new Request(`http://proxy.test${path}`, { method, headers, body: (body ?? null) as BodyInit | null });
  const shown = typeof body === "string" ? body.slice(0, 300) : body === undefined ? "" : `<${body.byteLength} bytes>`;
  return { request, summary: `${method} ${path} ${JSON.stringify(headers).slice(0, 200)} ${shown}` };
}

/** The wrong types put, one at a time, at every path of every valid body. */
const WRONG_TYPES: readonly Json[] = [null, -1.5, "", {}, [null]];
/** The chat models the rich body (images, documents, tools, thinking) is swept on: Converse and the native Claude body. */
const RICH_SWEEP = ["claude", "claude-invoke"];

function post(path: string, body: Json): Made {
  const text = toJson(body);
  const request = new Request(`http://proxy.test${path}`, { method: "POST", headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" }, body: text });
  return { request, summary: `POST ${path} ${text.slice(0, 300)}` };
}

/** Every path of each valid body (plain chat on every chat model, rich chat streamed, embeddings, images) with each wrong type. */
function* sweep(): Generator<Made> {
  const bases: Array<[string, Record<string, unknown>]> = [];
  for (const name of Object.keys(CHAT_MODELS)) bases.push(["/v1/chat/completions", plainChat(name)]);
  for (const name of RICH_SWEEP) bases.push(["/chat/completions", richChat(name)]);
  for (const name of Object.keys(EMBED_MODELS)) bases.push(["/v1/embeddings", embeddingBody(name)]);
  for (const name of Object.keys(IMAGE_MODELS)) bases.push(["/v1/images/generations", imageBody(name)]);
  for (const [path, base] of bases) {
    for (const at of pathsOf(base)) {
      if (at.length === 0) continue;
      for (const wrong of WRONG_TYPES) {
        const body = structuredClone(base);
        const parent = at.slice(0, -1).reduce<Json>((v, k) => (v as Record<string | number, Json>)[k], body) as Record<string | number, Json>;
        parent[at[at.length - 1]!] = structuredClone(wrong);
        yield post(path, body);
      }
    }
  }
}

function* requests(random: () => number): Generator<Made> {
  yield* sweep();
  for (let i = 0; i < RANDOM_REQUESTS; i++) yield makeRequest(random);
}

// ---------------------------------------------------------------------------------------------------------------

function config(): ProxyConfig {
  const entry = (model_name: string, model: string) => ({
    model_name,
    litellm_params: {
      model,
      aws_access_key_id: "os.environ/CUSTOM_AWS_ACCESS_KEY_ID",
      aws_secret_access_key: "os.environ/CUSTOM_AWS_SECRET_ACCESS_KEY",
      aws_region_name: "os.environ/CUSTOM_AWS_REGION_NAME",
      max_retries: 0,
    },
  });
  return {
    model_list: Object.entries({ ...CHAT_MODELS, ...EMBED_MODELS, ...IMAGE_MODELS }).map(([name, model]) => entry(name, model)),
    general_settings: { master_key: "os.environ/PROXY_MASTER_KEY", allowed_origins: [ORIGIN], max_request_size_mb: 1 },
  };
}

function* take<T>(source: Iterator<T>, count: number): Generator<T> {
  for (let i = 0; i < count; i++) {
    const next = source.next();
    if (next.done) return;
    yield next.value;
  }
}

interface ErrorBody {
  error: { message: unknown; type: unknown; param: unknown; code: unknown };
}

function errorShapeProblem(text: string): string | undefined {
  let body: ErrorBody;
  try {
    body = JSON.parse(text) as ErrorBody;
  } catch {
    return "not JSON";
  }
  const e = body?.error;
  if (e === null || typeof e !== "object" || Object.keys(body).join() !== "error") return "no error object";
  if (Object.keys(e).sort().join() !== "code,message,param,type") return `keys ${Object.keys(e).join()}`;
  if (typeof e.message !== "string" || e.message === "") return "message";
  if (typeof e.type !== "string") return "type";
  if (e.param !== null && typeof e.param !== "string") return "param";
  if (e.code !== null && typeof e.code !== "string") return "code";
  return undefined;
}

describe("fuzzing the proxy in front of the emulator", () => {
  let proxy: ProxyHandler;
  const logged: Array<{ error: unknown; url: string }> = [];
  beforeAll(() => {
    const emulator = createEmulator();
    const upstream = (async (input: RequestInfo | URL, init?: RequestInit) => emulator(new Request(input, init))) as typeof fetch;
    proxy = createProxy(config(), { env: ENV, fetch: upstream, onError: (error, request) => logged.push({ error, url: request.url }) });
  });

  it("answers every wrong type at every path of valid bodies, and thousands of random malformed requests, with no 5xx, OpenAI-shaped errors, and nothing logged", async () => {
    const random = mulberry32(SEED);
    const byStatus = new Map<number, number>();
    const problems: string[] = [];
    const note = (problem: string) => {
      if (problems.length < 15) problems.push(problem);
    };
    let total = 0;
    const source = requests(random);
    for (let batch = [...take(source, 25)]; batch.length > 0; batch = [...take(source, 25)]) {
      await Promise.all(batch.map(async ({ request, summary }) => {
        const n = total++;
        const response = await proxy(request);
        const text = await response.text();
        const status = response.status;
        byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
        const label = `#${n} → ${status}: ${summary}\n    ${text.slice(0, 300)}`;
        if (status >= 500) note(label);
        else if (status >= 400 && request.method !== "HEAD") {
          const problem = errorShapeProblem(text);
          if (problem !== undefined) note(`${label}\n    error shape: ${problem}`);
        } else if (response.headers.get("content-type")?.startsWith("text/event-stream") && !text.endsWith("data: [DONE]\n\n")) {
          note(`${label}\n    stream without [DONE]`);
        }
      }));
    }
    const counts = [...byStatus].sort(([a], [b]) => a - b).map(([status, n]) => `${status}: ${n}`).join(", ");
    console.log(`proxy fuzz, seed ${SEED}: ${total} requests (${total - RANDOM_REQUESTS} in the sweep, ${RANDOM_REQUESTS} random); by status: ${counts}`);
    expect(problems).toEqual([]);
    expect(logged.map(({ error, url }) => `${url}: ${String(error)}`)).toEqual([]);
    expect([...byStatus.keys()].some((s) => s >= 500)).toBe(false);
    // The fuzz reached past validation: some requests were valid and answered.
    expect(total).toBeGreaterThan(5000);
    expect(byStatus.get(200) ?? 0).toBeGreaterThan(total / 20);
  });

  it("still answers valid requests afterwards: chat, streamed chat to [DONE], an embedding and the model list", async () => {
    const post = (path: string, body: unknown) =>
      proxy(new Request(`http://proxy.test${path}`, { method: "POST", headers: { authorization: `Bearer ${MASTER_KEY}`, "content-type": "application/json" }, body: JSON.stringify(body) }));
    const messages = [{ role: "user", content: "Hello, how are you today?" }];

    const chat = await post("/v1/chat/completions", { model: "claude", messages });
    expect(chat.status).toBe(200);
    const completion = (await chat.json()) as { object: string; choices: Array<{ message: { content: string }; finish_reason: string }> };
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]!.message.content).toMatch(/^Echo: Hello, how are you today/);
    expect(completion.choices[0]!.finish_reason).toBe("stop");

    const streamed = await post("/v1/chat/completions", { model: "claude-invoke", messages, stream: true });
    expect(streamed.status).toBe(200);
    expect(streamed.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const sse = await streamed.text();
    expect(sse.endsWith("data: [DONE]\n\n")).toBe(true);
    const chunks = sse.split("\n\n").filter((e) => e.startsWith("data: {")).map((e) => JSON.parse(e.slice(6)) as { choices: Array<{ delta: { content?: string } }> });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toMatch(/^Echo: Hello, how are you today/);

    const embedded = await post("/embeddings", { model: "titan-embed", input: "an otter" });
    expect(embedded.status).toBe(200);
    const vectors = (await embedded.json()) as { data: Array<{ embedding: number[] }> };
    expect(vectors.data).toHaveLength(1);
    expect(vectors.data[0]!.embedding.length).toBeGreaterThan(0);

    const list = await proxy(new Request("http://proxy.test/v1/models", { headers: { authorization: `Bearer ${MASTER_KEY}` } }));
    expect(list.status).toBe(200);
    const ids = ((await list.json()) as { data: Array<{ id: string }> }).data.map((m) => m.id);
    expect(ids).toEqual(Object.keys({ ...CHAT_MODELS, ...EMBED_MODELS, ...IMAGE_MODELS }));
    expect(logged).toEqual([]);
  });
});
