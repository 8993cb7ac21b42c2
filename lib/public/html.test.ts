import { describe, expect, it } from "vitest";
import { escapeHtml, html, inner } from "./html.ts";

describe("markup built as strings", () => {
  it("escapes every value, in text and in attributes", () => {
    const typed = `<img src=x onerror="alert(1)">Tom's & Jerry's`;
    expect(html`<a title="${typed}">${typed}</a>`.text).toBe(
      '<a title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Tom&#39;s &amp; Jerry&#39;s">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;Tom&#39;s &amp; Jerry&#39;s</a>',
    );
  });

  it("keeps markup it built itself as markup, once, and joins lists of it", () => {
    const items = ["a<b", "c"].map((t) => html`<li>${t}</li>`);
    expect(html`<ul>${items}</ul>`.text).toBe("<ul><li>a&lt;b</li><li>c</li></ul>");
    expect(html`<p>${html`<b>${"&"}</b>`}</p>`.text).toBe("<p><b>&amp;</b></p>");
  });

  it("writes nothing for absent values and numbers as text", () => {
    expect(html`<i>${null}${undefined}${false}${0}${1.5}</i>`.text).toBe("<i>01.5</i>");
  });

  it("does not take an object that merely looks like markup for markup", () => {
    const forged = { text: "<script>alert(1)</script>" } as unknown as string;
    expect(html`<p>${forged}</p>`.text).toBe("<p>[object Object]</p>");
  });

  it("leaves text without special characters as it is", () => {
    expect(escapeHtml("99.95% uptime · 3 Nov 2026")).toBe("99.95% uptime · 3 Nov 2026");
  });

  it("hands built markup to React", () => {
    expect(inner(html`<b>${"<"}</b>`)).toEqual({ dangerouslySetInnerHTML: { __html: "<b>&lt;</b>" } });
  });
});
