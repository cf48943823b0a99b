/**
 * `data:` URLs (RFC 2397, https://www.rfc-editor.org/rfc/rfc2397), the form every image and document reaches a
 * mapper in (the OpenAI layer fetches remote URLs first). Pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import { base64ToBytes } from "../internal/base64";

/** A decoded `data:` URL. */
export interface DataUrl {
  /** The declared media type, lower-cased, e.g. `image/png` (empty when the URL declares none). */
  mediaType: string;
  /** The payload in standard base64. */
  base64: string;
  bytes: Uint8Array;
}

/**
 * Parses `data:<media type>[;params];base64,<data>` (RFC 2397). Only base64 payloads are accepted: every Bedrock
 * binary field is base64.
 */
export function parseDataUrl(url: string, field: string): DataUrl {
  const match = typeof url === "string" ? /^data:([^,]*?),(.*)$/s.exec(url) : null;
  if (!match) {
    throw new ConfigurationError(
      field,
      typeof url === "string" && /^https?:/i.test(url)
        ? `\`${field}\` is a remote URL, downloaded only by a call that has the remote-media downloader: pass \`{ remoteMedia }\` (from "bedrock-fetch") to \`chatCompletion\`, or send a data: URL.`
        : `\`${field}\` must be a data URL such as \`data:image/png;base64,...\`.`,
    );
  }
  const meta = match[1]!.split(";").map((s) => s.trim());
  if (!meta.slice(1).some((p) => p.toLowerCase() === "base64")) {
    throw new ConfigurationError(field, `\`${field}\` must be base64-encoded (\`data:<type>;base64,...\`).`);
  }
  const base64 = match[2]!.replace(/\s+/g, "");
  let bytes: Uint8Array;
  try {
    bytes = base64ToBytes(base64);
  } catch {
    throw new ConfigurationError(field, `\`${field}\` does not hold valid base64 data.`);
  }
  return { mediaType: meta[0]!.toLowerCase(), base64, bytes };
}
