// A contract's month from the confirmed history, then frozen: once issued,
// late results and incident corrections leave the stored bytes alone; a
// restatement is a new revision with its reason and the figures it changed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { computeStatement } from "../../lib/sla/compute-statement.ts";
import { getStatement, getStatementFile, getStatementRevision } from "../../lib/sla/get-statement.ts";
import { issueDueStatements } from "../../lib/sla/issue-statements.ts";
import { restateStatement } from "../../lib/sla/restate-statement.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { appErrorOf, makeActor } from "../support/incident-factories.ts";
import { pdfText } from "../support/pdf-text.ts";
import { makePublicIncident } from "../support/public-factories.ts";
import { makeSlaFixture, type SlaFixture, writeStatusChanges } from "../support/sla-factories.ts";

let t: TestDatabase;
let f: SlaFixture;
let manager: Actor;
const SITE = "https://status.example.test";
const AFTER_CLOSE = new Date("2026-11-10T08:00:00Z");

beforeAll(async () => {
  t = await createTestDatabase();
  manager = await makeActor(t.db, "ACCOUNT_MANAGER");
  f = await makeSlaFixture(t.db, {
    recipients: ["billing@northwind.test", "cto@northwind.test"],
    accountManagerId: manager.id,
  });
  await writeStatusChanges(t.db, f.checkout, [
    ["2026-09-20T00:00:00Z", "operational"],
    ["2026-10-10T10:00:00Z", "major_outage"],
    ["2026-10-10T10:30:00Z", "operational"],
  ]);
  await writeStatusChanges(t.db, f.studio, [["2026-09-20T00:00:00Z", "operational"]]);
  await makePublicIncident(t.db, {
    title: "Checkout returns errors",
    status: "resolved",
    startedAt: "2026-10-10T10:00:00Z",
    resolvedAt: "2026-10-10T10:30:00Z",
    affects: [{ componentRegionId: f.checkout, status: "major_outage" }],
    postmortemPublishedAt: "2026-10-12T09:00:00Z",
  });
});
afterAll(() => t.drop());

describe("a provisional month", () => {
  it("counts the outage, the credit and the incident, and says it is provisional until it closes", async () => {
    const s = await computeStatement(t.db, f.contractId, "2026-10", new Date("2026-11-03T00:00:00Z"));
    expect(s.header).toMatchObject({
      month: "2026-10",
      monthRule: "calendar",
      state: "provisional",
      revision: null,
      monthMinutes: 44_640,
      closesAt: "2026-11-06T00:00:00.000Z",
    });
    // 1 − 30 / 44,640 = 99.93279… %: shown cut to 99.932, below the 99.95 target.
    expect(s.figures).toMatchObject({
      availabilityPercent: 99.932,
      downtimeMinutes: 30,
      met: false,
      creditPercent: 10,
      creditAmount: 100,
      currency: "EUR",
    });
    expect(s.figures.allowedDowntimeMinutes).toBeCloseTo(22.32, 3);
    expect(s.incidents).toEqual([
      expect.objectContaining({
        title: "Checkout returns errors",
        durationMinutes: 30,
        chargedMinutes: 30,
        postmortemUrl: expect.stringMatching(/^\/incidents\/.+#postmortem$/),
      }),
    ]);
    expect(s.componentRegions.map((cr) => [cr.componentRegionId, cr.minutesByStatus.major_outage])).toEqual([
      [f.checkout, 30],
      [f.studio, 0],
    ]);
    expect(s.daily).toHaveLength(31);
    expect(s.daily[9]).toMatchObject({ day: "2026-10-10", downtimeMinutes: 30 });
  });

  it("refuses a month that does not exist, has not started, or is before the contract, naming the field", async () => {
    for (const [month, message] of [
      ["2026-13", /no month 13/],
      ["2027-01", /has not started/],
      ["2026-09", /starts on 2026-10-01/],
    ] as const) {
      const error = await appErrorOf(computeStatement(t.db, f.contractId, month, AFTER_CLOSE));
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.message).toMatch(message);
      expect(Object.keys(error.fields ?? {})).toEqual(["month"]);
    }
    expect((await appErrorOf(computeStatement(t.db, "no-such-contract", "2026-10", AFTER_CLOSE))).code).toBe(
      "NOT_FOUND",
    );
  });
});

describe("issued, then frozen, then restated", () => {
  let issued: { json: Buffer; csv: Buffer; pdf: Buffer };

  it("issues the closed month once, however often and however concurrently the job runs", async () => {
    expect((await issueDueStatements(t.db, new Date("2026-11-05T23:59:00Z"), { siteUrl: SITE })).issued).toEqual([]);
    const runs = await Promise.all([
      issueDueStatements(t.db, AFTER_CLOSE, { siteUrl: SITE }),
      issueDueStatements(t.db, AFTER_CLOSE, { siteUrl: SITE }),
    ]);
    expect(runs.flatMap((r) => r.issued).map((r) => [r.month, r.revision])).toEqual([["2026-10", 1]]);
    expect((await issueDueStatements(t.db, AFTER_CLOSE, { siteUrl: SITE })).issued).toEqual([]);
    expect(await t.db.slaStatement.count({ where: { contractId: f.contractId } })).toBe(1);

    const mails = await t.db.staffMail.findMany({
      where: { dedupeKey: { startsWith: "sla-statement:" } },
      orderBy: { to: "asc" },
    });
    expect(mails.map((m) => m.to)).toEqual(["billing@northwind.test", "cto@northwind.test", manager.email].sort());
    for (const mail of mails) {
      expect((mail.attachments as { filename: string; contentType: string }[]).map((a) => a.contentType)).toEqual([
        "application/pdf",
        "text/csv",
      ]);
      expect(mail.subject).toContain("October 2026");
    }
    const audit = await t.db.auditEntry.findMany({ where: { action: "sla_statement.issue" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: null, actorEmail: "system:sla-statements" });

    const files = await Promise.all(
      (["json", "csv", "pdf"] as const).map((format) =>
        getStatementFile(t.db, f.contractId, "2026-10", format, AFTER_CLOSE),
      ),
    );
    issued = { json: files[0]!.body, csv: files[1]!.body, pdf: files[2]!.body };
    expect(files.map((file) => [file.state, file.revision])).toEqual([
      ["issued", 1],
      ["issued", 1],
      ["issued", 1],
    ]);
    const text = (await pdfText(issued.pdf)).text;
    expect(text).toContain("99.932 %");
    expect(text).toContain("100.00 EUR");
    expect(text).toContain("Checkout returns errors");
  });

  it("serves the stored bytes after a late result and a corrected incident, and the database refuses an edit", async () => {
    await writeStatusChanges(t.db, f.studio, [
      ["2026-10-20T00:00:00Z", "major_outage"],
      ["2026-10-20T01:00:00Z", "operational"],
    ]);
    await t.db.incident.updateMany({
      where: { title: "Checkout returns errors" },
      data: { title: "Checkout returned errors (payment provider)" },
    });
    const later = new Date("2026-12-01T00:00:00Z");
    for (const [format, bytes] of [
      ["json", issued.json],
      ["csv", issued.csv],
      ["pdf", issued.pdf],
    ] as const) {
      expect((await getStatementFile(t.db, f.contractId, "2026-10", format, later)).body.equals(bytes)).toBe(true);
    }
    expect((await getStatement(t.db, f.contractId, "2026-10", later)).statement.figures.downtimeMinutes).toBe(30);
    await expect(t.db.$executeRaw`UPDATE "SlaStatement" SET "csv" = 'edited'`).rejects.toThrow(/immutable/);
  });

  it("restates: revision 2 with the reason and the figures that changed; both revisions download", async () => {
    const viewer = await makeActor(t.db, "VIEWER");
    expect(
      (await appErrorOf(restateStatement(t.db, viewer, { contractId: f.contractId, month: "2026-10", reason: "x" })))
        .code,
    ).toBe("FORBIDDEN");
    const noReason = await appErrorOf(
      restateStatement(t.db, manager, { contractId: f.contractId, month: "2026-10", reason: " " }),
    );
    expect(noReason.fields).toHaveProperty("reason");

    const now = new Date("2026-12-02T09:00:00Z");
    const r2 = await restateStatement(
      t.db,
      manager,
      { contractId: f.contractId, month: "2026-10", reason: "Late probe results for Studio" },
      { now, siteUrl: SITE },
    );
    expect(r2).toMatchObject({ revision: 2, reason: "Late probe results for Studio", createdBy: manager.email });
    const fields = r2.changes.map((c) => c.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "availabilityPercent",
        "downtimeMinutes",
        "incidents[Checkout returned errors (payment provider)].title",
      ]),
    );
    expect(r2.changes.find((c) => c.field === "downtimeMinutes")).toEqual({
      field: "downtimeMinutes",
      before: 30,
      after: 90,
    });

    const latest = await getStatement(t.db, f.contractId, "2026-10", now);
    expect(latest.statement.header).toMatchObject({ state: "issued", revision: 2 });
    expect(latest.statement.restatement?.reason).toBe("Late probe results for Studio");
    expect(latest.revisions.map((r) => r.revision)).toEqual([1, 2]);
    expect(
      (await getStatementFile(t.db, f.contractId, "2026-10", "json", now, { revision: 1 })).body.equals(issued.json),
    ).toBe(true);
    const second = await getStatementRevision(t.db, f.contractId, "2026-10", 2);
    expect((await pdfText(second!.pdf)).text).toContain("Late probe results for Studio");
    expect(await t.db.staffMail.count({ where: { dedupeKey: { startsWith: `sla-statement:${second!.id}:` } } })).toBe(
      3,
    );
    expect(await t.db.auditEntry.count({ where: { action: "sla_statement.restate", actorId: manager.id } })).toBe(1);

    const again = await appErrorOf(
      restateStatement(
        t.db,
        manager,
        { contractId: f.contractId, month: "2026-10", reason: "Again" },
        { now, siteUrl: SITE },
      ),
    );
    expect(again).toMatchObject({
      code: "INVALID_TRANSITION",
      message: expect.stringMatching(/Nothing changed since revision 2/),
    });
  });
});
