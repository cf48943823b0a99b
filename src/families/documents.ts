/**
 * Documents (`file` content parts): the decoded data URL of a part and its Converse document format
 * (https://docs.aws.amazon.com/bedrock/latest/APIReference/API_runtime_DocumentBlock.html). Pure.
 *
 * @module
 */
import { ConfigurationError } from "../errors";
import type { ChatCompletionContentPart } from "../api/chat-types";
import { type DataUrl, parseDataUrl } from "./data-url";

/** Converse document formats (service model `DocumentFormat`). */
export type DocumentFormat = "pdf" | "csv" | "doc" | "docx" | "xls" | "xlsx" | "html" | "txt" | "md";

const DOCUMENT_TYPES: Record<string, DocumentFormat> = {
  "application/pdf": "pdf",
  "text/csv": "csv",
  "application/msword": "doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.ms-excel": "xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "text/html": "html",
  "text/plain": "txt",
  "text/markdown": "md",
};

/** The Converse document format for a media type (or a file name's extension), or undefined. */
export function documentFormat(mediaType: string, filename?: string): DocumentFormat | undefined {
  const byType = DOCUMENT_TYPES[mediaType.toLowerCase()];
  if (byType) return byType;
  const ext = filename?.split(".").pop()?.toLowerCase();
  return ext && (Object.values(DOCUMENT_TYPES) as string[]).includes(ext) ? (ext as DocumentFormat) : undefined;
}

/** A `file` part's data URL, decoded, and its declared media type (`file.format`, else the URL's). */
export function fileData(part: Extract<ChatCompletionContentPart, { type: "file" }>, field: string): { data: DataUrl; declared: string; field: string } {
  const fileField = `${field}.file.file_data`;
  if (typeof part.file?.file_data !== "string") {
    throw new ConfigurationError(fileField, `\`${fileField}\` is required: pass the document as a \`data:<media type>;base64,...\` URL (file ids are not supported on Bedrock).`);
  }
  const data = parseDataUrl(part.file.file_data, fileField);
  return { data, declared: part.file.format ?? data.mediaType, field: fileField };
}
