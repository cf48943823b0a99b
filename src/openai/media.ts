/**
 * Fetches the remote images and documents of a chat request (http(s) `image_url` and `file` URLs) and replaces
 * them with `data:` URLs, so that the mappers below stay pure. Every URL passes the media policy (./media-policy.ts)
 * before any download, and again at every redirect hop; downloads run a few at a time, each with a timeout, under
 * the call's deadline and signal, capped per item and in total as the bytes arrive. The data URL's type comes from
 * the bytes, never from what the server claims.
 */
import { APITimeoutError, APIUserAbortError, BedrockError, ConfigurationError } from "../errors";
import { encodeBase64 } from "../families/embeddings/base64";
import { documentFormat } from "../families/documents";
import { detectImageFormat } from "../families/image-format";
import { linked, raceAbort } from "../internal/abort";
import { checkMediaUrl, resolveMediaPolicy, shownUrl } from "./media-policy";
import type { MediaPolicy, ResolvedMediaPolicy } from "./media-policy";
import type { ChatCompletionContentPart, ChatCompletionMessageParam } from "../api/chat-types";

/** How {@link RemoteMedia.resolve} downloads. */
export interface ResolveOptions {
  /** The policy's layers, later ones winning (the client's, the call's); merged and checked here. */
  policy: ReadonlyArray<MediaPolicy | undefined>;
  /** Used when the policy has no `fetch` of its own. */
  fetch: typeof globalThis.fetch;
  signal?: AbortSignal | undefined;
  /** `Date.now()`-based time in ms when the call's deadline passes: then the downloads end with `APITimeoutError`. */
  deadline?: number | undefined;
}

interface Item {
  url: string;
  /** JSON path of the URL, e.g. `messages[0].content[1].image_url.url`. */
  field: string;
  file: boolean;
  filename: string | undefined;
}

const isRemote = (url: unknown): url is string => typeof url === "string" && /^https?:\/\//i.test(url);

/** `part` (an image or file part) with its URL replaced; a file's declared `format` goes, since the bytes decide. */
function withUrl(part: ChatCompletionContentPart, url: string): ChatCompletionContentPart {
  if (part.type === "image_url") return { ...part, image_url: { ...part.image_url, url } };
  const { format: _, ...file } = (part as { file: { format?: string } }).file;
  return { ...part, file: { ...file, file_data: url } } as ChatCompletionContentPart;
}

/** `messages` with each remote image or file part of a user message passed through `replace`. */
function mapRemote(
  messages: readonly ChatCompletionMessageParam[],
  replace: (part: ChatCompletionContentPart, item: Item) => ChatCompletionContentPart,
): ChatCompletionMessageParam[] {
  return messages.map((message, m) => {
    if (message.role !== "user" || !Array.isArray(message.content)) return message;
    const content = message.content.map((part, p) => {
      const file = part.type === "file";
      const url = part.type === "image_url" ? part.image_url?.url : file ? part.file?.file_data : undefined;
      if (!isRemote(url)) return part;
      const field = `messages[${m}].content[${p}].${file ? "file.file_data" : "image_url.url"}`;
      return replace(part, { url, field, file, filename: file ? part.file.filename : undefined });
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
  /** Checks and downloads every remote image and file and returns `messages` with `data:` URLs in their place. */
  resolve(options: ResolveOptions): Promise<ChatCompletionMessageParam[]>;
}

/**
 * The downloader of remote images and files: the remote media of `messages` (http(s) `image_url` and `file` URLs of
 * user messages), or `undefined` when there is none (the common case). Pass it to `chatCompletion` as
 * `{ remoteMedia }` to have such URLs downloaded under the `media` policy; `createBedrock().completion` always has it.
 *
 * @example
 * ```ts
 * import { chatCompletion, remoteMedia } from "bedrock-fetch";
 * await chatCompletion(core, params, { remoteMedia, media: { allowHosts: ["images.corp.example"] } });
 * ```
 */
export function remoteMedia(messages: readonly ChatCompletionMessageParam[]): RemoteMedia | undefined {
  const found: Item[] = [];
  const placeholders = mapRemote(messages, (part, item) => {
    found.push(item);
    return withUrl(part, item.file ? PLACEHOLDER_FILE : PLACEHOLDER_IMAGE);
  });
  return found.length === 0 ? undefined : {
    placeholders,
    async resolve(options) {
      const data = await downloadAll(found, options);
      let i = 0;
      return mapRemote(messages, (part) => withUrl(part, data[i++]!));
    },
  };
}

const refused = (field: string, message: string) => new ConfigurationError(field, message, { code: "MediaRefused" });

/** Checks every item, then downloads them `policy.concurrency` at a time; the first failure cancels the rest. */
async function downloadAll(items: Item[], options: ResolveOptions): Promise<string[]> {
  const { deadline } = options;
  const policy = resolveMediaPolicy(...options.policy);
  if (items.length > policy.maxItems) {
    throw refused("messages", `The request has ${items.length} remote images and documents; at most ${policy.maxItems} are downloaded (\`media.maxItems\`).`);
  }
  const urls = items.map((item) => checkMediaUrl(item.url, policy, item.field));
  const call = linked([options.signal], deadline === undefined ? undefined : deadline - Date.now());
  const run: Run = { options, policy, call, total: 0 };
  const data: string[] = [];
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failure) {
      const i = next++;
      try {
        data[i] = await download(items[i]!, urls[i]!, run);
      } catch (error) {
        failure ??= { error };
        call.abort();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(policy.concurrency, items.length) }, worker));
  } finally {
    call.done();
  }
  if (failure) throw failure.error;
  return data;
}

interface Run {
  options: ResolveOptions;
  policy: ResolvedMediaPolicy;
  /** Aborts on the caller's signal, at the deadline, or when another download failed. */
  call: ReturnType<typeof linked>;
  /** Bytes received by all downloads so far. */
  total: number;
}

async function download(item: Item, first: URL, run: Run): Promise<string> {
  const { policy } = run;
  const { signal } = run.options;
  const { field } = item;
  const shown = shownUrl(first);
  const one = linked([run.call.signal], policy.timeout);
  // Every failure to get the bytes reads the same, whatever happened (refused connection, reset, DNS, HTTP status,
  // stall, wrong bytes): a caller must not learn which ports answer. What happened goes in `cause`.
  const what = item.file ? `a PDF, DOCX, XLSX, DOC, XLS${policy.allowText ? ", text" : ""} or image file` : "a PNG, JPEG, GIF or WebP image";
  const fail = (cause?: unknown): never => {
    if (signal?.aborted) throw new APIUserAbortError(undefined, { cause });
    if (run.call.timedOut()) {
      throw new APITimeoutError(`The call's deadline passed while downloading ${shown} for \`${field}\`; raise \`totalTimeout\` or send a data: URL.`, { cause });
    }
    throw new ConfigurationError(
      field,
      `\`${field}\`: ${shown} could not be downloaded as ${what}. Check the URL (private hosts need \`media.allowHosts\`), or send a data: URL.`,
      { code: "MediaUnavailable", cause },
    );
  };
  const fetch = policy.fetch ?? run.options.fetch;
  // What is open and unread: cancelled on the way out unless read to its end.
  let open: { cancel(): Promise<void> } | null | undefined;
  let done = false;
  try {
    let url = first;
    let response: Response;
    for (let hop = 0; ; hop++) {
      open?.cancel().catch(() => {});
      response = await raceAbort(fetch(url.href, { signal: one.signal, redirect: "manual" }), one.signal);
      open = response.body;
      const location = response.headers.get("location");
      // A browser's fetch hides a manual redirect's target; a fetch that followed one on its own skipped the checks.
      if (response.type === "opaqueredirect" || response.redirected) throw refused(field, `\`${field}\`: ${shown} redirects, and this fetch hides where to: pass the final URL.`);
      if (response.status < 300 || response.status > 399 || location === null) break;
      if (hop >= policy.maxRedirects) throw refused(field, `\`${field}\`: ${shown} redirects more than ${policy.maxRedirects} times (\`media.maxRedirects\`): pass the final URL.`);
      url = checkMediaUrl(location, policy, field, url);
    }
    if (!response.ok) fail(new Error(`HTTP ${response.status}`));
    const tooLarge = () => refused(field, `\`${field}\`: ${shown} is over ${policy.maxItemBytes} bytes (\`media.maxItemBytes\`).`);
    if (Number(response.headers.get("content-length")) > policy.maxItemBytes) throw tooLarge();
    const chunks: Uint8Array[] = [];
    let size = 0;
    const reader = (open = response.body?.getReader());
    while (reader) {
      const { done: end, value } = await raceAbort(reader.read(), one.signal);
      if (end) break;
      size += value.byteLength;
      run.total += value.byteLength;
      if (size > policy.maxItemBytes) throw tooLarge();
      if (run.total > policy.maxTotalBytes) throw refused("messages", `The remote media of the request are over ${policy.maxTotalBytes} bytes together (\`media.maxTotalBytes\`).`);
      chunks.push(value);
    }
    done = true;
    const bytes = new Uint8Array(await new Blob(chunks as Uint8Array<ArrayBuffer>[]).arrayBuffer());
    const type = mediaType(bytes, item, response.headers.get("content-type") ?? "", url, policy.allowText);
    return type ? `data:${type};base64,${encodeBase64(bytes)}` : fail(new Error("unrecognised bytes"));
  } catch (error) {
    // The library's own errors (refusals, the uniform failure) as they are; anything else the fetch or the body threw
    // (a refused connection, a reset, an abort) becomes the uniform failure, or the abort or deadline it was.
    if (error instanceof BedrockError) throw error;
    return fail(error);
  } finally {
    if (!done) open?.cancel().catch(() => {});
    one.done();
  }
}

const OOXML = "application/vnd.openxmlformats-officedocument.";
const MIME: Record<string, string> = {
  docx: `${OOXML}wordprocessingml.document`,
  xlsx: `${OOXML}spreadsheetml.sheet`,
  doc: "application/msword",
  xls: "application/vnd.ms-excel",
  csv: "text/csv",
  html: "text/html",
  md: "text/markdown",
  txt: "text/plain",
};

/**
 * The media type of downloaded bytes, from the bytes: an image format Bedrock takes; for file parts also a PDF, a ZIP
 * (Office Open XML: docx or xlsx) or an OLE2 compound file (doc or xls) whose kind the declared type, the file name or
 * the URL's extension names, and text (valid UTF-8: txt unless named csv, html or md) only when allowed. Else undefined.
 */
function mediaType(bytes: Uint8Array, item: Item, declared: string, url: URL, allowText: boolean): string | undefined {
  const image = detectImageFormat(bytes);
  if (image || !item.file) return image && `image/${image}`;
  const hint = documentFormat(declared.split(";")[0]!.trim(), item.filename) ?? documentFormat("", url.pathname);
  const head = String.fromCharCode(...bytes.subarray(0, 8));
  // Signatures: PDF (ISO 32000-1 §7.5.2), ZIP local file header (APPNOTE.TXT §4.3.7), compound file ([MS-CFB] §2.2).
  if (head.startsWith("%PDF-")) return "application/pdf";
  if (head.startsWith("PK\x03\x04")) return hint === "docx" || hint === "xlsx" ? MIME[hint] : undefined;
  if (head === "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") return hint === "doc" || hint === "xls" ? MIME[hint] : undefined;
  if (!allowText) return undefined;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  return MIME[hint && /^(csv|html|md)$/.test(hint) ? hint : "txt"];
}
