/**
 * Parses the raw HTTP requests of the AWS SigV4 suites (`request.txt`, `.req`) and renders signed ones back, so
 * the suites' signed requests can be compared byte for byte. Handles paths with spaces, folded (multi-line)
 * header values and repeated headers, which a WHATWG `Headers` object would merge.
 */

export interface RawHeader {
  name: string;
  /** Value as written after the colon (untrimmed), continuation lines joined with "\n". */
  value: string;
  /** The header's original lines, to render it back unchanged. */
  lines: string[];
}

export interface RawRequest {
  method: string;
  path: string;
  /** Raw query without `?`, or undefined when the target has none. */
  query: string | undefined;
  headers: RawHeader[];
  /** Body, or undefined when the request has no blank line after the headers. */
  body: string | undefined;
}

export function parseRawRequest(text: string): RawRequest {
  const lines = text.split("\n");
  const requestLine = lines[0]!;
  const firstSpace = requestLine.indexOf(" ");
  const lastSpace = requestLine.lastIndexOf(" ");
  const method = requestLine.slice(0, firstSpace);
  // The target may itself contain spaces ("/example space/"): it runs up to the " HTTP/1.1" at the end.
  const target = requestLine.slice(firstSpace + 1, lastSpace);
  const q = target.indexOf("?");
  const headers: RawHeader[] = [];
  let i = 1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === "") break;
    if ((line[0] === " " || line[0] === "\t") && headers.length > 0) {
      const h = headers[headers.length - 1]!;
      h.value += "\n" + line;
      h.lines.push(line);
      continue;
    }
    const colon = line.indexOf(":");
    headers.push({ name: line.slice(0, colon), value: line.slice(colon + 1), lines: [line] });
  }
  const body = i < lines.length ? lines.slice(i + 1).join("\n") : undefined;
  return {
    method,
    path: q < 0 ? target : target.slice(0, q),
    query: q < 0 ? undefined : target.slice(q + 1),
    headers,
    body,
  };
}

export interface RenderOptions {
  /** Headers the signer set: replace a header of the same name in place, else append. */
  set: ReadonlyArray<readonly [string, string]>;
  /** Encoded query parameters to append. */
  appendQuery?: ReadonlyArray<readonly [string, string]>;
  /** Separator between name and value of a header the signer set (botocore writes `Authorization: `). */
  separator?: (name: string) => string;
  /** Always write the blank line after the headers (aws-c-auth does; botocore only before a body). */
  alwaysBlankLine: boolean;
}

export function renderSigned(req: RawRequest, options: RenderOptions): string {
  let target = req.path;
  const appended = (options.appendQuery ?? []).map(([k, v]) => k + "=" + v).join("&");
  if (req.query !== undefined) target += "?" + req.query + (appended ? "&" + appended : "");
  else if (appended) target += "?" + appended;
  const out = [`${req.method} ${target} HTTP/1.1`];
  const pending = [...options.set];
  const sep = options.separator ?? (() => ":");
  for (const h of req.headers) {
    const k = pending.findIndex(([n]) => n.toLowerCase() === h.name.toLowerCase());
    if (k >= 0) {
      out.push(h.name + sep(h.name) + pending[k]![1]);
      pending.splice(k, 1);
    } else out.push(...h.lines);
  }
  for (const [name, value] of pending) out.push(name + sep(name) + value);
  let text = out.join("\n");
  // A file that merely ends with a newline has an empty body: botocore's signed requests then end at the last header.
  if (req.body !== undefined && req.body !== "") text += "\n\n" + req.body;
  else if (options.alwaysBlankLine) text += "\n\n";
  return text;
}
