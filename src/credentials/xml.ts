/**
 * A deliberately small XML reader for the AWS Query protocol answers this module consumes (STS): elements, text,
 * the five predefined entities and numeric character references, a leading declaration, comments and attributes
 * (read and ignored: STS only sends `xmlns`). No DTDs, CDATA or processing instructions beyond the declaration —
 * STS sends none, and refusing them keeps the reader simple and safe. Returns `undefined` for anything malformed.
 * XML 1.0: https://www.w3.org/TR/xml/ (sections 2.4 character data, 4.1 character references, 4.6 predefined entities).
 * @internal
 */

/** An element: its local name (any `prefix:` dropped), child elements and concatenated text. */
export interface XmlElement {
  name: string;
  children: XmlElement[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

// A bare `&` (no reference after it) is refused, as is any reference but the five entities and a valid code point.
function decodeText(raw: string): string | undefined {
  let bad = false;
  const out = raw.replace(/&(?:([^;&\s]{1,10});)?/g, (_m, ref: string | undefined) => {
    let value: string | undefined;
    if (ref?.[0] === "#") {
      const code = /^#x/i.test(ref) ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (code >= 0 && code <= 0x10ffff) value = String.fromCodePoint(code);
    } else if (ref !== undefined && Object.hasOwn(ENTITIES, ref)) value = ENTITIES[ref];
    if (value === undefined) bad = true;
    return value ?? "";
  });
  return bad ? undefined : out;
}

// One token of the body, at a given position: a comment, a tag (its inside captured) or text.
const TOKEN = /<!--[^]*?-->|<([^>]*)>|([^<]+)/y;
// Whitespace, declarations and comments, allowed around the root element.
const MISC = /(?:\s|<\?xml[^]*?\?>|<!--[^]*?-->)*/y;

/** Parses a document with one root element; `undefined` if it is not well-formed in the subset above. */
export function parseXml(source: string): XmlElement | undefined {
  const s = source.replace(/^\uFEFF/, "");
  const skipMisc = (from: number): number => {
    MISC.lastIndex = from;
    MISC.exec(s);
    return MISC.lastIndex;
  };
  let i = skipMisc(0);
  if (s[i] !== "<") return undefined;
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (!root && i < s.length) {
    TOKEN.lastIndex = i;
    const m = TOKEN.exec(s);
    if (!m) return undefined;
    i = TOKEN.lastIndex;
    const [, tag, raw] = m;
    const top = stack[stack.length - 1];
    if (raw !== undefined) {
      // Text belongs to the open element; outside the root (or malformed) it makes the document invalid.
      const text = top && decodeText(raw);
      if (text === undefined) return undefined;
      top!.text += text;
    } else if (tag?.[0] === "/") {
      if (stack.pop()?.name !== localName(tag.slice(1).trim())) return undefined;
      if (stack.length === 0) root = top;
    } else if (tag !== undefined) {
      // `<!...>` and `<?...>` fail here: no name starts with `!` or `?`.
      const name = /^[A-Za-z_][\w.:-]*/.exec(tag)?.[0];
      if (name === undefined) return undefined;
      const el: XmlElement = { name: localName(name), children: [], text: "" };
      top?.children.push(el);
      if (!tag.endsWith("/")) stack.push(el);
      else if (!top) root = el;
    }
  }
  return root && skipMisc(i) === s.length ? root : undefined;
}

function localName(qualified: string): string {
  const colon = qualified.indexOf(":");
  return colon < 0 ? qualified : qualified.slice(colon + 1);
}

/** The first descendant reached by following child `names` in order. */
export function xmlChild(el: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  let cur = el;
  for (const n of names) {
    cur = cur?.children.find((c) => c.name === n);
    if (!cur) return undefined;
  }
  return cur;
}

/** Trimmed text of the element at `names` below `el`, or `undefined`. */
export function xmlText(el: XmlElement | undefined, ...names: string[]): string | undefined {
  const t = xmlChild(el, ...names)?.text.trim();
  return t === undefined || t === "" ? undefined : t;
}

/** Escapes text for an XML element body. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&${({ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" } as Record<string, string>)[c]};`);
}
