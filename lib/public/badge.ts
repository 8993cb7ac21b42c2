// SVG status badges in the familiar two-part "label | message" shape. Pure:
// geometry, colours and markup; lib/public/badges.ts finds the status.
import type { ComponentStatus } from "../domain/status.ts";
import { xmlAttr, xmlText } from "./xml.ts";

/** A badge can say "no data", which the Statuspage API cannot. */
export type BadgeStatus = ComponentStatus | "no_data";

export const BADGE_MESSAGE: Readonly<Record<BadgeStatus, string>> = {
  operational: "operational",
  degraded_performance: "degraded performance",
  partial_outage: "partial outage",
  major_outage: "major outage",
  under_maintenance: "maintenance",
  no_data: "no data",
};

/** The status page's tones, dark enough for white text at WCAG AA (4.5:1; pinned in badge.test.ts). */
export const BADGE_COLOR: Readonly<Record<BadgeStatus, string>> = {
  operational: "#15803d",
  degraded_performance: "#a16207",
  partial_outage: "#c2410c",
  major_outage: "#b91c1c",
  under_maintenance: "#0369a1",
  no_data: "#475569",
};

export const BADGE_LABEL_COLOR = "#555555";
export const BADGE_HEIGHT = 20;
/** Space either side of each text. */
export const BADGE_PADDING = 6;
const FONT_SIZE = 11;

// Approximate advance widths of Verdana at 11 px. Each text also gets
// textLength, so a reader's substitute font is stretched to the same box.
const NARROW: Record<string, number> = {
  " ": 3.9,
  i: 3.0,
  l: 3.0,
  j: 3.8,
  "'": 3.0,
  ".": 3.9,
  ",": 3.9,
  ":": 4.6,
  ";": 4.6,
  "!": 4.6,
  "|": 4.6,
  f: 3.9,
  t: 4.3,
  r: 4.7,
  "-": 4.7,
  "(": 4.9,
  ")": 4.9,
  "/": 4.9,
  "[": 4.9,
  "]": 4.9,
  I: 4.6,
  J: 5.0,
  s: 5.7,
  c: 5.7,
  z: 5.6,
  a: 6.7,
  e: 6.6,
  k: 6.4,
  v: 6.4,
  x: 6.4,
  y: 6.4,
  m: 10.7,
  w: 9.0,
  M: 8.6,
  W: 10.9,
};

function charWidth(char: string): number {
  const known = NARROW[char];
  if (known !== undefined) return known;
  if (/[0-9]/.test(char)) return 7.0;
  if (/[a-z]/.test(char)) return 6.9;
  if (/[A-Z]/.test(char)) return 7.5;
  // Wide scripts (CJK, emoji) take about a full em; other letters a little more than Latin.
  return char.codePointAt(0)! >= 0x2e80 ? FONT_SIZE : 7.5;
}

/** Estimated width of a text in the badge font, in px. */
export function textWidth(text: string): number {
  let width = 0;
  for (const char of text) width += charWidth(char);
  return Math.round(width * 10) / 10;
}

export interface BadgeGeometry {
  width: number;
  labelWidth: number;
  messageWidth: number;
  labelTextWidth: number;
  messageTextWidth: number;
}

export function badgeGeometry(label: string, message: string): BadgeGeometry {
  const labelTextWidth = Math.ceil(textWidth(label));
  const messageTextWidth = Math.ceil(textWidth(message));
  const labelWidth = labelTextWidth + 2 * BADGE_PADDING;
  const messageWidth = messageTextWidth + 2 * BADGE_PADDING;
  return { width: labelWidth + messageWidth, labelWidth, messageWidth, labelTextWidth, messageTextWidth };
}

/** The badge for one status; label and message are escaped here, whatever their source. */
export function renderBadge(label: string, status: BadgeStatus): string {
  const message = BADGE_MESSAGE[status];
  const g = badgeGeometry(label, message);
  const title = `${label}: ${message}`;
  const labelX = g.labelWidth / 2;
  const messageX = g.labelWidth + g.messageWidth / 2;
  const text = (x: number, y: number, length: number, content: string, shadow: boolean) =>
    `<text x="${x}" y="${y}" textLength="${length}" lengthAdjust="spacingAndGlyphs"${shadow ? ' fill="#010101" fill-opacity=".3" aria-hidden="true"' : ""}>${xmlText(content)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${g.width}" height="${BADGE_HEIGHT}" viewBox="0 0 ${g.width} ${BADGE_HEIGHT}" role="img" aria-label="${xmlAttr(title)}">`,
    `<title>${xmlText(title)}</title>`,
    `<linearGradient id="shine" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`,
    `<clipPath id="round"><rect width="${g.width}" height="${BADGE_HEIGHT}" rx="3" fill="#fff"/></clipPath>`,
    `<g clip-path="url(#round)">`,
    `<rect width="${g.labelWidth}" height="${BADGE_HEIGHT}" fill="${BADGE_LABEL_COLOR}"/>`,
    `<rect x="${g.labelWidth}" width="${g.messageWidth}" height="${BADGE_HEIGHT}" fill="${BADGE_COLOR[status]}"/>`,
    `<rect width="${g.width}" height="${BADGE_HEIGHT}" fill="url(#shine)"/>`,
    `</g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="${FONT_SIZE}">`,
    text(labelX, 15, g.labelTextWidth, label, true),
    text(labelX, 14, g.labelTextWidth, label, false),
    text(messageX, 15, g.messageTextWidth, message, true),
    text(messageX, 14, g.messageTextWidth, message, false),
    `</g>`,
    `</svg>`,
  ].join("");
}
