// A status is always icon plus words, never colour alone. The icons are
// symbols drawn once per page (StatusIconSymbols, in the root layout) and used
// by reference: the front page shows one in each of its 125 cells. Built as
// markup (lib/public/html.ts) for the same reason.
import type { ComponentStatus } from "@/lib/domain/status.ts";
import { NO_DATA_LABEL, STATUS_LABEL } from "@/lib/domain/status.ts";
import { type Html, html, inner } from "@/lib/public/html.ts";

type Shown = ComponentStatus | "unknown";

const STROKE = html`stroke="white" fill="none" stroke-linecap="round" stroke-linejoin="round"`;

/** A distinct shape per status, so that it reads without colour too; filled with the label's colour. */
const SHAPES: Record<Shown, Html> = {
  operational: html`<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M4.5 8.2l2.2 2.2 4.8-4.8" stroke-width="1.8" ${STROKE}/>`,
  under_maintenance: html`<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M5 11l4.5-4.5M9.2 4.8a2 2 0 1 0 2 2" stroke-width="1.6" ${STROKE}/>`,
  degraded_performance: html`<path d="M8 1.5l7 13H1z" fill="currentColor"/><path d="M8 6v4M8 12.2v.1" stroke-width="1.6" ${STROKE}/>`,
  partial_outage: html`<rect x="1.5" y="1.5" width="13" height="13" rx="2" fill="currentColor"/><path d="M4.5 8h7" stroke-width="1.8" ${STROKE}/>`,
  major_outage: html`<circle cx="8" cy="8" r="7" fill="currentColor"/><path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke-width="1.8" ${STROKE}/>`,
  unknown: html`<circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" stroke-width="1.6" stroke-dasharray="2.5 2"/>`,
};

const SYMBOLS = html`${Object.entries(SHAPES).map(([key, shape]) => html`<symbol id="status-${key}" viewBox="0 0 16 16">${shape}</symbol>`)}`;

/** The icons, once per page; out of sight and out of the accessibility tree. */
export function StatusIconSymbols() {
  return (
    <svg
      aria-hidden="true"
      focusable="false"
      style={{ position: "absolute", width: 0, height: 0, overflow: "hidden" }}
      {...inner(SYMBOLS)}
    />
  );
}

function labelParts(
  status: ComponentStatus | null,
  compact: boolean,
): { key: Shown; className: string; content: Html } {
  const key: Shown = status ?? "unknown";
  const content = html`<svg class="status-icon" aria-hidden="true" focusable="false"><use href="#status-${key}"/></svg>${status ? STATUS_LABEL[status] : NO_DATA_LABEL}`;
  return { key, className: `status${compact ? " status-xs" : ""} tone-${key}`, content };
}

/** The label as markup, for cells built as strings. */
export function statusLabelHtml(status: ComponentStatus | null, { compact = false } = {}): Html {
  const { key, className, content } = labelParts(status, compact);
  return html`<span class="${className}" data-status="${key}">${content}</span>`;
}

export function StatusLabel({ status, compact = false }: { status: ComponentStatus | null; compact?: boolean }) {
  const { key, className, content } = labelParts(status, compact);
  return <span className={className} data-status={key} {...inner(content)} />;
}
