/**
 * Helpers for the emulator suites: an independent SigV4 signer (aws4fetch), event-stream decoding with the
 * library's decoder, and key-structure comparison of JSON documents.
 */
import { AwsClient } from "aws4fetch";
import { createEventStreamDecoder, type EventStreamMessage } from "../../src/event-stream/index";

export const TEST_KEY = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
export const BASE = "https://bedrock-runtime.us-east-1.amazonaws.com";

export const aws = new AwsClient({ ...TEST_KEY, service: "bedrock", region: "us-east-1" });

/** A signed POST of `body` (JSON) to `path` on `base`. */
export async function signedPost(path: string, body: unknown, base = BASE, headers: Record<string, string> = {}): Promise<Request> {
  return aws.sign(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: body === null ? "" : JSON.stringify(body),
  });
}

/** Model path for an operation, percent-encoding the id as the SDKs do. */
export function modelPath(modelId: string, operation: string): string {
  return `/model/${encodeURIComponent(modelId)}/${operation}`;
}

export interface Frame {
  headers: Record<string, string>;
  json: Record<string, unknown>;
}

/** Decodes an event-stream body; chunk payloads are unwrapped from `{bytes}`. Throws on a truncated body. */
export function decodeFrames(bytes: Uint8Array): Frame[] {
  const frames: Frame[] = [];
  const decoder = createEventStreamDecoder({
    onMessage(message: EventStreamMessage) {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(message.headers)) headers[k] = String(v.value);
      const json = JSON.parse(new TextDecoder().decode(message.payload)) as Record<string, unknown>;
      if (typeof json.bytes === "string") {
        frames.push({ headers, json: JSON.parse(Buffer.from(json.bytes, "base64").toString("utf8")) as Record<string, unknown> });
      } else frames.push({ headers, json });
    },
  });
  decoder.feed(bytes);
  decoder.end();
  return frames;
}

/** Sorted key paths of a JSON document; arrays contribute their first element's structure. */
export function keyPaths(value: unknown, prefix = "", depth = 3): string[] {
  if (depth < 0) return [];
  if (Array.isArray(value)) return value.length > 0 ? keyPaths(value[0], `${prefix}[]`, depth) : [];
  if (typeof value !== "object" || value === null) return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const path = prefix === "" ? k : `${prefix}.${k}`;
    out.push(path, ...keyPaths(v, path, depth - 1));
  }
  return out.sort();
}
