// Markup as strings, for the fragments a page repeats a hundred times (the
// front page's cells): React renders each element twice (RSC, then HTML), a
// string once. Every interpolated value is escaped unless it is itself `html`,
// so text people typed can never become markup.

const BRAND = Symbol("html");

/** Markup built by `html`, and only by it. */
export interface Html {
  readonly [BRAND]: true;
  readonly text: string;
}

type Value = Html | string | number | null | undefined | false | readonly Html[];

const SPECIAL = /[&<>"']/;
const SPECIAL_ALL = /[&<>"']/g;
const ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Safe in text and in a quoted attribute alike; the characters React escapes. */
export function escapeHtml(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ENTITY[c]!) : value;
}

function isHtml(value: unknown): value is Html {
  return typeof value === "object" && value !== null && BRAND in value;
}

function write(value: Value): string {
  if (value === null || value === undefined || value === false) return "";
  if (isHtml(value)) return value.text;
  if (Array.isArray(value)) return value.map((part: Html) => part.text).join("");
  return escapeHtml(String(value));
}

/** html`<b title="${title}">${text}</b>`: the template is markup, the values are text (or `html` already). */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let text = strings[0]!;
  for (let i = 0; i < values.length; i++) text += write(values[i]!) + strings[i + 1]!;
  return { [BRAND]: true, text };
}

/** Props that put built markup inside a React element. */
export function inner(markup: Html): { dangerouslySetInnerHTML: { __html: string } } {
  return { dangerouslySetInnerHTML: { __html: markup.text } };
}
