/**
 * Image bytes checked against the four formats Bedrock accepts (PNG, JPEG, GIF, WebP), by their magic bytes, never
 * by what the URL claims (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_ImageBlock.html). Pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import { isRecord } from "../internal/is-record";
import { type DataUrl, parseDataUrl } from "./data-url";

/** The image formats Bedrock accepts. */
export type ImageFormat = "png" | "jpeg" | "gif" | "webp";

/**
 * The image format from the file's magic bytes (PNG signature, JPEG SOI marker, `GIF8`, RIFF…WEBP), or undefined
 * when the bytes are none of the four formats Bedrock accepts.
 */
export function detectImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  const b = (i: number): number => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a) return "png";
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return "jpeg";
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38) return "gif";
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) {
    return "webp";
  }
  return undefined;
}

/** A validated image: format from its bytes, never just from what the URL claims. */
export interface ParsedImage extends DataUrl {
  format: ImageFormat;
  /** `image/<format>`, from the bytes. */
  mediaType: `image/${ImageFormat}`;
}

/**
 * Parses an `image_url` data URL and checks the bytes really are a PNG, JPEG, GIF or WebP image: a mislabelled or
 * non-image payload would otherwise reach the model as a confusing ValidationException.
 */
export function parseImage(url: string | DataUrl, field: string): ParsedImage {
  const data = isRecord(url) ? (url as DataUrl) : parseDataUrl(url as string, field);
  const format = detectImageFormat(data.bytes);
  if (format === undefined) {
    const claimed = data.mediaType ? ` (declared as \`${data.mediaType}\`)` : "";
    throw new ConfigurationError(
      field,
      `\`${field}\` is not a PNG, JPEG, GIF or WebP image${claimed}. Send the image's own bytes as \`data:image/<png|jpeg|gif|webp>;base64,...\`; send PDFs and other documents as a \`file\` part.`,
    );
  }
  return { ...data, format, mediaType: `image/${format}` };
}
