/**
 * Fetches the remote images and documents of a chat request (http(s) `image_url` and `file` URLs) and replaces
 * them with `data:` URLs, so that the mappers below stay pure. Each download is capped in size and follows the
 * call's abort signal; what fails is a typed error naming the message and part, before the Bedrock request.
 */
import { APIConnectionError, ConfigurationError } from "../errors";
import { encodeBase64 } from "../families/embeddings/base64";
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from "./types";

export interface MediaOptions {
  fetch: typeof globalThis.fetch;
  /** Largest download accepted, in bytes. @defaultValue 20 MiB */
  maxBytes?: number | undefined;
  signal?: AbortSignal | undefined;
}

export const DEFAULT_MAX_MEDIA_BYTES = 20 * 1024 * 1024;

const isRemote = (url: unknown): url is string => typeof url === "string" && /^https?:\/\//i.test(url);

function remoteUrlOf(part: ChatCompletionContentPart): string | undefined {
  if (part.type === "image_url") return isRemote(part.image_url?.url) ? part.image_url.url : undefined;
  if (part.type === "file") return isRemote(part.file?.file_data) ? part.file.file_data : undefined;
  return undefined;
}

/** True when any message has a remote image or file, so the common case skips the copy below. */
export function hasRemoteMedia(messages: readonly ChatCompletionMessageParam[]): boolean {
  for (const m of messages) {
    if (m.role !== "user" || typeof m.content === "string" || !Array.isArray(m.content)) continue;
    for (const part of m.content) if (remoteUrlOf(part) !== undefined) return true;
  }
  return false;
}

// A 1x1 PNG and a PDF header: stand-ins for remote media so that the request is validated before any download.
const PLACEHOLDER_IMAGE =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PLACEHOLDER_FILE = "data:application/pdf;base64,JVBERi0xLjQK";

/** `messages` with each remote image or file replaced by a small valid stand-in, for validation only. */
export function withPlaceholderMedia(messages: readonly ChatCompletionMessageParam[]): ChatCompletionMessageParam[] {
  return messages.map((message) => {
    if (message.role !== "user" || typeof message.content === "string" || !Array.isArray(message.content)) return message;
    const content = message.content.map((part): ChatCompletionContentPart => {
      if (remoteUrlOf(part) === undefined) return part;
      if (part.type === "image_url") return { ...part, image_url: { ...part.image_url, url: PLACEHOLDER_IMAGE } };
      if (part.type === "file") return { ...part, file: { ...part.file, file_data: PLACEHOLDER_FILE } };
      return part;
    });
    return { ...message, content };
  });
}

/** Returns `messages` with every remote image and file replaced by a `data:` URL (downloads run concurrently). */
export async function resolveRemoteMedia(
  messages: readonly ChatCompletionMessageParam[],
  options: MediaOptions,
): Promise<ChatCompletionMessageParam[]> {
  const jobs: Promise<void>[] = [];
  const out = messages.map((message, m) => {
    if (message.role !== "user" || typeof message.content === "string" || !Array.isArray(message.content)) return message;
    const content = message.content.map((part, p) => {
      const url = remoteUrlOf(part);
      if (url === undefined) return part;
      const copy = structuredClone(part);
      const field = `messages[${m}].content[${p}]`;
      jobs.push(
        download(url, field, options).then((dataUrl) => {
          if (copy.type === "image_url") copy.image_url.url = dataUrl;
          else if (copy.type === "file") copy.file.file_data = dataUrl;
        }),
      );
      return copy;
    });
    return { ...message, content };
  });
  await Promise.all(jobs);
  return out;
}

async function download(url: string, field: string, options: MediaOptions): Promise<string> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MEDIA_BYTES;
  // The URL may carry a signed query (a presigned S3 link): name only its origin and path in messages.
  const shown = url.replace(/[?#].*$/, "");
  let response: Response;
  try {
    response = await options.fetch(url, options.signal ? { signal: options.signal } : {});
  } catch (cause) {
    if (options.signal?.aborted) throw cause;
    throw new APIConnectionError(`Could not download ${field} from ${shown}.`, { cause });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ConfigurationError(field, `Downloading ${shown} for ${field} answered HTTP ${response.status}; pass the image as a data: URL instead.`);
  }
  const declared = Number(response.headers.get("content-length") ?? NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw new ConfigurationError(field, `${shown} is ${declared} bytes, over the ${maxBytes}-byte limit for ${field}.`);
  }
  const bytes = await readCapped(response, maxBytes, field, shown);
  const type = (response.headers.get("content-type") ?? "application/octet-stream").split(";")[0]!.trim();
  return `data:${type};base64,${encodeBase64(bytes)}`;
}

async function readCapped(response: Response, maxBytes: number, field: string, shown: string): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer());
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ConfigurationError(field, `${shown} is over the ${maxBytes}-byte limit for ${field}.`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const c of chunks) {
    bytes.set(c, offset);
    offset += c.byteLength;
  }
  return bytes;
}
