// npm run bench -- notify-approval, and bench notify's first part: approving a detected incident with 100,000
// subscribers (the real approveProposal, whose transaction writes only the
// event), and the chunked fan-out the worker then runs (startFanOut) until the
// event is marked fanned out. Reference, in the same run: the outbox write the
// approval used to carry — the event and every row in one statement, in one
// transaction; and the floor, the same approval telling nobody.
import { createDb, type Db } from "../lib/db.ts";
import { approveProposal } from "../lib/incidents/approve-proposal.ts";
import { enqueueChunk, enqueueEvent } from "../lib/notifications/enqueue.ts";
import type { EventPayload } from "../lib/notifications/events.ts";
import { FAN_OUT_DEFAULTS, startFanOut } from "../lib/notifications/fan-out.ts";
import { seedPlatform } from "../lib/seed/seed-platform.ts";
import { startBenchDatabase } from "./database.ts";
import { count, log, median, ms, printSummary, ratio, verdict } from "./report.ts";

const APPROVAL_RUNS = 5;
const SUBSCRIBERS = 100_000;
export const TARGET_APPROVAL_MS = 200;

export const APPROVAL_PAYLOAD: EventPayload = {
  title: "Checkout errors in us-central1.gcp",
  path: "/incidents/bench",
  status: "investigating",
  impact: "major",
  message:
    "We are investigating elevated error rates for checkout in us-central1.gcp. Some orders may fail; retries are safe.",
  affected: [{ component: "Checkout", region: "us-central1.gcp", status: "major_outage" }],
  at: new Date().toISOString(),
};

/**
 * The demo platform and `subscribers` confirmed subscribers of checkout in us-central1.gcp, through every kind
 * of scope: ¼ everything, ¼ everything tier-1 only, ¼ the region, ¼ the component. Returns that ComponentRegion.
 */
export async function seedSubscribers(
  db: Db,
  subscribers: number,
): Promise<{ id: string; regionId: string; componentId: string }> {
  await seedPlatform(db);
  const [target] = await db.$queryRawUnsafe<{ id: string; regionId: string; componentId: string }[]>(
    `SELECT cr.id, cr."regionId", cr."componentId" FROM "ComponentRegion" cr JOIN "Component" c ON c.id = cr."componentId" JOIN "Region" r ON r.id = cr."regionId"
      WHERE c.key = 'checkout' AND r.key = 'us-central1.gcp'`,
  );
  if (!target) throw new Error("notify: the demo platform has no checkout in us-central1.gcp");
  await db.$executeRawUnsafe(
    `INSERT INTO "Subscriber" ("id", "email", "scopeAll", "tier1Only", "confirmedAt", "updatedAt")
     SELECT 'bench-' || i, 'bench-' || i || '@example.test', i % 4 < 2, i % 8 = 1, now(), now() FROM generate_series(1, ${subscribers}) AS i`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "SubscriberRegion" SELECT 'bench-' || i, $1 FROM generate_series(1, ${subscribers}) AS i WHERE i % 4 = 2`,
    target.regionId,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "SubscriberComponent" SELECT 'bench-' || i, $1 FROM generate_series(1, ${subscribers}) AS i WHERE i % 4 = 3`,
    target.componentId,
  );
  await db.$executeRawUnsafe(`ANALYZE`);
  return target;
}

export interface ApprovalFigures {
  /** approveProposal, start to return: the median of `approvals` runs. */
  approvalMs: number;
  approvals: number;
  /** The same approval with notifySubscribers off (no event, no outbox): the median. */
  silentMs: number;
  /** From the approval's start until the last chunk committed. */
  fanOutMs: number;
  rows: number;
  /** The event and all its rows in one statement, one transaction. */
  oneStatementMs: number;
  oneStatementRows: number;
}

export async function measureApproval(
  db: Db,
  target: { id: string },
  payload: EventPayload,
  subscribers: number,
): Promise<ApprovalFigures> {
  log(`reference: the event and every outbox row in one statement, in one transaction …`);
  const referenceStarted = performance.now();
  const oneStatementRows = await db.$transaction(
    async (tx) => {
      const event = await enqueueEvent(tx, {
        kind: "incident_published",
        payload,
        dedupeKey: "bench:one-statement",
        componentRegionIds: [target.id],
      });
      return (await enqueueChunk(tx, event!.eventId, Number.MAX_SAFE_INTEGER))!.written;
    },
    { timeout: 300_000 },
  );
  const oneStatementMs = performance.now() - referenceStarted;
  log(`reference: ${count(oneStatementRows)} rows in ${ms(oneStatementMs)}`);
  await db.notificationEvent.deleteMany({ where: { dedupeKey: "bench:one-statement" } });
  await db.$executeRawUnsafe(`VACUUM ANALYZE "Notification"`);

  const engineer = await db.user.create({
    data: { email: "bench-engineer@bellwether.test", name: "Bench engineer", role: "ENGINEER" },
  });
  const actor = { id: engineer.id, email: engineer.email, role: "ENGINEER" as const };
  const propose = () =>
    db.incident.create({
      data: {
        title: "Checkout errors in us-central1.gcp",
        impact: "major",
        priority: "P2",
        source: "detected",
        review: "proposed",
        startedAt: new Date(Date.now() - 120_000),
        detectedAt: new Date(Date.now() - 60_000),
        evidence: { componentRegions: [], sampleErrors: ["expected status 200, got 503"] },
        componentRegions: { create: [{ componentRegionId: target.id, status: "major_outage" }] },
      },
    });
  const approve = async (notifySubscribers: boolean) => {
    const proposal = await propose();
    const started = performance.now();
    await approveProposal(db, actor, { incidentId: proposal.id, expectedVersion: proposal.version, notifySubscribers });
    return { incidentId: proposal.id, started, elapsed: performance.now() - started };
  };
  // Taking turns with the floor, the same approval telling nobody (no event at all); the first of each warms up.
  // The fan-out runner is off meanwhile, and each event is deleted before it has a row.
  const silent: number[] = [];
  const told: number[] = [];
  for (let i = 0; i <= APPROVAL_RUNS; i++) {
    const quiet = await approve(false);
    const loud = await approve(true);
    await db.notificationEvent.deleteMany({ where: { incidentId: loud.incidentId } });
    if (i === 0) continue;
    silent.push(quiet.elapsed);
    told.push(loud.elapsed);
  }
  log(
    `approvals: telling ${count(subscribers)} subscribers, p50 ${ms(median(told))}; telling nobody p50 ${ms(median(silent))}`,
  );

  // The last one with the fan-out running as the worker runs it: polling for unfinished events, chunk by chunk.
  const fanOut = startFanOut(db);
  try {
    log(`approving once more, the fan-out runner polling every ${FAN_OUT_DEFAULTS.pollMs} ms …`);
    const last = await approve(true);
    told.push(last.elapsed);
    for (;;) {
      const event = await db.notificationEvent.findFirst({
        where: { incidentId: last.incidentId },
        select: { fannedOutAt: true },
      });
      if (event?.fannedOutAt) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const fanOutMs = performance.now() - last.started;
    const rows = await db.notification.count({ where: { event: { incidentId: last.incidentId } } });
    log(`approval: ${ms(last.elapsed)}; fan-out of ${count(rows)} rows complete after ${ms(fanOutMs)}`);
    return {
      approvalMs: median(told),
      approvals: told.length,
      silentMs: median(silent),
      fanOutMs,
      rows,
      oneStatementMs,
      oneStatementRows,
    };
  } finally {
    await fanOut.stop();
  }
}

/** The approval alone, without the sender and the status page (which bench notify adds): quick enough for CI. */
export async function run(): Promise<void> {
  const database = await startBenchDatabase("notify-approval");
  const db = createDb(database.url, { max: 4 });
  try {
    const target = await seedSubscribers(db, SUBSCRIBERS);
    log(`${count(SUBSCRIBERS)} confirmed subscribers of checkout in us-central1.gcp (every kind of scope)`);
    const approval = await measureApproval(db, target, APPROVAL_PAYLOAD, SUBSCRIBERS);
    if (approval.rows !== SUBSCRIBERS) throw new Error(`notify: ${approval.rows} outbox rows for ${SUBSCRIBERS}`);
    printSummary("notify-approval", [
      [
        "approval",
        `p50 ${ms(approval.approvalMs)} of ${approval.approvals} with ${count(SUBSCRIBERS)} subscribers (approveProposal; its transaction writes the event only) — target ≤ ${TARGET_APPROVAL_MS} ms: ${verdict(approval.approvalMs <= TARGET_APPROVAL_MS)}`,
      ],
      [
        "approval telling nobody",
        `p50 ${ms(approval.silentMs)} (the floor); ${ratio(approval.approvalMs, approval.silentMs)} of it`,
      ],
      [
        "one-statement outbox write",
        `${ms(approval.oneStatementMs)} for ${count(approval.oneStatementRows)} rows (what the approval's transaction held before)`,
      ],
      ["chunked fan-out", `${count(approval.rows)} rows, complete ${ms(approval.fanOutMs)} after the approval started`],
    ]);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}
