/**
 * Emulators on loopback for the router suites, each wrapped so that a test can count the calls that reached it and
 * change its behaviour between requests: a fault spec sent as the emulator's `x-bedrock-fetch-fault` header, a fixed
 * AWS error answer, or a context window (a request body longer than it is answered with Bedrock's ValidationException
 * "Input is too long for requested model.").
 */
import { awsErrorResponse } from "../../src/emulator/aws-error";
import { createEmulator, FAULT_HEADER, TEST_CREDENTIALS } from "../../src/emulator/index";
import { serve, type RunningServer } from "../../src/node/server";
import type { ProxyModelEntry } from "../../src/proxy/index";

export const CHAT_MODEL = "bedrock/anthropic.claude-3-haiku-20240307-v1:0";

export const ENV = {
  KEY_ID: TEST_CREDENTIALS.accessKeyId,
  SECRET: TEST_CREDENTIALS.secretAccessKey,
};

/** One wrapped emulator. */
export interface Upstream {
  name: string;
  url: string;
  /** Model calls that reached it (any answer). */
  calls: number;
  /** The body of the last call, as text. */
  lastBody: string;
  /** Fault spec sent with every call while set (see src/emulator/faults.ts). */
  fault: string | undefined;
  /** An AWS error to answer every call with while set. */
  reject: { status: number; code: string; message: string } | undefined;
  /** Largest request body (bytes) the "model" takes; a larger one is answered "Input is too long for requested model.". */
  contextBytes: number | undefined;
  server: RunningServer;
}

export async function startUpstream(name: string): Promise<Upstream> {
  const emulator = createEmulator();
  const upstream = { name, calls: 0, lastBody: "", fault: undefined, reject: undefined, contextBytes: undefined } as Omit<Upstream, "url" | "server"> as Upstream;
  upstream.server = await serve(async (request) => {
    if (!new URL(request.url).pathname.startsWith("/model/")) return emulator(request);
    upstream.calls++;
    const body = new Uint8Array(await request.arrayBuffer());
    upstream.lastBody = new TextDecoder().decode(body);
    if (upstream.reject) return awsErrorResponse(upstream.reject.status, upstream.reject.code, upstream.reject.message, `req-${upstream.calls}`);
    if (upstream.contextBytes !== undefined && body.length > upstream.contextBytes) {
      return awsErrorResponse(400, "ValidationException", "Input is too long for requested model.", `req-${upstream.calls}`);
    }
    const headers = new Headers(request.headers);
    if (upstream.fault) headers.set(FAULT_HEADER, upstream.fault);
    return emulator(new Request(request.url, { method: request.method, headers, body }));
  });
  upstream.url = upstream.server.url;
  return upstream;
}

export async function startUpstreams(...names: string[]): Promise<Upstream[]> {
  return Promise.all(names.map(startUpstream));
}

/** A `model_list` entry for `upstream`. */
export function entry(model_name: string, upstream: Upstream, extra: Record<string, unknown> = {}, info?: Record<string, unknown>): ProxyModelEntry {
  return {
    model_name,
    litellm_params: {
      model: CHAT_MODEL,
      aws_access_key_id: "os.environ/KEY_ID",
      aws_secret_access_key: "os.environ/SECRET",
      aws_region_name: "us-east-1",
      aws_bedrock_runtime_endpoint: upstream.url,
      ...extra,
    },
    model_info: { id: upstream.name, ...info },
  };
}

/** The JSON body of a chat request. */
export function chatBody(model: string, content = "hello router", extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ model, messages: [{ role: "user", content }], ...extra });
}

/** A chat request to the proxy at `base` (a handler called directly ignores the origin). */
export function chat(model: string, content = "hello router", extra: Record<string, unknown> = {}, base = "http://proxy.test"): Request {
  return new Request(`${base}/v1/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: chatBody(model, content, extra) });
}

/** SSE events of a streamed answer, read to the end. */
export async function events(response: Response): Promise<string[]> {
  const text = await response.text();
  return text.split("\n\n").filter((e) => e !== "").map((e) => e.replace(/^data: /, ""));
}

/** A settable clock. */
export function clock(start = Date.UTC(2026, 0, 1, 12, 0, 0)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}
