import fc from "fast-check";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { elementNames, findDanger, inListItem, inTableCell, XSS_CORPUS } from "../../tests/support/xss-corpus.ts";
import { markdownToPlainBlocks, markdownToText, renderMarkdown } from "./render.ts";

const REL = 'rel="nofollow noopener noreferrer"';

describe("renderMarkdown: GFM", () => {
  it("renders tables, lists, emphasis, code and links", () => {
    const html = renderMarkdown(
      "**Bold** and *it* and ~~gone~~ and `code`.\n\n| Region | Minutes |\n|---|--:|\n| eu-west1 | 42 |\n\n- one\n- two\n\n1. first\n\n```sql\nselect 1;\n```\n\n[status](https://status.example.com)",
    );
    expect(html).toContain("<strong>Bold</strong>");
    expect(html).toContain("<em>it</em>");
    expect(html).toContain("<del>gone</del>");
    expect(html).toContain("<code>code</code>");
    expect(html).toMatch(/<table>\s*<thead>\s*<tr>\s*<th>Region<\/th>\s*<th align="right">Minutes<\/th>/);
    expect(html).toContain('<td align="right">42</td>');
    expect(html).toMatch(/<ul>\s*<li>one<\/li>\s*<li>two<\/li>\s*<\/ul>/);
    expect(html).toMatch(/<ol>\s*<li>first<\/li>\s*<\/ol>/);
    expect(html).toContain('<pre><code class="language-sql">select 1;\n</code></pre>');
    expect(html).toContain(`<a href="https://status.example.com" ${REL}>status</a>`);
  });

  it("keeps http, https, mailto, relative and fragment links, and only those", () => {
    expect(renderMarkdown("[a](http://x.test)")).toContain('href="http://x.test"');
    expect(renderMarkdown("[a](mailto:sre@example.com)")).toContain('href="mailto:sre@example.com"');
    expect(renderMarkdown("[a](/incidents/42)")).toContain(`<a href="/incidents/42" ${REL}>`);
    expect(renderMarkdown("[a](#impact)")).toContain('<a href="#impact">a</a>');
    expect(renderMarkdown("[a](ftp://x.test/file)")).toBe("<p>a</p>");
    expect(renderMarkdown("[a](javascript:alert(1))")).toBe("<p>a</p>");
  });

  it("turns images into links to them, so pages and mails load nothing from elsewhere", () => {
    expect(renderMarkdown("![latency graph](https://grafana.example.com/p.png)")).toBe(
      `<p><a href="https://grafana.example.com/p.png" ${REL}>latency graph</a></p>`,
    );
    expect(renderMarkdown("[![x](https://a.test/i.png)](https://b.test)")).toBe(
      `<p><a href="https://b.test" ${REL}>x</a></p>`,
    );
  });

  it("drops raw HTML but keeps it as text inside code", () => {
    expect(renderMarkdown("a <b>bold</b> <span style='color:red'>c</span>")).toBe("<p>a bold c</p>");
    expect(renderMarkdown("`<b>`")).toBe("<p><code>&#x3C;b></code></p>");
  });

  it("gives every link a name, even when its text was only HTML", () => {
    expect(renderMarkdown("[<img src=x>](https://example.com)")).toBe(
      `<p><a href="https://example.com" ${REL}>https://example.com</a></p>`,
    );
  });

  it("moves headings down when the page already has its own", () => {
    expect(renderMarkdown("# Top\n\n#### Deep", { headingLevel: 3 })).toBe("<h3>Top</h3>\n<h6>Deep</h6>");
    expect(renderMarkdown("# Top")).toBe("<h1>Top</h1>");
    expect(markdownToPlainBlocks("# Top\n\n## Next", { headingLevel: 2 })).toEqual([
      { kind: "heading", text: "Top", level: 2 },
      { kind: "heading", text: "Next", level: 3 },
    ]);
  });

  it("keeps an ordered list's start number", () => {
    expect(renderMarkdown("3. third\n4. fourth")).toMatch(/^<ol start="3">/);
    expect(markdownToPlainBlocks("3. third")).toEqual([{ kind: "list", items: ["third"], ordered: true, start: 3 }]);
    expect(markdownToText("3. third\n4. fourth")).toBe("3. third\n4. fourth");
  });

  it("renders task lists as disabled checkboxes", () => {
    expect(renderMarkdown("- [x] rolled back\n- [ ] post-check")).toContain(
      '<input type="checkbox" checked disabled> rolled back',
    );
  });

  it("prefixes footnote ids per document so two sections on one page never share an id", () => {
    const first = renderMarkdown("a[^1]\n\n[^1]: one");
    const second = renderMarkdown("b[^1]\n\n[^1]: two");
    const ids = (html: string) => [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids(first)).toHaveLength(3);
    expect(ids(first).filter((id) => ids(second).includes(id))).toEqual([]);
    for (const id of ids(first)) expect(first).toMatch(new RegExp(`(href="#${id}"|aria-describedby="${id}")`));
  });
});

// The same corpus run through an unsafe pipeline must light the checker up,
// so an empty result for the real renderer means something.
const unsafePipeline = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(remarkRehype, { allowDangerousHtml: true })
  .use(rehypeStringify, { allowDangerousHtml: true })
  .freeze();

function unsafeRender(markdown: string): string {
  return String(unsafePipeline.processSync(markdown));
}

const ALLOWED_TAGS = new Set([
  "a",
  "blockquote",
  "br",
  "code",
  "del",
  "em",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "hr",
  "input",
  "li",
  "ol",
  "p",
  "pre",
  "section",
  "strong",
  "sup",
  "table",
  "tbody",
  "td",
  "th",
  "thead",
  "tr",
  "ul",
]);

function dangerous(render: (markdown: string) => string, markdown: string): string[] {
  return findDanger(render(markdown));
}

describe("renderMarkdown: XSS corpus", () => {
  it("has at least 60 payloads", () => {
    expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(60);
  });

  it.each(XSS_CORPUS)("$name: nothing dangerous, alone, in a table cell or in a list item", ({ markdown }) => {
    for (const variant of [markdown, inTableCell(markdown), inListItem(markdown)]) {
      const html = renderMarkdown(variant);
      expect(findDanger(html), html).toEqual([]);
      expect(
        elementNames(html).filter((tag) => !ALLOWED_TAGS.has(tag)),
        html,
      ).toEqual([]);
    }
  });

  it("the checker is not blind: without sanitizing, most payloads are caught", () => {
    const caught = XSS_CORPUS.filter(({ markdown }) => dangerous(unsafeRender, markdown).length > 0);
    expect(caught.length / XSS_CORPUS.length).toBeGreaterThan(0.65);
    // Representative kinds, each caught on its own.
    expect(dangerous(unsafeRender, "[x](javascript:alert(1))")).toEqual(['href="javascript:alert(1)" on <a>']);
    expect(dangerous(unsafeRender, "<img src=x onerror=alert(1)>")).toEqual(["onerror attribute on <img>"]);
    expect(dangerous(unsafeRender, "<iframe srcdoc='x'></iframe>")).toEqual([
      "<iframe> element",
      "srcdoc attribute on <iframe>",
    ]);
    expect(dangerous(unsafeRender, "[x](java&#x0A;script:alert(1))")).toEqual([]); // micromark percent-encodes it: harmless
    expect(findDanger('<a href="java&#x09;script:alert(1)">x</a>')).toHaveLength(1);
    expect(findDanger('<a href=" &#106;avascript:alert(1)">x</a>')).toHaveLength(1);
    expect(findDanger('<svg><a xlink:href="javascript:alert(1)">x</a></svg>')).toContain(
      'xlink:href="javascript:alert(1)" on <a>',
    );
    expect(findDanger('<button formaction="JAVASCRIPT:alert(1)">x</button>')).toHaveLength(1);
    expect(findDanger('<img src="data:image/png;base64,AAAA">')).toHaveLength(1);
  });

  it("random mixtures of payload fragments and Markdown syntax stay clean", () => {
    const pieces = [
      ...XSS_CORPUS.map((p) => p.markdown),
      "[",
      "]",
      "(",
      ")",
      "<",
      ">",
      "`",
      "```\n",
      "\n",
      "| a |\n|---|\n| ",
      " |",
      "*",
      "- ",
      "> ",
      "![",
      "&#",
      ";",
      "javascript:",
      '"',
      "'",
      "[^1]",
      "\n\n[^1]: ",
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        expect(findDanger(renderMarkdown(parts.join("")))).toEqual([]);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe("markdownToPlainBlocks", () => {
  it("turns the same parse into PDF blocks", () => {
    const blocks = markdownToPlainBlocks(
      "## Impact\n\nCheckout was **down** for *42* minutes, see [the graph](https://g.test/1) and [bad](javascript:alert(1)).\n\n- first\n- second\n  1. nested\n\n| Region | Minutes |\n|---|--:|\n| eu | 42 |\n\n```\nkubectl rollout undo\n```\n\n<div>raw</div>",
    );
    expect(blocks).toEqual([
      { kind: "heading", text: "Impact", level: 2 },
      { kind: "paragraph", text: "Checkout was down for 42 minutes, see the graph (https://g.test/1) and bad." },
      { kind: "list", items: ["first", "second", "    1. nested"], ordered: false },
      { kind: "table", columns: ["Region", "Minutes"], rows: [["eu", "42"]], align: ["left", "right"] },
      { kind: "code", text: "kubectl rollout undo" },
    ]);
  });

  it("caps heading levels at 3 and shows autolinks once", () => {
    expect(markdownToPlainBlocks("#### Deep\n\n<https://x.test> and mail sre@example.com")).toEqual([
      { kind: "heading", text: "Deep", level: 3 },
      { kind: "paragraph", text: "https://x.test and mail sre@example.com" },
    ]);
  });
});

describe("markdownToText", () => {
  it("gives an email text part with list markers, table rows and link URLs", () => {
    expect(
      markdownToText(
        "# Summary\n\nSee [runbook](https://r.test).\n\n1. a\n2. b\n   - c\n\n| x | y |\n|---|---|\n| 1 | 2 |",
      ),
    ).toBe("SUMMARY\n\nSee runbook (https://r.test).\n\n1. a\n2. b\n    – c\n\nx | y\n1 | 2");
  });
});
