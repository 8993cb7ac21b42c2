import { describe, expect, it } from "vitest";
import {
  BADGE_COLOR,
  BADGE_LABEL_COLOR,
  BADGE_MESSAGE,
  BADGE_PADDING,
  type BadgeStatus,
  badgeGeometry,
  renderBadge,
  textWidth,
} from "./badge.ts";

/** WCAG 2 contrast ratio of a colour against white. */
function contrastWithWhite(hex: string): number {
  const channel = (i: number) => {
    const v = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  return 1.05 / (luminance + 0.05);
}

const statuses = Object.keys(BADGE_MESSAGE) as BadgeStatus[];

describe("badge colours", () => {
  it("keep white text readable (WCAG AA, 4.5:1) on every status and on the label", () => {
    for (const color of [...statuses.map((s) => BADGE_COLOR[s]), BADGE_LABEL_COLOR]) {
      expect(contrastWithWhite(color), color).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("differ between statuses, so colour alone never merges two of them", () => {
    expect(new Set(statuses.map((s) => BADGE_COLOR[s])).size).toBe(statuses.length);
  });
});

describe("badge geometry", () => {
  it("grows with the text and pads both sides of each part", () => {
    expect(textWidth("Checkout (europe-west1.gcp)")).toBeGreaterThan(textWidth("Checkout"));
    const g = badgeGeometry("Checkout", "operational");
    expect(g.labelWidth).toBe(g.labelTextWidth + 2 * BADGE_PADDING);
    expect(g.width).toBe(g.labelWidth + g.messageWidth);
    expect(Number.isInteger(g.width)).toBe(true);
  });

  it("gives wide characters more room than narrow ones", () => {
    expect(textWidth("WWW")).toBeGreaterThan(textWidth("iii") * 2);
    expect(textWidth("検索")).toBeGreaterThan(textWidth("ab"));
  });
});

describe("renderBadge", () => {
  it("says the status in words, in an accessible title and label", () => {
    const svg = renderBadge("Search", "partial_outage");
    expect(svg).toContain("<title>Search: partial outage</title>");
    expect(svg).toContain('role="img" aria-label="Search: partial outage"');
    expect(svg).toContain(`fill="${BADGE_COLOR.partial_outage}"`);
  });

  it("escapes whatever the label contains", () => {
    const svg = renderBadge(`<script>&"x"`, "operational");
    expect(svg).not.toContain("<script>");
    expect(svg).toContain('<title>&lt;script&gt;&amp;"x": operational</title>');
    expect(svg).toContain('aria-label="&lt;script&gt;&amp;&quot;x&quot;: operational"');
  });
});
