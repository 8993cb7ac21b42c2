import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput, storableText } from "./parse-input.ts";
import { savePostmortemInput } from "./postmortems/save-postmortem.ts";
import { addTimelineEntryInput } from "./postmortems/add-timeline-entry.ts";

describe("storableText", () => {
  it("drops U+0000, which PostgreSQL text cannot hold, and keeps everything else", () => {
    expect(parseInput(storableText(z.string()), "a\u0000b\u0001c")).toBe("ab\u0001c");
  });

  it("still applies the schema's own rules after dropping it", () => {
    expect(() => parseInput(storableText(z.string().trim().min(1)), "\u0000 ")).toThrow(/not valid/);
  });

  it("guards postmortem sections and timeline entries, so a pasted NUL never fails a save", () => {
    const saved = parseInput(savePostmortemInput, {
      postmortemId: "p",
      expectedVersion: 0,
      summary: "down\u0000 for 2 h",
    });
    expect(saved.summary).toBe("down for 2 h");
    const entry = parseInput(addTimelineEntryInput, {
      postmortemId: "p",
      at: "2026-11-22T06:00:00Z",
      text: "\u0000rolled back",
    });
    expect(entry.text).toBe("rolled back");
  });
});
