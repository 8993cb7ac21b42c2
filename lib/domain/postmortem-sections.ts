// The sections of a postmortem, in reading order, with their headings. The
// first eight are public once published; Lessons learned never leaves the
// console. One list: the editor, the snapshot, the exports and the reader use it.

export const POSTMORTEM_SECTION_KEYS = [
  "summary",
  "leadup",
  "fault",
  "impact",
  "detection",
  "rootCause",
  "mitigation",
  "correctiveMeasures",
  "lessonsLearned",
] as const;

export type PostmortemSectionKey = (typeof POSTMORTEM_SECTION_KEYS)[number];

export interface PostmortemSectionDefinition {
  key: PostmortemSectionKey;
  heading: string;
  /** Internal sections stay in the console: never published, never in the public export. */
  internal: boolean;
}

export const POSTMORTEM_SECTION_DEFINITIONS: readonly PostmortemSectionDefinition[] = Object.freeze([
  { key: "summary", heading: "Summary", internal: false },
  { key: "leadup", heading: "Leadup", internal: false },
  { key: "fault", heading: "Fault", internal: false },
  { key: "impact", heading: "Impact", internal: false },
  { key: "detection", heading: "Detection", internal: false },
  { key: "rootCause", heading: "Root cause", internal: false },
  { key: "mitigation", heading: "Mitigation and resolution", internal: false },
  { key: "correctiveMeasures", heading: "Corrective and preventative measures", internal: false },
  { key: "lessonsLearned", heading: "Lessons learned", internal: true },
]);

/** Longest text one section may hold, in characters. */
export const MAX_SECTION_CHARS = 50_000;

export type PostmortemSections = Record<PostmortemSectionKey, string>;

export function sectionHeading(key: PostmortemSectionKey): string {
  return POSTMORTEM_SECTION_DEFINITIONS.find((s) => s.key === key)!.heading;
}

/** The sections readers may see, in order. */
export function publicSectionDefinitions(): PostmortemSectionDefinition[] {
  return POSTMORTEM_SECTION_DEFINITIONS.filter((s) => !s.internal);
}
