// iCalendar (RFC 5545) writing: TEXT escaping, UTC date-times, line folding
// at 75 octets, CRLF line ends. Pure; lib/public/feeds.ts supplies the events.

/** RFC 5545 §3.1: no line longer than 75 octets, excluding the line break. */
export const ICS_MAX_LINE_OCTETS = 75;
const CRLF = "\r\n";

/** TEXT values (§3.3.11): backslash, semicolon, comma and newlines are escaped; other controls dropped. */
export function icsText(value: string): string {
  let out = "";
  for (const char of value.replace(/\r\n?/g, "\n")) {
    const code = char.codePointAt(0)!;
    if (char === "\\") out += "\\\\";
    else if (char === ";") out += "\\;";
    else if (char === ",") out += "\\,";
    else if (char === "\n") out += "\\n";
    else if (char === "\t" || (code >= 0x20 && code !== 0x7f)) out += char;
    // TEXT excludes every other control character (§3.3.11, CONTROL).
  }
  return out;
}

/** A DATE-TIME in UTC, form #2 of §3.3.5: 20260301T140000Z. */
export function icsDateTime(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/**
 * §3.1 folding: a CRLF and one space before the line would pass 75 octets;
 * the space counts toward the next line, and a UTF-8 character is never split.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  let limit = ICS_MAX_LINE_OCTETS;
  for (const char of line) {
    const size = Buffer.byteLength(char, "utf8");
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
      limit = ICS_MAX_LINE_OCTETS - 1;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

export type IcsEventStatus = "TENTATIVE" | "CONFIRMED" | "CANCELLED";

export interface CalendarEvent {
  uid: string;
  /** When this version of the event was written. */
  stamp: Date;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  url: string;
  status: IcsEventStatus;
  /** Bumped whenever the event changes, so calendars replace their copy. */
  sequence: number;
  categories?: readonly string[];
}

export interface Calendar {
  /** PRODID (§3.7.3), e.g. "-//Bellwether//Maintenance//EN". */
  productId: string;
  name: string;
  description: string;
  events: readonly CalendarEvent[];
}

function eventLines(event: CalendarEvent): string[] {
  return [
    "BEGIN:VEVENT",
    `UID:${icsText(event.uid)}`,
    `DTSTAMP:${icsDateTime(event.stamp)}`,
    `LAST-MODIFIED:${icsDateTime(event.stamp)}`,
    `SEQUENCE:${event.sequence}`,
    `DTSTART:${icsDateTime(event.start)}`,
    `DTEND:${icsDateTime(event.end)}`,
    `SUMMARY:${icsText(event.summary)}`,
    `DESCRIPTION:${icsText(event.description)}`,
    // URI values are not TEXT: no escaping, but never a line break.
    `URL:${event.url.replace(/[\r\n]/g, "")}`,
    `STATUS:${event.status}`,
    "TRANSP:OPAQUE",
    ...(event.categories && event.categories.length > 0
      ? [`CATEGORIES:${event.categories.map(icsText).join(",")}`]
      : []),
    "END:VEVENT",
  ];
}

/** A whole VCALENDAR, CRLF after every line including the last. */
export function renderCalendar(calendar: Calendar): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    `PRODID:${icsText(calendar.productId)}`,
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${icsText(calendar.name)}`,
    `X-WR-CALNAME:${icsText(calendar.name)}`,
    `DESCRIPTION:${icsText(calendar.description)}`,
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
    ...calendar.events.flatMap(eventLines),
    "END:VCALENDAR",
  ];
  return lines.map((line) => foldLine(line) + CRLF).join("");
}
