// Exports: the PDF's extracted text holds every section heading, the timeline
// entries and the action items; the Markdown reads back into the same sections.
import { afterAll, beforeAll, expect, it } from "vitest";
import { POSTMORTEM_SECTION_DEFINITIONS } from "../../lib/domain/postmortem-sections.ts";
import type { Actor } from "../../lib/domain/roles.ts";
import { createActionItem } from "../../lib/postmortems/create-action-item.ts";
import { createPostmortem } from "../../lib/postmortems/create-postmortem.ts";
import { exportPostmortemMarkdown, parsePostmortemMarkdown } from "../../lib/postmortems/export-markdown.ts";
import { exportPostmortemPdf } from "../../lib/postmortems/export-pdf.ts";
import { savePostmortem } from "../../lib/postmortems/save-postmortem.ts";
import type { PostmortemView } from "../../lib/postmortems/types.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { appErrorOf, makeActor, makePlatform } from "../support/incident-factories.ts";
import { pdfText } from "../support/pdf-text.ts";
import { makeRecordedIncident } from "../support/postmortem-factories.ts";

let t: TestDatabase;
let alice: Actor;
let pm: PostmortemView;
const now = new Date("2026-03-03T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  alice = await makeActor(t.db, "ENGINEER");
  const bob = await makeActor(t.db, "ENGINEER");
  const p = await makePlatform(t.db, [{ key: "checkout", tier: "TIER_1" }], 3);
  const rec = await makeRecordedIncident(t.db, p, bob, new Date("2026-03-02T10:00:00Z"));
  pm = await createPostmortem(t.db, alice, { incidentId: rec.incidentId }, { now });
  pm = await savePostmortem(t.db, alice, {
    postmortemId: pm.id,
    expectedVersion: pm.version,
    leadup: "A deploy at 09:55 changed the pool size.",
    fault: "The adapter held **8** connections.\n\n| Pool | Before | After |\n|---|---|---|\n| adapter | 64 | 8 |",
    rootCause: "A default in [the chart](https://example.com/chart) changed.",
    correctiveMeasures: "- Pin the pool size\n- Alert on saturation",
    lessonsLearned: "We got lucky: it was a quiet Monday.",
  });
  await createActionItem(t.db, alice, {
    postmortemId: pm.id,
    title: "Pin the adapter pool size",
    ownerId: bob.id,
    dueDate: "2026-03-20",
    isPublic: true,
  });
  await createActionItem(t.db, alice, {
    postmortemId: pm.id,
    title: "Rehearse the rollback",
    ownerId: alice.id,
    dueDate: "2026-03-25",
  });
});
afterAll(() => t.drop());

it("exports Markdown that reads back into the same sections", async () => {
  const { filename, markdown } = await exportPostmortemMarkdown(
    t.db,
    alice,
    { postmortemId: pm.id, variant: "internal" },
    { now },
  );
  expect(filename).toBe(`postmortem-2026-03-02-${pm.incidentId}-internal.md`);
  expect(parsePostmortemMarkdown(markdown)).toEqual(pm.sections);
  expect(markdown).toContain("## Timeline");
  expect(markdown).toContain("Rehearse the rollback");

  const pub = await exportPostmortemMarkdown(t.db, alice, { postmortemId: pm.id, variant: "public" }, { now });
  expect(parsePostmortemMarkdown(pub.markdown)).toEqual({ ...pm.sections, lessonsLearned: "" });
  expect(pub.markdown).not.toContain("quiet Monday");
  expect(pub.markdown).not.toContain("Rehearse the rollback");
});

it("exports a PDF whose text holds every section heading, the timeline and the action items", async () => {
  const { filename, pdf } = await exportPostmortemPdf(
    t.db,
    alice,
    { postmortemId: pm.id, variant: "internal" },
    { now },
  );
  expect(filename.endsWith("-internal.pdf")).toBe(true);
  const { text, info } = await pdfText(pdf);
  expect(info.Title).toBe("Postmortem: Checkout unavailable");
  for (const { heading } of POSTMORTEM_SECTION_DEFINITIONS) expect(text).toContain(heading);
  for (const heading of [
    "Timeline",
    "Action items",
    "Pin the adapter pool size",
    "Rehearse the rollback",
    "First failing check",
    "Checkout works again.",
  ])
    expect(text).toContain(heading);
  expect(text).toContain("adapter 64 8");

  const pub = await pdfText(
    (await exportPostmortemPdf(t.db, alice, { postmortemId: pm.id, variant: "public" }, { now })).pdf,
  );
  expect(pub.text).not.toContain("Lessons learned");
  expect(pub.text).not.toContain("Rehearse the rollback");
  expect(pub.text).toContain("Pin the adapter pool size");
});

it("lets every console role export, and says so for an unknown postmortem", async () => {
  const viewer = await makeActor(t.db, "VIEWER");
  expect((await exportPostmortemMarkdown(t.db, viewer, { postmortemId: pm.id }, { now })).markdown).toContain(
    "quiet Monday",
  );
  expect(await appErrorOf(exportPostmortemPdf(t.db, alice, { postmortemId: "nope" }))).toMatchObject({
    code: "NOT_FOUND",
  });
});
