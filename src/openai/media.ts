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
  const url = part.type === "image_url" ? part.image_url?.url : part.type === "file" ? part.file?.file_data : undefined;
  return isRemote(url) ? url : undefined;
}

/** `part` (an image or file part) with its URL replaced. */
function withUrl(part: ChatCompletionContentPart, url: string): ChatCompletionContentPart {
  return part.type === "image_url" ? { ...part, image_url: { ...part.image_url, url } } : { ...part, file: { ...(part as { file: object }).file, file_data: url } } as ChatCompletionContentPart;
}

/** `messages` with each remote image or file part of a user message passed through `replace`. */
function mapRemote(
  messages: readonly ChatCompletionMessageParam[],
  replace: (part: ChatCompletionContentPart, url: string, field: string) => ChatCompletionContentPart,
): ChatCompletionMessageParam[] {
  return messages.map((message, m) => {
    if (message.role !== "user" || !Array.isArray(message.content)) return message;
    const content = message.content.map((part, p) => {
      const url = remoteUrlOf(part);
      return url === undefined ? part : replace(part, url, `messages[${m}].content[${p}]`);
    });
    return { ...message, content };
  });
}

// A 1x1 PNG and a PDF header: stand-ins for remote media so that the request is validated before any download.
const PLACEHOLDER_IMAGE =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
const PLACEHOLDER_FILE = "data:application/pdf;base64,JVBERi0xLjQK";

/** The remote images and files of a request: stand-in messages to validate with, and the downloads to run after. */
export interface RemoteMedia {
  /** `messages` with each remote image or file replaced by a small valid stand-in, for validation only. */
  placeholders: ChatCompletionMessageParam[];
  /** Downloads every remote image and file (concurrently) and returns `messages` with `data:` URLs in their place. */
  resolve(options: MediaOptions): Promise<ChatCompletionMessageParam[]>;
}

/** The remote media of `messages`, or `undefined` when there is none (the common case). */
export function remoteMedia(messages: readonly ChatCompletionMessageParam[]): RemoteMedia | undefined {
  const found: Array<[string, string]> = [];
  const placeholders = mapRemote(messages, (part, url, field) => {
    found.push([url, field]);
    return withUrl(part, part.type === "image_url" ? PLACEHOLDER_IMAGE : PLACEHOLDER_FILE);
  });
  return found.length === 0 ? undefined : {
    placeholders,
    async resolve(options) {
      const data = await Promise.all(found.map(([url, field]) => download(url, field, options)));
      let i = 0;
      return mapRemote(messages, (part) => withUrl(part, data[i++]!));
    },
  };
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
  return new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
}
