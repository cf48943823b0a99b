// The small XML reader behind the STS client: what it accepts and what it refuses (anything outside its subset).
import { describe, expect, it } from "vitest";
import { parseXml, xmlText } from "../../src/credentials/xml";

describe("parseXml", () => {
  it("reads elements, text, entities and character references, dropping prefixes and attributes", () => {
    const doc = parseXml(
      '\uFEFF<?xml version="1.0"?>\n<!-- c --><s:Root xmlns:s="x"><A k="v">a &amp; b &lt;&#65;&#x42;&#X43;</A><B/><!-- inside --><C>\n</C></s:Root>\n<!-- end -->\n',
    );
    expect(doc?.name).toBe("Root");
    expect(doc?.children.map((c) => c.name)).toEqual(["A", "B", "C"]);
    expect(xmlText(doc, "A")).toBe("a & b <ABC");
    expect(xmlText(doc, "C")).toBeUndefined();
    expect(parseXml("<r/>")).toEqual({ name: "r", children: [], text: "" });
    // An escaped ampersand stays: an STS message such as "a &amp; b" is readable.
    expect(xmlText(parseXml("<r>Tom &amp; Jerry &#38; co</r>"))).toBe("Tom & Jerry & co");
  });

  it.each([
    ["empty", ""],
    ["text only", "hello"],
    ["a DTD", "<!DOCTYPE r><r/>"],
    ["CDATA", "<r><![CDATA[x]]></r>"],
    ["a processing instruction in the body", "<r><?pi?></r>"],
    ["mismatched tags", "<r><a></b></r>"],
    ["an unclosed root", "<r><a></a>"],
    ["two roots", "<r/><s/>"],
    ["text after the root", "<r/>x"],
    ["an unknown entity", "<r>&nbsp;</r>"],
    ["an inherited property name as an entity", "<r>&toString;</r>"],
    ["a bare ampersand", "<r>a & b</r>"],
    ["an out-of-range character reference", "<r>&#1114112;</r>"],
    ["an unterminated comment", "<r><!-- x </r>"],
    ["an unterminated tag", "<r><a</r>"],
    ["a tag without a name", "<r>< a></a></r>"],
  ])("refuses %s", (_what, text) => {
    expect(parseXml(text)).toBeUndefined();
  });
});
