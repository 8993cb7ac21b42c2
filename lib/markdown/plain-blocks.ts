// Markdown's tree as PDF blocks and as plain text: emphasis flattened, links
// as "text (url)", nested lists indented. Raw HTML is dropped, as on the page.
import type { List, ListItem, Nodes, PhrasingContent, Root, RootContent, Table } from "mdast";
import type { PdfBlock } from "../pdf/document.ts";
import { isNestedItem, NESTED_ITEM_INDENT } from "../pdf/flow.ts";
import { isSafeUrl } from "./safe-url.ts";

export function markdownTreeToBlocks(tree: Root): PdfBlock[] {
  return tree.children.flatMap(blockOf);
}

function blockOf(node: RootContent): PdfBlock[] {
  switch (node.type) {
    case "heading":
      return [{ kind: "heading", text: inline(node.children), level: Math.min(node.depth, 3) as 1 | 2 | 3 }];
    case "paragraph": {
      const text = inline(node.children).trim();
      return text ? [{ kind: "paragraph", text }] : [];
    }
    case "list": {
      const start = node.ordered ? (node.start ?? 1) : 1;
      return [
        { kind: "list", items: listItems(node, 0), ordered: node.ordered === true, ...(start !== 1 ? { start } : {}) },
      ];
    }
    case "table":
      return [tableBlock(node)];
    case "code":
      return [{ kind: "code", text: node.value }];
    case "blockquote":
      return node.children.flatMap(blockOf);
    case "footnoteDefinition": {
      const text = node.children.flatMap(blockOf).map(blockText).join(" ");
      return [{ kind: "paragraph", text: `[${node.label ?? node.identifier}] ${text}` }];
    }
    default:
      return []; // html, thematicBreak, definition, yaml: nothing a reader sees as content
  }
}

const INDENT = NESTED_ITEM_INDENT;

function listItems(list: List, depth: number): string[] {
  const start = list.start ?? 1;
  return list.children.flatMap((item, index) => {
    const marker = depth === 0 ? "" : list.ordered ? `${start + index}. ` : "– ";
    const [own, nested] = itemParts(item, depth);
    return [INDENT.repeat(depth) + marker + own, ...nested];
  });
}

function itemParts(item: ListItem, depth: number): [string, string[]] {
  const check = item.checked === true ? "[x] " : item.checked === false ? "[ ] " : "";
  const own: string[] = [];
  const nested: string[] = [];
  for (const child of item.children) {
    if (child.type === "list") nested.push(...listItems(child, depth + 1));
    else own.push(...blockOf(child).map(blockText));
  }
  return [check + own.join(" "), nested];
}

function tableBlock(table: Table): PdfBlock {
  const [head, ...body] = table.children.map((row) => row.children.map((cell) => inline(cell.children).trim()));
  const columns = head ?? [];
  const align = columns.map((_, i) => table.align?.[i] ?? "left");
  return { kind: "table", columns, rows: body.map((row) => columns.map((_, i) => row[i] ?? "")), align };
}

function inline(nodes: PhrasingContent[]): string {
  return nodes.map(inlineText).join("");
}

function inlineText(node: PhrasingContent | Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
      return node.value;
    case "break":
      return " ";
    case "link":
      return linkText(inline(node.children), node.url);
    case "image":
      return linkText(node.alt ?? "", node.url);
    case "imageReference":
      return node.alt ?? "";
    case "footnoteReference":
      return `[${node.label ?? node.identifier}]`;
    case "html":
      return "";
    default:
      return "children" in node ? (node.children as PhrasingContent[]).map(inlineText).join("") : "";
  }
}

function linkText(text: string, url: string): string {
  if (!isSafeUrl(url)) return text;
  const bare = url.replace(/^mailto:/, "");
  if (!text || text === url || text === bare) return bare;
  return `${text} (${bare})`;
}

function blockText(block: PdfBlock): string {
  switch (block.kind) {
    case "heading":
    case "paragraph":
    case "code":
      return block.text;
    case "list":
      return block.items.join(" ");
    case "table":
      return [block.columns, ...block.rows].map((row) => row.join(" | ")).join(" ");
    case "chart":
      return block.title;
  }
}

/** Plain text for an email's text part: a blank line between blocks. */
export function plainBlocksToText(blocks: PdfBlock[]): string {
  return blocks.map(textOf).join("\n\n");
}

function textOf(block: PdfBlock): string {
  switch (block.kind) {
    case "heading":
      return block.text.toUpperCase();
    case "list": {
      let n = (block.start ?? 1) - 1;
      return block.items
        .map((item) => (isNestedItem(item) ? item : block.ordered ? `${++n}. ${item}` : `- ${item}`))
        .join("\n");
    }
    case "table":
      return [block.columns, ...block.rows].map((row) => row.join(" | ")).join("\n");
    case "code":
      return block.text
        .split("\n")
        .map((line) => INDENT + line)
        .join("\n");
    default:
      return blockText(block);
  }
}
