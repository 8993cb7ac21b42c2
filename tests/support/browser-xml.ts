// A real browser as the XML reader: Chromium's DOMParser is strict (one
// unescaped "&" and the document fails), so feeds and badges are parsed the
// way a reader's software would, then handed back as a plain tree.
import { type Browser, chromium, type Page } from "@playwright/test";
import { CHROMIUM_LAUNCH } from "./chromium.ts";

export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  /** textContent: every descendant's text, entities decoded. */
  text: string;
  children: XmlNode[];
}

export interface XmlReader {
  /** Throws with the parser's message when the document is not well-formed. */
  parse(xml: string, type?: "application/xml" | "image/svg+xml"): Promise<XmlNode>;
  /** Loads an SVG as an <img>, as a README would; its natural size, or 0×0 when it cannot be drawn. */
  imageSize(svg: string): Promise<{ width: number; height: number }>;
  close(): Promise<void>;
}

export async function startXmlReader(): Promise<XmlReader> {
  const browser: Browser = await chromium.launch(CHROMIUM_LAUNCH);
  const page: Page = await browser.newPage();
  return {
    async parse(xml, type = "application/xml") {
      const result = await page.evaluate(
        ({ xml, type }) => {
          const doc = new DOMParser().parseFromString(xml, type as DOMParserSupportedType);
          const error = doc.getElementsByTagName("parsererror")[0];
          if (error) return { error: error.textContent ?? "parse error", root: null };
          const walk = (el: Element): XmlNode => ({
            name: el.localName,
            attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
            text: el.textContent ?? "",
            children: [...el.children].map(walk),
          });
          return { error: null, root: walk(doc.documentElement) };
        },
        { xml, type },
      );
      if (result.error !== null || result.root === null) throw new Error(`Not well-formed XML: ${result.error}`);
      return result.root;
    },
    async imageSize(svg) {
      const src = `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
      return page.evaluate(
        (src) =>
          new Promise<{ width: number; height: number }>((resolve) => {
            const img = new Image();
            img.onload = () => resolve({ width: img.naturalWidth, height: img.naturalHeight });
            img.onerror = () => resolve({ width: 0, height: 0 });
            img.src = src;
          }),
        src,
      );
    },
    close: () => browser.close(),
  };
}

/** Direct children with this name. */
export const childrenNamed = (node: XmlNode, name: string) => node.children.filter((c) => c.name === name);
/** The text of the first direct child with this name. */
export const childText = (node: XmlNode, name: string) => childrenNamed(node, name)[0]?.text;
/** Every element in the tree with this name. */
export function descendantsNamed(node: XmlNode, name: string): XmlNode[] {
  return [...(node.name === name ? [node] : []), ...node.children.flatMap((c) => descendantsNamed(c, name))];
}
