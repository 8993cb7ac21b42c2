import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CalendarEvent, foldLine, ICS_MAX_LINE_OCTETS, icsDateTime, icsText, renderCalendar } from "./ics.ts";

/** What a calendar reader does first (§3.1): remove every CRLF followed by one space or tab. */
const unfold = (text: string) => text.replace(/\r\n[ \t]/g, "");

describe("icsText", () => {
  it("escapes backslash, semicolon, comma and every kind of newline", () => {
    expect(icsText("a\\b;c,d\ne\r\nf\rg")).toBe("a\\\\b\\;c\\,d\\ne\\nf\\ng");
  });

  it("drops control characters TEXT may not carry but keeps tabs and non-ASCII", () => {
    expect(icsText("x\u0000y\u001bz\u007f\tÜ🚀")).toBe("xyz\tÜ🚀");
  });
});

describe("icsDateTime", () => {
  it("writes UTC date-times in the basic form with a Z", () => {
    expect(icsDateTime(new Date("2026-03-01T14:05:09.123Z"))).toBe("20260301T140509Z");
  });
});

describe("foldLine", () => {
  it("leaves a line of exactly 75 octets alone and folds at 76", () => {
    const exact = "X".repeat(75);
    expect(foldLine(exact)).toBe(exact);
    expect(foldLine(`${exact}Y`)).toBe(`${exact}\r\n Y`);
  });

  it("counts the continuation space toward the next line's 75 octets", () => {
    const folded = foldLine("D".repeat(200)).split("\r\n");
    expect(folded.map((l) => l.length)).toEqual([75, 75, 52]);
    expect(folded.slice(1).every((l) => l.startsWith(" "))).toBe(true);
  });

  it("never splits a multi-octet UTF-8 character, and unfolds to the original", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), (text) => {
        const line = `DESCRIPTION:${text}`;
        const folded = foldLine(line);
        for (const physical of folded.split("\r\n")) {
          expect(Buffer.byteLength(physical, "utf8")).toBeLessThanOrEqual(ICS_MAX_LINE_OCTETS);
          // A split inside a character would leave U+FFFD after a round trip through bytes.
          expect(Buffer.from(physical, "utf8").toString("utf8")).toBe(physical);
        }
        expect(unfold(folded)).toBe(line);
      }),
    );
  });

  it("folds a line of three-octet characters on character boundaries", () => {
    const folded = foldLine("€".repeat(30)).split("\r\n");
    expect(folded.map((l) => Buffer.byteLength(l, "utf8"))).toEqual([75, 1 + 3 * 5]);
  });
});

describe("renderCalendar", () => {
  const event: CalendarEvent = {
    uid: "maintenance-abc@status.example.com",
    stamp: new Date("2026-02-20T10:00:00Z"),
    start: new Date("2026-03-01T02:00:00Z"),
    end: new Date("2026-03-01T04:00:00Z"),
    summary: "Database upgrade; checkout, search",
    description: `Line one\nLine two with a very long explanation that certainly goes past the seventy-five octet limit of a content line.`,
    url: "https://status.example.com/maintenance/abc",
    status: "CONFIRMED",
    sequence: 3,
  };
  const text = renderCalendar({
    productId: "-//Bellwether//Maintenance//EN",
    name: "Bellwether maintenance",
    description: "Windows",
    events: [event],
  });

  it("ends every line with CRLF and no line exceeds 75 octets", () => {
    expect(text.endsWith("END:VCALENDAR\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    for (const line of text.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  });

  it("writes one VEVENT with the required properties, escaped, in UTC", () => {
    const lines = unfold(text).split("\r\n");
    expect(lines).toEqual(
      expect.arrayContaining([
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Bellwether//Maintenance//EN",
        "BEGIN:VEVENT",
        "UID:maintenance-abc@status.example.com",
        "DTSTAMP:20260220T100000Z",
        "DTSTART:20260301T020000Z",
        "DTEND:20260301T040000Z",
        "SUMMARY:Database upgrade\\; checkout\\, search",
        "DESCRIPTION:Line one\\nLine two with a very long explanation that certainly goes past the seventy-five octet limit of a content line.",
        "URL:https://status.example.com/maintenance/abc",
        "STATUS:CONFIRMED",
        "SEQUENCE:3",
        "END:VEVENT",
      ]),
    );
  });
});
