// XSS payloads written as Markdown, and a checker that parses rendered HTML
// and names whatever could run script in a browser. Every payload calls
// alert(1), so a browser test can also watch for dialogs.
import { Parser } from "htmlparser2";

export interface XssPayload {
  name: string;
  markdown: string;
}

const js = "javascript:alert(1)";

export const XSS_CORPUS: readonly XssPayload[] = [
  // Links with dangerous schemes, spelled every way a parser might accept.
  { name: "javascript link", markdown: `[click](${js})` },
  { name: "mixed-case scheme", markdown: "[click](JaVaScRiPt:alert(1))" },
  { name: "tab inside scheme (entity)", markdown: "[click](java&#x09;script:alert(1))" },
  { name: "newline inside scheme (entity)", markdown: "[click](java&#x0A;script:alert(1))" },
  { name: "entity-encoded j", markdown: "[click](&#106;avascript:alert(1))" },
  {
    name: "fully entity-encoded scheme",
    markdown: "[click](&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1))",
  },
  { name: "percent-encoded j", markdown: "[click](%6Aavascript:alert(1))" },
  { name: "leading space in angle destination", markdown: "[click](< javascript:alert(1)>)" },
  { name: "angle-bracket destination", markdown: "[click](<javascript:alert(1)>)" },
  { name: "data:text/html link", markdown: "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)" },
  { name: "data: uppercase", markdown: "[click](DATA:text/html,<script>alert(1)</script>)" },
  { name: "vbscript link", markdown: "[click](vbscript:msgbox(1))" },
  { name: "javascript with leading zero-width space", markdown: "[click](\u200Bjavascript:alert(1))" },
  { name: "javascript with soft hyphen", markdown: "[click](java\u00ADscript:alert(1))" },
  { name: "fullwidth colon", markdown: "[click](javascript\uFF1Aalert(1))" },
  { name: "link title with quotes", markdown: `[click](https://example.com "a\\" onmouseover=\\"alert(1)")` },
  { name: "link title single quotes", markdown: `[click](https://example.com 'x' onmouseover='alert(1)')` },
  { name: "url with quote breakout", markdown: `[click](https://example.com/"onmouseover="alert(1))` },
  { name: "reference-style javascript", markdown: `[click][evil]\n\n[evil]: ${js}` },
  { name: "reference-style with title", markdown: `[click][evil]\n\n[evil]: javascript:alert(1) "title"` },
  { name: "collapsed reference", markdown: `[evil][]\n\n[evil]: ${js}` },
  { name: "shortcut reference", markdown: `[evil]\n\n[evil]: <${js}>` },
  { name: "autolink javascript", markdown: `<${js}>` },
  { name: "autolink data", markdown: "<data:text/html,<script>alert(1)</script>>" },
  { name: "autolink vbscript", markdown: "<vbscript:msgbox(1)>" },
  { name: "GFM literal autolink with handler text", markdown: 'www.example.com/"onmouseover="alert(1)' },
  { name: "GFM email autolink trick", markdown: 'x@example.com" onmouseover="alert(1)' },
  // Images: turned into links, so the same scheme rules must hold.
  { name: "image javascript src", markdown: `![x](${js})` },
  { name: "image data svg", markdown: "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)" },
  { name: "image alt breakout", markdown: '![x" onerror="alert(1)](https://example.com/a.png)' },
  { name: "image title breakout", markdown: '![x](https://example.com/a.png "x\\" onerror=\\"alert(1)")' },
  { name: "image reference javascript", markdown: `![x][img]\n\n[img]: ${js}` },
  { name: "linked image javascript", markdown: `[![x](https://example.com/a.png)](${js})` },
  // Raw HTML: must never reach the page.
  { name: "script tag", markdown: "<script>alert(1)</script>" },
  { name: "script inline", markdown: "text <script>alert(1)</script> text" },
  { name: "img onerror", markdown: "<img src=x onerror=alert(1)>" },
  { name: "img onerror unclosed", markdown: "<img src=x onerror=alert(1)//" },
  { name: "img onerror inline", markdown: "hello <img src=x onerror=alert(1)> world" },
  { name: "svg onload", markdown: "<svg onload=alert(1)>" },
  {
    name: "svg animate href",
    markdown: '<svg><a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">x</text></a></svg>',
  },
  { name: "svg xlink:href", markdown: '<svg><a xlink:href="javascript:alert(1)"><text y="20">x</text></a></svg>' },
  { name: "svg use data", markdown: '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>' },
  { name: "math href", markdown: '<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>' },
  { name: "math maction", markdown: '<math href="javascript:alert(1)">x</math>' },
  { name: "iframe srcdoc", markdown: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { name: "iframe javascript src", markdown: `<iframe src="${js}"></iframe>` },
  { name: "object data", markdown: `<object data="${js}"></object>` },
  { name: "embed src", markdown: '<embed src="data:text/html,<script>alert(1)</script>">' },
  { name: "details ontoggle", markdown: "<details open ontoggle=alert(1)><summary>x</summary></details>" },
  { name: "body onload", markdown: "<body onload=alert(1)>" },
  { name: "input autofocus onfocus", markdown: "<input autofocus onfocus=alert(1)>" },
  { name: "button formaction", markdown: `<form><button formaction="${js}">go</button></form>` },
  { name: "form action", markdown: `<form action="${js}"><input type=submit></form>` },
  { name: "a href raw", markdown: `<a href="${js}">x</a>` },
  { name: "style tag", markdown: "<style>@import 'javascript:alert(1)';</style>" },
  { name: "style attribute", markdown: '<p style="background:url(javascript:alert(1))">x</p>' },
  { name: "meta refresh", markdown: `<meta http-equiv="refresh" content="0;url=${js}">` },
  { name: "base href", markdown: `<base href="${js}//">` },
  { name: "video onerror", markdown: "<video><source onerror=alert(1)></video>" },
  { name: "marquee onstart", markdown: "<marquee onstart=alert(1)>x</marquee>" },
  { name: "HTML comment hiding script", markdown: "<!-- --><script>alert(1)</script><!-- -->" },
  { name: "comment breakout", markdown: "<!--><img src=x onerror=alert(1)>-->" },
  { name: "broken tag split by newline", markdown: "<img\nsrc=x\nonerror=alert(1)>" },
  { name: "uppercase tag", markdown: "<IMG SRC=x OnErRoR=alert(1)>" },
  { name: "slash separator", markdown: "<img/src=x/onerror=alert(1)>" },
  { name: "nested script trick", markdown: "<scr<script>ipt>alert(1)</scr</script>ipt>" },
  { name: "html block in list", markdown: "- item\n\n  <img src=x onerror=alert(1)>" },
  { name: "noscript breakout", markdown: '<noscript><p title="</noscript><img src=x onerror=alert(1)>">' },
  { name: "textarea breakout", markdown: "<textarea></textarea><img src=x onerror=alert(1)>" },
  // Nested Markdown: the dangerous part hides inside other constructs.
  { name: "link inside emphasis", markdown: `*see [here](${js})*` },
  { name: "link inside strong inside table cell", markdown: `| a |\n|---|\n| **[x](${js})** |` },
  { name: "html inside table cell", markdown: "| a |\n|---|\n| <img src=x onerror=alert(1)> |" },
  { name: "link text containing html", markdown: "[<img src=x onerror=alert(1)>](https://example.com)" },
  { name: "link in blockquote in list", markdown: `- > [x](${js})` },
  { name: "link in heading", markdown: `## [x](${js})` },
  { name: "link in footnote", markdown: `note[^1]\n\n[^1]: [x](${js})` },
  { name: "task list with link", markdown: `- [ ] [x](${js})` },
  { name: "strikethrough html", markdown: "~~<svg onload=alert(1)>~~" },
  // Code: must stay text.
  { name: "backtick breakout", markdown: "`` ` ``<img src=x onerror=alert(1)>`` ` ``" },
  { name: "inline code with html", markdown: "`<script>alert(1)</script>`" },
  { name: "fenced code with html", markdown: "```html\n<script>alert(1)</script>\n```" },
  { name: "fence info string breakout", markdown: '```"><img src=x onerror=alert(1)>\nx\n```' },
  { name: "unterminated fence", markdown: "```\n</code></pre><img src=x onerror=alert(1)>" },
  // Entity and unicode tricks in text.
  { name: "entity-encoded tag", markdown: "&lt;img src=x onerror=alert(1)&gt;" },
  { name: "numeric entity tag", markdown: "&#60;script&#62;alert(1)&#60;/script&#62;" },
  { name: "zero-width inside tag name", markdown: "<scr\u200Bipt>alert(1)</script>" },
  { name: "null byte in tag", markdown: "<scr\u0000ipt>alert(1)</script>" },
  { name: "right-to-left override", markdown: `[\u202Egnp.x](${js})` },
];

export const XSS_PAYLOADS: readonly string[] = XSS_CORPUS.map((payload) => payload.markdown);

/** The payload inside a GFM table cell (one line, pipes escaped so the cell holds all of it). */
export function inTableCell(markdown: string): string {
  return `| Time | Entry |\n|---|---|\n| 14:02 | ${markdown.replace(/\r?\n/g, " ").replace(/\|/g, "\\|")} |`;
}

/** The payload as the body of a list item, continuation lines indented. */
export function inListItem(markdown: string): string {
  return `- first\n- ${markdown.replace(/\r?\n/g, "\n  ")}\n- last`;
}

const DANGEROUS_ELEMENTS = new Set([
  "script",
  "iframe",
  "frame",
  "frameset",
  "object",
  "embed",
  "applet",
  "style",
  "base",
  "meta",
  "link",
  "form",
  "svg",
  "math",
  "animate",
  "set",
  "noscript",
  "template",
]);
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "action",
  "formaction",
  "xlink:href",
  "data",
  "poster",
  "background",
  "lowsrc",
  "dynsrc",
  "cite",
  "srcset",
]);
const DANGEROUS_ATTRIBUTES = new Set(["style", "srcdoc"]);
const DANGEROUS_SCHEMES = ["javascript:", "vbscript:", "data:"];

/** What a browser would do with the URL's scheme: entities are already decoded; it drops controls, spaces and tabs. */
function scheme(value: string): string {
  return [...value]
    .filter((c) => !invisible(c.codePointAt(0)!))
    .join("")
    .toLowerCase();
}

function invisible(code: number): boolean {
  return (
    code <= 0x20 ||
    (code >= 0x7f && code <= 0xa0) ||
    code === 0xad ||
    (code >= 0x200b && code <= 0x200f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x2060 ||
    code === 0xfeff
  );
}

/** Everything in `html` that could run script: dangerous elements, on* and style attributes, script-bearing URLs. */
export function findDanger(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (DANGEROUS_ELEMENTS.has(name)) found.push(`<${name}> element`);
        for (const [attribute, value] of Object.entries(attributes)) {
          if (attribute.startsWith("on")) found.push(`${attribute} attribute on <${name}>`);
          if (DANGEROUS_ATTRIBUTES.has(attribute)) found.push(`${attribute} attribute on <${name}>`);
          const url = scheme(value);
          if (URL_ATTRIBUTES.has(attribute) && DANGEROUS_SCHEMES.some((s) => url.startsWith(s))) {
            found.push(`${attribute}="${value}" on <${name}>`);
          }
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html);
  parser.end();
  return found;
}

/** Every element name in `html`, as a parser sees it (text and attribute values are not elements). */
export function elementNames(html: string): string[] {
  const names: string[] = [];
  const parser = new Parser({ onopentag: (name) => names.push(name) }, { lowerCaseTags: true });
  parser.write(html);
  parser.end();
  return names;
}
