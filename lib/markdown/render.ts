// Postmortem Markdown, parsed once by remark and rendered three ways: sanitized
// HTML for the page and emails, PDF blocks, and plain text for email text parts.
// Raw HTML never passes: remark-rehype drops it and rehype-sanitize re-checks
// every element, attribute and URL the Markdown itself produced.
import type { Element, ElementContent, Root as HastRoot } from "hast";
import type { Image, ImageReference, Link, LinkReference, Parents, Root as MdastRoot, Text } from "mdast";
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { PdfBlock } from "../pdf/document.ts";
import { markdownTreeToBlocks, plainBlocksToText } from "./plain-blocks.ts";
import { SAFE_LINK_PROTOCOLS } from "./safe-url.ts";

export { isSafeUrl, SAFE_LINK_PROTOCOLS } from "./safe-url.ts";

/** rel on every link to another page: no referrer leaks, no window.opener, no SEO credit for pasted links. */
export const LINK_REL = ["nofollow", "noopener", "noreferrer"] as const;

/** Only the elements Markdown itself produces; `img` is absent on purpose (images render as links). */
const TAGS = [
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
];

const aria = ["ariaDescribedBy", "ariaLabel", "ariaLabelledBy"];

/** GitHub's schema narrowed: fewer tags, no global attribute bag (so no style, no on*), three link schemes. */
export const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  tagNames: TAGS,
  attributes: {
    a: [
      ...aria,
      "dataFootnoteBackref",
      "dataFootnoteRef",
      ["className", "data-footnote-backref"],
      "href",
      "title",
      "id",
    ],
    code: [["className", /^language-[\w#+.-]+$/]],
    h2: [["className", "sr-only"], "id"],
    input: [
      ["checked", true],
      ["disabled", true],
      ["type", "checkbox"],
    ],
    li: [["className", "task-list-item"], "id"],
    ol: [...aria, ["className", "contains-task-list"], "start"],
    ul: [...aria, ["className", "contains-task-list"]],
    section: ["dataFootnotes", ["className", "footnotes"]],
    td: ["align"],
    th: ["align"],
  },
  protocols: { href: [...SAFE_LINK_PROTOCOLS] },
  // Ids are prefixed per document below (prefixIds), after sanitizing.
  clobber: [],
  clobberPrefix: "",
  strip: ["script", "style"],
};

/** An image becomes a link to it: no third-party image loads on the page or in mail, and nothing is lost. */
function imagesAsLinks() {
  return (tree: MdastRoot) => replaceImages(tree, false);
}

function replaceImages(node: Parents, insideLink: boolean): void {
  node.children = node.children.map((child) => {
    if (child.type === "image") return insideLink ? altText(child.alt || child.url) : imageLink(child);
    if (child.type === "imageReference")
      return insideLink ? altText(child.alt || child.label || "") : imageReferenceLink(child);
    if ("children" in child)
      replaceImages(child, insideLink || child.type === "link" || child.type === "linkReference");
    return child;
  }) as typeof node.children;
}

function altText(value: string): Text {
  return { type: "text", value };
}

function imageLink(image: Image): Link {
  const text = image.alt || image.url;
  return { type: "link", url: image.url, title: image.title, children: [{ type: "text", value: text }] };
}

function imageReferenceLink(image: ImageReference): LinkReference {
  const { identifier, label, referenceType } = image;
  return {
    type: "linkReference",
    identifier,
    label,
    referenceType,
    children: [{ type: "text", value: image.alt || label || identifier }],
  };
}

/** Footnote ids get a per-document prefix so two sections on one page never share an id. */
function prefixIds() {
  return (tree: HastRoot, file: { value: unknown }) => {
    const prefix = `md-${fingerprint(String(file.value))}-`;
    const ids = new Set<string>();
    walkElements(tree, (el) => {
      if (typeof el.properties.id === "string") ids.add(el.properties.id);
    });
    walkElements(tree, (el) => {
      const p = el.properties;
      if (typeof p.id === "string") p.id = prefix + p.id;
      if (Array.isArray(p.ariaDescribedBy)) p.ariaDescribedBy = p.ariaDescribedBy.map((id) => prefix + String(id));
      if (typeof p.href === "string" && p.href.startsWith("#") && ids.has(p.href.slice(1)))
        p.href = `#${prefix}${p.href.slice(1)}`;
    });
  };
}

/** Links to other pages get rel; a link whose URL the sanitizer removed becomes plain text. */
function tidyLinks() {
  return (tree: HastRoot) => tidyChildren(tree);
}

function tidyChildren(node: HastRoot | Element): void {
  const children: ElementContent[] = [];
  for (const child of node.children as ElementContent[]) {
    if (child.type === "element") tidyChildren(child);
    if (child.type !== "element" || child.tagName !== "a") {
      children.push(child);
      continue;
    }
    const href = child.properties.href;
    if (typeof href !== "string") {
      children.push(...child.children);
      continue;
    }
    if (!href.startsWith("#")) child.properties.rel = [...LINK_REL];
    // A link must have a name (screen readers, axe): when its text was all raw HTML, show the URL.
    if (!textOf(child).trim()) child.children = [{ type: "text", value: href }];
    children.push(child);
  }
  node.children = children;
}

function textOf(node: ElementContent): string {
  if (node.type === "text") return node.value;
  return node.type === "element" ? node.children.map(textOf).join("") : "";
}

function walkElements(node: HastRoot | Element, visit: (el: Element) => void): void {
  for (const child of node.children) {
    if (child.type !== "element") continue;
    visit(child);
    walkElements(child, visit);
  }
}

/** FNV-1a, base 36: a short stable tag, not a security boundary. */
function fingerprint(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

/** Where Markdown's top heading (#) lands: a page whose sections are <h2> passes 3. */
export interface MarkdownOptions {
  headingLevel?: 1 | 2 | 3 | 4 | 5 | 6;
}

function shiftHeadings(options: { by: number }) {
  return (tree: MdastRoot) => {
    if (options.by > 0) shiftIn(tree, options.by);
  };
}

function shiftIn(node: Parents, by: number): void {
  for (const child of node.children) {
    if (child.type === "heading") child.depth = Math.min(6, child.depth + by) as 1 | 2 | 3 | 4 | 5 | 6;
    else if ("children" in child) shiftIn(child, by);
  }
}

function htmlProcessor(by: number) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(imagesAsLinks)
    .use(shiftHeadings, { by })
    .use(remarkRehype, { allowDangerousHtml: false, clobberPrefix: "" })
    .use(rehypeSanitize, SANITIZE_SCHEMA)
    .use(prefixIds)
    .use(tidyLinks)
    .use(rehypeStringify)
    .freeze();
}

const toHtml = [1, 2, 3, 4, 5, 6].map((level) => htmlProcessor(level - 1));
const toTree = unified().use(remarkParse).use(remarkGfm).freeze();

// micromark parses about 1 KB per millisecond here, so a page or a mail batch
// that shows the same sections again reuses their HTML (pure input → output).
const MEMO_ENTRIES = 300;
const MEMO_MAX_INPUT = 60_000;
const memo = new Map<string, string>();

/** Sanitized HTML for Markdown people typed (GFM: tables, lists, code, links, emphasis, task lists, footnotes). */
export function renderMarkdown(markdown: string, options: MarkdownOptions = {}): string {
  const level = options.headingLevel ?? 1;
  const key = `${level}\n${markdown}`;
  const hit = memo.get(key);
  if (hit !== undefined) {
    memo.delete(key);
    memo.set(key, hit);
    return hit;
  }
  const html = String(toHtml[level - 1]!.processSync(markdown));
  if (markdown.length <= MEMO_MAX_INPUT) {
    if (memo.size >= MEMO_ENTRIES) memo.delete(memo.keys().next().value!);
    memo.set(key, html);
  }
  return html;
}

/** The same parse as renderMarkdown, as blocks for lib/pdf (PDF headings stop at level 3). */
export function markdownToPlainBlocks(markdown: string, options: MarkdownOptions = {}): PdfBlock[] {
  const tree = toTree.runSync(toTree.parse(markdown)) as MdastRoot;
  shiftIn(tree, (options.headingLevel ?? 1) - 1);
  return markdownTreeToBlocks(tree);
}

/** Plain text for email text parts: lists keep their markers, links show their URL. */
export function markdownToText(markdown: string): string {
  return plainBlocksToText(markdownToPlainBlocks(markdown));
}
