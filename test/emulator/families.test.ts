/**
 * Native wire formats: for every family with recordings, the emulator answers the recorded request with a body
 * (and, for streams, events) of the same key structure as the real one.
 */
import { describe, expect, it } from "vitest";
import { createEmulator } from "../../src/emulator/index";
import { exchanges, hasShared, loadExchange, streamBytes, type Exchange } from "../helpers/shared";
import { decodeFrames, keyPaths, modelPath, signedPost } from "./helpers";

// One representative recording per family and operation (chosen for being a plain, complete answer).
const INVOKE: Record<string, string> = {
  "anthropic": "anthropic/invoke/dd-trace-js--bedrock-runtime_model--20240620-v1_0_invoke_post_ed137a82-cf754a83__0.json",
  "anthropic (tool_use)": "anthropic/invoke/openinference-js--should-handle-tool-calling-with-function-definitions__0.json",
  "anthropic (claude v2 text)": "anthropic/invoke/dd-trace-js--bedrock-runtime_model_anthropic.claude-v2_1_invoke_post_a4c60df3__0.json",
  "amazon-titan-text": "amazon-titan-text/invoke/dd-trace-js--bedrock-runtime_model--text-lite-v1_invoke_post_fd2fbadd-f08eb08f__0.json",
  "amazon-nova": "amazon-nova/invoke/dd-trace-js--bedrock-runtime_model_amazon.nova-pro-v1_0_invoke_post_2a1250cf__0.json",
  "amazon-nova (toolUse)": "amazon-nova/invoke/openinference-js--should-handle-amazon-nova-models__0.json",
  "ai21-j2": "ai21-j2/invoke/dd-trace-py--ai21_invoke__0.json",
  "ai21-jamba": "ai21-jamba/invoke/dd-trace-js--bedrock-runtime_model_ai21.jamba-1-5-mini-v1_0_invoke_post_94074469__0.json",
  "cohere-command": "cohere-command/invoke/dd-trace-py--cohere_invoke_multi_output__0.json",
  "cohere-command-r": "cohere-command-r/invoke/otel-py-contrib--test_invoke_model_with_content-cohere.command-r__0.json",
  "meta-llama": "meta-llama/invoke/dd-trace-py--meta_invoke__0.json",
  "mistral": "mistral/invoke/dd-trace-js--bedrock-runtime_model--instruct-v0_2_invoke_post_2aafa21c-f6de1646__0.json",
  "amazon-titan-embed v1": "amazon-titan-embed/invoke/dd-trace-py--amazon_embedding__0.json",
  "amazon-titan-embed v2": "amazon-titan-embed/invoke/pydantic-ai--testbedrock.test_titan_v2_with_dimensions__0.json",
  "cohere-embed v3": "cohere-embed/invoke/dd-trace-py--cohere_embedding__0.json",
  "cohere-embed v4": "cohere-embed/invoke/pydantic-ai--testbedrock.test_cohere_v4_minimal__0.json",
};

const STREAM: Record<string, string> = {
  "anthropic": "anthropic/invoke-with-response-stream/dd-trace-js--bedrock-runtime_model--with-response-stream_post_62cabaec-74f1871a__0.json",
  "anthropic (claude v2 text)": "anthropic/invoke-with-response-stream/dd-trace-js--bedrock-runtime_model--with-response-stream_post_a5f92858-50733436__0.json",
  "amazon-titan-text": "amazon-titan-text/invoke-with-response-stream/dd-trace-js--bedrock-runtime_model--with-response-stream_post_bdb7075b-21f2f9c6__0.json",
  "amazon-nova": "amazon-nova/invoke-with-response-stream/dd-trace-js--bedrock-runtime_model--with-response-stream_post_da7ae361-a60aa104__0.json",
  "ai21-jamba": "ai21-jamba/invoke-with-response-stream/dd-trace-js--bedrock-runtime_model_ai21--with-response-stream_post_5f96d68e-d8cf223a__0.json",
  "cohere-command-r": "cohere-command-r/invoke-with-response-stream/dd-trace-js--bedrock-runtime_model--with-response-stream_post_e8a880e7-6509ee84__0.json",
  "meta-llama": "meta-llama/invoke-with-response-stream/dd-trace-js--bedrock-runtime_model_meta--with-response-stream_post_8b66d936-3e1d3df7__0.json",
  "mistral": "mistral/invoke-with-response-stream/dd-trace-js--bedrock-runtime_model--with-response-stream_post_9d0cffc3-c08f5135__0.json",
};

const emulator = createEmulator();

async function send(e: Exchange, operation = e.operation): Promise<Response> {
  return emulator(await signedPost(modelPath(e.modelId!, operation), e.request.body));
}

// Key paths of a stream: the set over its events, keyed by the event's discriminator.
function eventShapes(events: Record<string, unknown>[]): string[] {
  return [...new Set(events.flatMap((ev) => keyPaths(ev)))].sort();
}

describe.skipIf(!hasShared)("family wire formats match the recordings", () => {
  for (const [name, file] of Object.entries(INVOKE)) {
    it(`invoke: ${name}`, async () => {
      const e = loadExchange(file);
      const res = await send(e);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(res.headers.get("x-amzn-RequestId")).toBeTruthy();
      expect(res.headers.get("X-Amzn-Bedrock-Input-Token-Count")).toMatch(/^\d+$/);
      const body = await res.json();
      expect(keyPaths(body)).toEqual(keyPaths(e.response.body));
    });
  }

  for (const [name, file] of Object.entries(STREAM)) {
    it(`invoke-with-response-stream: ${name}`, async () => {
      const e = loadExchange(file);
      const res = await send(e);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/vnd.amazon.eventstream");
      expect(res.headers.get("x-amzn-bedrock-content-type")).toBe("application/json");
      const ours = decodeFrames(new Uint8Array(await res.arrayBuffer()));
      const theirs = decodeFrames(streamBytes(e));
      for (const f of ours) {
        expect(f.headers).toEqual({ ":event-type": "chunk", ":content-type": "application/json", ":message-type": "event" });
      }
      expect(eventShapes(ours.map((f) => f.json))).toEqual(eventShapes(theirs.map((f) => f.json)));
      // Invocation metrics ride on the last event only.
      const last = ours.at(-1)!.json["amazon-bedrock-invocationMetrics"];
      const recordedLast = theirs.at(-1)!.json["amazon-bedrock-invocationMetrics"];
      expect(Object.keys(last as object).sort()).toEqual(Object.keys(recordedLast as object).sort());
      expect(ours.slice(0, -1).every((f) => !("amazon-bedrock-invocationMetrics" in f.json))).toBe(true);
    });
  }

  it("every recorded successful invoke request is answered 200 in some native shape", async () => {
    const all = exchanges((x) => x.operation === "invoke" && x.status === 200 && x.family !== "cohere-rerank");
    expect(all.length).toBeGreaterThan(80);
    for (const e of all) {
      const res = await send(e);
      expect(res.status, e.file).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      const recordedTop = Object.keys(e.response.body as object).filter((k) => !k.startsWith("_"));
      // Every top-level key we answer is one the real family also answers (extra optional fields aside).
      expect(recordedTop.filter((k) => k in body).length, e.file).toBeGreaterThan(0);
    }
  });
});
