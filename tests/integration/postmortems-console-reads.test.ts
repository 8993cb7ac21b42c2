// What the console's postmortem pages read beyond the library's verbs: the
// export download (query, headers, permission), each incident's postmortem
// line (status, owner, due date, age), the lists by review state, and every
// open action item.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { createActionItem } from "../../lib/postmortems/create-action-item.ts";
import { createPostmortem } from "../../lib/postmortems/create-postmortem.ts";
import { postmortemExportResponse } from "../../lib/postmortems/export-download.ts";
import { listConsolePostmortems } from "../../lib/postmortems/list-console-postmortems.ts";
import { listOpenActionItems } from "../../lib/postmortems/list-open-action-items.ts";
import { postmortemSummaries } from "../../lib/postmortems/postmortem-summaries.ts";
import { savePostmortem } from "../../lib/postmortems/save-postmortem.ts";
import { transitionActionItem } from "../../lib/postmortems/transition-action-item.ts";
import type { PostmortemView } from "../../lib/postmortems/types.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { appErrorOf, makeActor, makePlatform, type TestPlatform } from "../support/incident-factories.ts";
import { makeRecordedIncident, type RecordedIncident } from "../support/postmortem-factories.ts";

let t: TestDatabase;
let alice: Actor;
let bob: Actor;
let viewer: Actor;
let p: TestPlatform;
let rec: RecordedIncident;
let other: RecordedIncident;
let pm: PostmortemView;
const t0 = new Date("2026-03-02T10:00:00Z"); // a Monday
const now = new Date("2026-03-02T12:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  alice = await makeActor(t.db, "ENGINEER");
  bob = await makeActor(t.db, "ENGINEER");
  viewer = await makeActor(t.db, "VIEWER");
  p = await makePlatform(
    t.db,
    [
      { key: "checkout", tier: "TIER_1" },
      { key: "search", tier: "TIER_1" },
    ],
    3,
  );
  rec = await makeRecordedIncident(t.db, p, bob, t0);
  other = await makeRecordedIncident(t.db, p, bob, t0, "search");
  pm = await createPostmortem(t.db, alice, { incidentId: rec.incidentId }, { now });
  pm = await savePostmortem(
    t.db,
    alice,
    { postmortemId: pm.id, expectedVersion: pm.version, lessonsLearned: "We got lucky: a quiet hour." },
    { now },
  );
});
afterAll(() => t.drop());

describe("postmortemExportResponse", () => {
  it("downloads Markdown or PDF, internal or public, as an attachment nobody caches", async () => {
    const md = await postmortemExportResponse(t.db, viewer, pm.id, new URLSearchParams("format=md&version=internal"));
    expect(md.status).toBe(200);
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
    expect(md.headers.get("content-disposition")).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.md"$/);
    expect(md.headers.get("cache-control")).toBe("private, no-store");
    expect(await md.text()).toContain("We got lucky: a quiet hour.");
    const publicMd = await (
      await postmortemExportResponse(t.db, viewer, pm.id, new URLSearchParams("version=public"))
    ).text();
    expect(publicMd).toContain("Summary");
    expect(publicMd).not.toContain("We got lucky");
    const pdf = await postmortemExportResponse(t.db, alice, pm.id, new URLSearchParams("format=pdf&version=public"));
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("refuses an unknown format or version by name, and an unknown postmortem with 404", async () => {
    const bad = await appErrorOf(postmortemExportResponse(t.db, alice, pm.id, new URLSearchParams("format=docx")));
    expect(bad.code).toBe("VALIDATION");
    expect(bad.fields?.format).toEqual(["format is md or pdf."]);
    expect(
      (await appErrorOf(postmortemExportResponse(t.db, alice, pm.id, new URLSearchParams("version=secret")))).fields
        ?.version,
    ).toBeDefined();
    expect(
      (await appErrorOf(postmortemExportResponse(t.db, alice, "no-such-postmortem", new URLSearchParams()))).code,
    ).toBe("NOT_FOUND");
  });
});

describe("postmortemSummaries", () => {
  it("tells each incident's postmortem status, state, owner, due date and age since resolution", async () => {
    const later = new Date("2026-03-03T10:00:00Z");
    const summaries = await postmortemSummaries(t.db, [rec.incidentId, other.incidentId, "no-such-incident"], later);
    expect(summaries.get(rec.incidentId)).toMatchObject({
      postmortemId: pm.id,
      state: "draft",
      status: "due",
      owner: { id: alice.id },
    });
    // P1, resolved Monday 10:45: due three business days later, Thursday.
    expect(summaries.get(rec.incidentId)!.dueAt).toEqual(new Date("2026-03-05T10:45:00Z"));
    expect(summaries.get(other.incidentId)).toMatchObject({
      postmortemId: null,
      state: null,
      status: "missing",
      owner: null,
      ageMs: later.getTime() - other.resolvedAt.getTime(),
    });
    expect(summaries.has("no-such-incident")).toBe(false);
    const overdue = await postmortemSummaries(t.db, [other.incidentId], new Date("2026-03-06T10:00:00Z"));
    expect(overdue.get(other.incidentId)!.status).toBe("overdue");
  });
});

describe("listConsolePostmortems and listOpenActionItems", () => {
  it("list postmortems by review state, and every unfinished action item soonest due first", async () => {
    expect(
      (await listConsolePostmortems(t.db, viewer, { states: ["draft"] }, now)).map((r) => [
        r.incidentId,
        r.state,
        r.author?.id,
      ]),
    ).toEqual([[rec.incidentId, "draft", alice.id]]);
    expect(await listConsolePostmortems(t.db, viewer, { states: ["published"] }, now)).toEqual([]);

    const item = (title: string, dueDate: string) =>
      createActionItem(t.db, alice, { postmortemId: pm.id, title, ownerId: bob.id, dueDate }, { now });
    const late = await item("Later", "2026-03-20");
    const soon = await item("Sooner", "2026-03-10");
    const finished = await item("Finished", "2026-03-05");
    await transitionActionItem(
      t.db,
      bob,
      { actionItemId: finished.id, to: "wont_do", reason: "Covered by the canary." },
      { now },
    );
    const open = await listOpenActionItems(t.db, viewer, now);
    expect(open.map((r) => r.title)).toEqual([soon.title, late.title]);
    expect(open[0]!.incident).toMatchObject({ id: rec.incidentId });
  });
});
