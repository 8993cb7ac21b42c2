import { describe, expect, it } from "vitest";
import { stripInvalidXmlChars, xmlAttr, xmlText } from "./xml.ts";

describe("xmlText", () => {
  it("escapes markup so a typed title cannot open an element", () => {
    expect(xmlText(`<script>alert("x")</script> & more`)).toBe(`&lt;script&gt;alert("x")&lt;/script&gt; &amp; more`);
  });

  it("escapes an ampersand once, even when it already looks like an entity", () => {
    expect(xmlText("&amp; &lt;")).toBe("&amp;amp; &amp;lt;");
  });

  it("keeps non-ASCII text, emoji and line breaks as typed", () => {
    expect(xmlText("Zürich – 🚀\nline two")).toBe("Zürich – 🚀\nline two");
  });
});

describe("xmlAttr", () => {
  it("also escapes both quotes and keeps whitespace from being normalised", () => {
    expect(xmlAttr(`a "b" 'c' <d>\te\nf`)).toBe("a &quot;b&quot; &apos;c&apos; &lt;d&gt;&#9;e&#10;f");
  });
});

describe("stripInvalidXmlChars", () => {
  it("drops what XML 1.0 cannot carry: NUL, escape, form feed, lone surrogates, U+FFFE", () => {
    expect(stripInvalidXmlChars("a\u0000b\u001bc\u000cd\uD800e\uFFFEf")).toBe("abcdef");
  });

  it("keeps tab, newline, carriage return and astral characters", () => {
    expect(stripInvalidXmlChars("\t\n\r𝄞")).toBe("\t\n\r𝄞");
  });
});
