// A customer and contract for the SLA specs, written through the library's own
// verbs (createCustomer, createContract, issueStatement) against the e2e
// server's database, plus a month of confirmed status history and an incident.
// Each Playwright project gets its own customer and covered region, so the
// desktop and phone runs never see each other's minutes.
import fs from "node:fs";
import path from "node:path";
import { E2E_DATA_DIR } from "../../playwright.config.ts";
import { createDb, type Db } from "../../lib/db.ts";
import type { Actor } from "../../lib/domain/roles.ts";
import { createContract } from "../../lib/sla/create-contract.ts";
import { createCustomer } from "../../lib/sla/create-customer.ts";
import { issueStatement } from "../../lib/sla/issue-statements.ts";
import { PEOPLE } from "./console-session.ts";
import { sql } from "./database.ts";
import { componentRegionId, createIncident } from "./public-site-fixtures.ts";

/** March 2025: 31 days, 44,640 minutes; checkout is down 90 minutes on the 10th. */
export const MONTH = "2025-03";
export const OUTAGE = { from: "2025-03-10T10:00:00Z", to: "2025-03-10T11:30:00Z" };
/** 1 − 90 / 44,640, cut to 3 decimals; below the 99.9 % target and its 10 % tier. */
export const AVAILABILITY = "99.798 %";
export const CREDIT = "100.00 EUR";
export const INCIDENT_TITLE = "E2E Checkout payments failing";

export interface SlaFixture {
  customerId: string;
  customerName: string;
  contractId: string;
  incidentId: string;
  componentRegionId: string;
}

export async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb(fs.readFileSync(path.join(E2E_DATA_DIR, "database-url"), "utf8"), { max: 2 });
  try {
    return await work(db);
  } finally {
    await db.$disconnect();
  }
}

async function accountManager(db: Db): Promise<Actor> {
  const user = await db.user.findUniqueOrThrow({
    where: { email: PEOPLE.accountManager },
    select: { id: true, email: true, role: true },
  });
  return user;
}

export async function addConfirmedStatus(componentRegion: string, at: string, status: string): Promise<void> {
  await sql(
    `INSERT INTO "StatusChange" (id, "componentRegionId", at, source, "toStatus") VALUES ('e2e-sla-' || md5(random()::text), $1, $2::timestamp(3), 'probes', $3::"ComponentStatus")`,
    [componentRegion, at, status],
  );
}

export async function seedNorthwind(project: string): Promise<SlaFixture> {
  const region = project === "phone" ? "eu-central-1.aws" : "europe-west1.gcp";
  const cr = await componentRegionId("checkout", region);
  await removeLeftovers(cr);
  const fixture = await withDb(async (db) => {
    const manager = await accountManager(db);
    await db.customer.deleteMany({ where: { key: `northwind-e2e-${project}` } });
    const customer = await createCustomer(db, manager, {
      key: `northwind-e2e-${project}`,
      name: `Northwind E2E ${project}`,
    });
    const contract = await createContract(db, manager, {
      customerId: customer.id,
      name: "Enterprise",
      startsOn: "2025-01-01",
      endsOn: "",
      slaTargetPercent: "99.9",
      partialOutageWeight: "0.5",
      degradedWeight: "0",
      creditTiers: [
        { belowPercent: "99.9", creditPercent: "10" },
        { belowPercent: "99", creditPercent: "25" },
      ],
      coverage: "all_components",
      monthRule: "calendar",
      maintenanceNoticeDays: "7",
      maintenanceAllowanceHours: "24",
      closeAfterDays: "5",
      monthlyFee: "1000",
      currency: "EUR",
      recipients: [],
      accountManagerId: manager.id,
      regions: [region],
      products: ["checkout"],
    });
    return { customerId: customer.id, customerName: customer.name, contractId: contract.id };
  });
  await addConfirmedStatus(cr, "2025-02-01T00:00:00Z", "operational");
  await addConfirmedStatus(cr, OUTAGE.from, "major_outage");
  await addConfirmedStatus(cr, OUTAGE.to, "operational");
  const incidentId = await createIncident({
    title: INCIDENT_TITLE,
    status: "resolved",
    impact: "critical",
    startedAt: new Date(OUTAGE.from),
    resolvedAt: new Date(OUTAGE.to),
    affected: [{ component: "checkout", region, status: "major_outage" }],
  });
  await withDb((db) => issueStatement(db, fixture.contractId, MONTH, new Date()));
  return { ...fixture, incidentId, componentRegionId: cr };
}

/** What an earlier, interrupted run of this project may have left behind. */
async function removeLeftovers(componentRegion: string): Promise<void> {
  await sql(`DELETE FROM "StatusChange" WHERE id LIKE 'e2e-sla-%' AND "componentRegionId" = $1`, [componentRegion]);
  await sql(
    `DELETE FROM "Incident" i USING "IncidentComponentRegion" icr WHERE icr."incidentId" = i.id AND icr."componentRegionId" = $1 AND i.title = $2`,
    [componentRegion, INCIDENT_TITLE],
  );
}

export async function removeNorthwind(fixture: SlaFixture | undefined): Promise<void> {
  if (!fixture) return;
  await sql(`DELETE FROM "Customer" WHERE id = $1`, [fixture.customerId]);
  await removeLeftovers(fixture.componentRegionId);
}
