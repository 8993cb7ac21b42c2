// The demo's SLA stories: contracts that show every rule, statements issued
// for the months that have closed, and one issued month restated after late
// probe results arrived. Idempotent: each step checks what is already there.
import type { Db } from "../db.ts";
import type { Actor } from "../domain/roles.ts";
import { createContract } from "../sla/create-contract.ts";
import { createCustomer } from "../sla/create-customer.ts";
import { issueDueStatements } from "../sla/issue-statements.ts";
import { addMonths, monthOf, monthStart } from "../sla/month.ts";
import { restateStatement } from "../sla/restate-statement.ts";
import { DEMO_CUSTOMER } from "../platform/demo-people.ts";
import { DEMO_CONTRACTS, LATE_MAINTENANCE, LATE_RESULTS, NORTHWIND_TERMS } from "./demo-customers.ts";

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The first day (UTC) of the month the history starts in; contracts start there so every month has data. */
function firstHistoryMonth(historyStart: Date): string {
  return `${monthOf(historyStart)}-01`;
}

async function seedContracts(db: Db, manager: Actor, startsOn: string): Promise<void> {
  const northwind = await db.contract.findFirst({
    where: { customer: { key: DEMO_CUSTOMER.key }, name: DEMO_CUSTOMER.contract.name },
    include: { statements: { take: 1 } },
  });
  if (northwind && northwind.statements.length === 0 && northwind.recipients.length === 0) {
    await db.contract.update({
      where: { id: northwind.id },
      data: {
        ...NORTHWIND_TERMS,
        recipients: [...NORTHWIND_TERMS.recipients],
        startsOn: new Date(`${startsOn}T00:00:00Z`),
        accountManagerId: manager.id,
      },
    });
  }
  for (const spec of DEMO_CONTRACTS) {
    const customer =
      (await db.customer.findUnique({ where: { key: spec.customer.key } })) ??
      (await createCustomer(db, manager, spec.customer));
    if (
      await db.contract.findFirst({ where: { customerId: customer.id, name: spec.terms.name }, select: { id: true } })
    )
      continue;
    await createContract(db, manager, {
      ...spec.terms,
      customerId: customer.id,
      startsOn,
      accountManagerId: manager.id,
    });
  }
}

/** Completed maintenance, announced only three days before it started. */
async function seedLateMaintenance(db: Db, historyEnd: Date): Promise<void> {
  if (await db.maintenance.findUnique({ where: { id: LATE_MAINTENANCE.id }, select: { id: true } })) return;
  const cr = await db.componentRegion.findFirst({
    where: { component: { key: LATE_MAINTENANCE.componentKey }, region: { key: LATE_MAINTENANCE.regionKey } },
  });
  if (!cr) return;
  const day = Math.floor((historyEnd.getTime() - LATE_MAINTENANCE.startDaysAgo * DAY) / DAY) * DAY;
  const from = new Date(day + 2 * 60 * MINUTE);
  const to = new Date(from.getTime() + LATE_MAINTENANCE.durationMinutes * MINUTE);
  const announced = new Date(from.getTime() - LATE_MAINTENANCE.noticeDays * DAY);
  await db.maintenance.create({
    data: {
      id: LATE_MAINTENANCE.id,
      title: LATE_MAINTENANCE.title,
      description: LATE_MAINTENANCE.description,
      status: "completed",
      scheduledStart: from,
      scheduledEnd: to,
      startedAt: from,
      completedAt: to,
      createdAt: announced,
      componentRegions: { create: [{ componentRegionId: cr.id }] },
      updates: {
        create: [
          { status: "scheduled", message: LATE_MAINTENANCE.description, createdAt: announced },
          { status: "in_progress", message: "The reindex has started.", createdAt: from },
          {
            status: "completed",
            message: "The reindex is complete and search results are whole again.",
            createdAt: to,
          },
        ],
      },
    },
  });
}

/**
 * Late results for Northwind's latest issued month: a short partial outage the
 * issued figures did not hold, then the restatement an account manager makes.
 */
async function restateWithLateResults(db: Db, manager: Actor): Promise<boolean> {
  const contract = await db.contract.findFirst({
    where: { customer: { key: DEMO_CUSTOMER.key } },
    select: { id: true },
  });
  if (!contract) return false;
  const issued = await db.slaStatement.findFirst({
    where: { contractId: contract.id },
    orderBy: [{ month: "desc" }, { revision: "desc" }],
  });
  if (!issued || issued.revision > 1) return false;
  const cr = await db.componentRegion.findFirst({
    where: { component: { key: LATE_RESULTS.componentKey }, region: { key: LATE_RESULTS.regionKey } },
  });
  if (!cr) return false;
  // The month's last day, 14:10 UTC, if the component-region was operational then.
  const from = new Date(monthStart(addMonths(issued.month, 1)).getTime() - DAY + (14 * 60 + 10) * MINUTE);
  const before = await db.statusChange.findFirst({
    where: { componentRegionId: cr.id, at: { lte: from } },
    orderBy: { at: "desc" },
  });
  if (before?.toStatus !== "operational") return false;
  const to = new Date(from.getTime() + LATE_RESULTS.durationMinutes * MINUTE);
  const evidence = { seeded: true, late: true, reason: LATE_RESULTS.reason };
  await db.statusChange.createMany({
    data: [
      {
        componentRegionId: cr.id,
        at: from,
        source: "probes",
        fromStatus: "operational",
        toStatus: "partial_outage",
        evidence,
      },
      {
        componentRegionId: cr.id,
        at: to,
        source: "probes",
        fromStatus: "partial_outage",
        toStatus: "operational",
        evidence,
      },
    ],
  });
  await restateStatement(db, manager, { contractId: contract.id, month: issued.month, reason: LATE_RESULTS.reason });
  return true;
}

async function historySpan(db: Db): Promise<{ first: Date; last: Date } | null> {
  const [first, last] = await Promise.all([
    db.statusChange.findFirst({ where: { source: "probes" }, orderBy: { at: "asc" }, select: { at: true } }),
    db.statusChange.findFirst({ where: { source: "probes" }, orderBy: { at: "desc" }, select: { at: true } }),
  ]);
  return first && last ? { first: first.at, last: last.at } : null;
}

/** Before the postmortems, so that their measured impact names the contracts an outage charged. */
export async function seedDemoContracts(db: Db, manager: Actor, now: Date): Promise<void> {
  const span = await historySpan(db);
  if (!span) return;
  await seedContracts(db, manager, firstHistoryMonth(span.first));
  await seedLateMaintenance(db, now);
}

/** After the incidents and postmortems, so that statements list them. */
export async function seedDemoStatements(
  db: Db,
  manager: Actor,
  now: Date,
): Promise<{ issued: number; restated: boolean }> {
  if (!(await historySpan(db))) return { issued: 0, restated: false };
  const { issued } = await issueDueStatements(db, now);
  const restated = await restateWithLateResults(db, manager);
  return { issued: issued.length, restated };
}
