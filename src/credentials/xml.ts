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

function decodeText(raw: string): string | undefined {
  if (!raw.includes("&")) return raw;
  let bad = false;
  const out = raw.replace(/&([^;&\s]{1,10});/g, (_m, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) {
        bad = true;
        return "";
      }
      return String.fromCodePoint(code);
    }
    const v = ENTITIES[ref];
    if (v === undefined) bad = true;
    return v ?? "";
  });
  return bad || out.includes("&") ? undefined : out;
}

const NAME = /^[A-Za-z_][\w.:-]*/;

/** Parses a document with one root element; `undefined` if it is not well-formed in the subset above. */
export function parseXml(source: string): XmlElement | undefined {
  let i = 0;
  const s = source.replace(/^\uFEFF/, "");
  const skipSpace = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const skipMisc = (): boolean => {
    for (;;) {
      skipSpace();
      if (s.startsWith("<?xml", i)) {
        const end = s.indexOf("?>", i);
        if (end < 0) return false;
        i = end + 2;
      } else if (s.startsWith("<!--", i)) {
        const end = s.indexOf("-->", i + 4);
        if (end < 0) return false;
        i = end + 3;
      } else return true;
    }
  };
  if (!skipMisc() || s[i] !== "<") return undefined;

  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < s.length) {
    if (s[i] === "<") {
      if (s.startsWith("<!--", i)) {
        const end = s.indexOf("-->", i + 4);
        if (end < 0) return undefined;
        i = end + 3;
        continue;
      }
      if (s[i + 1] === "!" || s[i + 1] === "?") return undefined;
      const close = s.indexOf(">", i);
      if (close < 0) return undefined;
      const tag = s.slice(i + 1, close);
      i = close + 1;
      if (tag[0] === "/") {
        const name = localName(tag.slice(1).trim());
        const open = stack.pop();
        if (!open || open.name !== name) return undefined;
        if (stack.length === 0) {
          root = open;
          break;
        }
        continue;
      }
      const selfClosing = tag.endsWith("/");
      const m = NAME.exec(tag);
      if (!m) return undefined;
      const el: XmlElement = { name: localName(m[0]), children: [], text: "" };
      const parent = stack[stack.length - 1];
      if (parent) parent.children.push(el);
      if (selfClosing) {
        if (!parent) {
          root = el;
          break;
        }
      } else stack.push(el);
    } else {
      const next = s.indexOf("<", i);
      const raw = s.slice(i, next < 0 ? s.length : next);
      i = next < 0 ? s.length : next;
      const top = stack[stack.length - 1];
      if (!top) return undefined;
      const text = decodeText(raw);
      if (text === undefined) return undefined;
      top.text += text;
    }
  }
  if (!root || stack.length > 0) return undefined;
  if (!skipMisc() || i < s.length) return undefined;
  return root;
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
