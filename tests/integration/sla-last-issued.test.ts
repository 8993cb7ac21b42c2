// The console's customer list reads each contract's latest issued month from
// the stored revisions: the newest month, and within it the newest revision.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { issueStatement } from "../../lib/sla/issue-statements.ts";
import { lastIssuedStatements } from "../../lib/sla/last-issued-statements.ts";
import { restateStatement } from "../../lib/sla/restate-statement.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeActor } from "../support/incident-factories.ts";
import { makeSlaFixture, type SlaFixture, writeStatusChanges } from "../support/sla-factories.ts";

let t: TestDatabase;
let f: SlaFixture;
let other: SlaFixture;
let manager: Actor;
const SITE = "https://status.example.test";

beforeAll(async () => {
  t = await createTestDatabase();
  manager = await makeActor(t.db, "ACCOUNT_MANAGER");
  f = await makeSlaFixture(t.db, {
    startsOn: "2025-01-01",
    slaTargetPercent: 99.9,
    creditTiers: [{ belowPercent: 99.9, creditPercent: 10 }],
  });
  other = await makeSlaFixture(t.db, { startsOn: "2025-01-01" });
  // Measured from February; checkout down 90 minutes in March.
  await writeStatusChanges(t.db, f.checkout, [
    ["2025-02-01T00:00:00Z", "operational"],
    ["2025-03-10T10:00:00Z", "major_outage"],
    ["2025-03-10T11:30:00Z", "operational"],
  ]);
  await writeStatusChanges(t.db, f.studio, [["2025-02-01T00:00:00Z", "operational"]]);
});
afterAll(() => t.drop());

describe("lastIssuedStatements", () => {
  it("has nothing for contracts with no issued month", async () => {
    expect(await lastIssuedStatements(t.db, [f.contractId, other.contractId])).toEqual(new Map());
    expect(await lastIssuedStatements(t.db, [])).toEqual(new Map());
  });

  it("gives the newest issued month with its latest revision's figures", async () => {
    const now = new Date("2025-05-01T00:00:00Z");
    await issueStatement(t.db, f.contractId, "2025-02", now, { siteUrl: SITE });
    await issueStatement(t.db, f.contractId, "2025-03", now, { siteUrl: SITE });
    const march = (await lastIssuedStatements(t.db, [f.contractId, other.contractId])).get(f.contractId);
    // 1 − 90 / 44,640 = 99.7983… %, below the 99.9 % target: a 10 % credit of 1,000 EUR.
    expect(march).toMatchObject({
      month: "2025-03",
      revision: 1,
      availabilityPercent: 99.798,
      met: false,
      creditPercent: 10,
      creditAmount: 100,
      currency: "EUR",
    });

    await writeStatusChanges(t.db, f.checkout, [
      ["2025-03-20T08:00:00Z", "major_outage"],
      ["2025-03-20T08:30:00Z", "operational"],
    ]);
    await restateStatement(
      t.db,
      manager,
      { contractId: f.contractId, month: "2025-03", reason: "Late results" },
      { now, siteUrl: SITE },
    );
    const restated = await lastIssuedStatements(t.db, [f.contractId, other.contractId]);
    expect([...restated.keys()]).toEqual([f.contractId]);
    expect(restated.get(f.contractId)).toMatchObject({ month: "2025-03", revision: 2, availabilityPercent: 99.731 });
  });
});
