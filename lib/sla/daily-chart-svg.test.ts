import { describe, expect, it } from "vitest";
import { chartFloor, dailyChartSvg } from "./daily-chart-svg.ts";
import { sampleStatement } from "./sample-statement.ts";

describe("the daily availability chart", () => {
  const days = sampleStatement().daily;

  it("draws one bar per day, hatches days without data and marks days below target", () => {
    const svg = dailyChartSvg(days, { targetPercent: 99.95 });
    expect(svg.match(/<rect /g)).toHaveLength(31);
    expect(svg.match(/url\(#sla-no-data\)/g)).toHaveLength(1);
    expect(svg.match(/fill="#b3261e"/g)).toHaveLength(1);
    expect(svg).toContain("15 Oct 2026: no data");
    expect(svg).toContain("10 Oct 2026: 97.916 %");
    expect(svg).toContain('stroke-dasharray="4 3"');
  });

  it("escapes its title", () => {
    const svg = dailyChartSvg(days, { targetPercent: 99.9, title: '<script>alert("x")</script>' });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;");
  });

  it("starts its scale below the worst day and the target", () => {
    expect(chartFloor(days, 99.95)).toBeLessThan(97.916);
    expect(
      chartFloor(
        [{ day: "2026-10-01", availabilityPercent: 100, downtimeMinutes: 0, excludedMinutes: 0, unknownMinutes: 0 }],
        99.9,
      ),
    ).toBe(99.8);
    expect(chartFloor([], 0.5)).toBe(0);
  });
});
