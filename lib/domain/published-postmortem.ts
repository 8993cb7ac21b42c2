// The public reading of a postmortem: the snapshot taken when it was last
// published (Postmortem.published), as sections of plain-text paragraphs.
// The snapshot is JSON written by lib/postmortems; anything unexpected in it
// is left out rather than shown half-understood.

/** The sections of DESIGN.md's postmortem, in reading order, with their public headings. */
export const POSTMORTEM_SECTIONS: readonly { key: string; heading: string }[] = Object.freeze([
  { key: "summary", heading: "Summary" },
  { key: "leadup", heading: "Leadup" },
  { key: "fault", heading: "Fault" },
  { key: "detection", heading: "Detection" },
  { key: "rootCause", heading: "Root cause" },
  { key: "mitigation", heading: "Mitigation and resolution" },
  { key: "correctiveMeasures", heading: "Corrective and preventative measures" },
]);

export interface PostmortemSection {
  key: string;
  heading: string;
  /** Blank-line separated paragraphs; single line breaks stay inside a paragraph. */
  paragraphs: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The sections with text, in order. Reads the fields at the top level of the
 * snapshot or under `sections`; null when the snapshot holds none.
 */
export function publishedSections(snapshot: unknown): PostmortemSection[] | null {
  if (!isRecord(snapshot)) return null;
  const source = isRecord(snapshot.sections) ? { ...snapshot, ...snapshot.sections } : snapshot;
  const sections = POSTMORTEM_SECTIONS.flatMap(({ key, heading }) => {
    const text = source[key];
    if (typeof text !== "string") return [];
    const paragraphs = text
      .replace(/\r\n?/g, "\n")
      .split(/\n[ \t]*\n/)
      .map((p) => p.trim())
      .filter((p) => p.length > 0);
    return paragraphs.length > 0 ? [{ key, heading, paragraphs }] : [];
  });
  return sections.length > 0 ? sections : null;
}
