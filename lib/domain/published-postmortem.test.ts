import { describe, expect, it } from "vitest";
import { POSTMORTEM_SECTIONS, publishedSections } from "./published-postmortem.ts";

describe("publishedSections", () => {
  it("keeps DESIGN.md's sections in reading order", () => {
    expect(POSTMORTEM_SECTIONS.map((s) => s.heading)).toEqual([
      "Summary",
      "Leadup",
      "Fault",
      "Detection",
      "Root cause",
      "Mitigation and resolution",
      "Corrective and preventative measures",
    ]);
  });

  it("splits each section into paragraphs at blank lines and leaves out empty ones", () => {
    const sections = publishedSections({
      rootCause: "The primary database ran out of disk.\r\n\r\nA cleanup job had been disabled.",
      summary: "Checkout failed in us-central1 for two hours.\nOrders could not be placed.",
      leadup: "   ",
      fault: 42,
    });
    expect(sections).toEqual([
      { key: "summary", heading: "Summary", paragraphs: ["Checkout failed in us-central1 for two hours.\nOrders could not be placed."] },
      { key: "rootCause", heading: "Root cause", paragraphs: ["The primary database ran out of disk.", "A cleanup job had been disabled."] },
    ]);
  });

  it("reads sections nested under `sections` too", () => {
    expect(publishedSections({ title: "x", sections: { detection: "Probes saw it first." } })).toEqual([
      { key: "detection", heading: "Detection", paragraphs: ["Probes saw it first."] },
    ]);
  });

  it("has nothing to show for a missing or unreadable snapshot", () => {
    expect(publishedSections(null)).toBeNull();
    expect(publishedSections("summary")).toBeNull();
    expect(publishedSections([{ summary: "x" }])).toBeNull();
    expect(publishedSections({ summary: "" })).toBeNull();
  });
});
