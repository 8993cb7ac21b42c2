// A resolved, detected incident with the record a postmortem is written from:
// check results from three vantages, confirmed status changes, latency
// rollups, an approval and updates through the real verbs, at fixed times.
import { randomUUID } from "node:crypto";
import type { Db } from "../../lib/db.ts";
import type { Actor } from "../../lib/domain/roles.ts";
import { approveProposal } from "../../lib/incidents/approve-proposal.ts";
import { postIncidentUpdate } from "../../lib/incidents/post-incident-update.ts";
import { makeRollups } from "./public-page-factories.ts";
import type { TestPlatform } from "./incident-factories.ts";

const at = (base: Date, minutes: number, seconds = 0) => new Date(base.getTime() + minutes * 60_000 + seconds * 1000);

export interface RecordedIncident {
  incidentId: string;
  componentRegionId: string;
  startedAt: Date;
  resolvedAt: Date;
  /** The probe status changes written: to major_outage, back to operational. */
  statusChangeIds: [string, string];
}

/**
 * Checkout in region 0 is down from t0 + 1 min to t0 + 41 min (confirmed), as
 * vantages 0 and 1 see it; vantage 2 sees it up. Detected at t0 + 2, approved
 * by `approver` at t0 + 5, updates at + 15 (identified), + 30 (monitoring),
 * resolved at + 45.
 */
export async function makeRecordedIncident(
  db: Db,
  p: TestPlatform,
  approver: Actor,
  t0: Date,
  componentKey = "checkout",
): Promise<RecordedIncident> {
  const cr = p.cr(componentKey, 0);
  const probe = await db.probe.create({
    data: {
      componentRegionId: cr,
      name: `http-${randomUUID().slice(0, 6)}`,
      kind: "http",
      target: "https://example.test/",
    },
  });
  const results = [];
  for (let m = -5; m < 50; m++) {
    for (const [v, region] of p.regions.entries()) {
      const down = v < 2 && m >= 1 && m < 41;
      results.push({
        id: randomUUID(),
        checkedAt: at(t0, m, 30),
        probeId: probe.id,
        componentRegionId: cr,
        vantageRegionId: region.id,
        outcome: down ? ("down" as const) : ("up" as const),
        latencyMs: down ? null : 120,
        statusCode: down ? 503 : 200,
        error: down ? "expected status 200, got 503" : null,
      });
    }
  }
  await db.checkResult.createMany({ data: results });
  await db.statusChange.create({
    data: {
      componentRegionId: cr,
      at: new Date("2026-01-01T00:00:00Z"),
      source: "probes",
      fromStatus: null,
      toStatus: "operational",
    },
  });
  const down = await db.statusChange.create({
    data: {
      componentRegionId: cr,
      at: at(t0, 1, 30),
      source: "probes",
      fromStatus: "operational",
      toStatus: "major_outage",
    },
  });
  const up = await db.statusChange.create({
    data: {
      componentRegionId: cr,
      at: at(t0, 41, 30),
      source: "probes",
      fromStatus: "major_outage",
      toStatus: "operational",
    },
  });
  await makeRollups(
    db,
    "minute",
    cr,
    Array.from({ length: 40 }, (_, m) => ({ bucketStart: at(t0, m + 1), latencies: [900, 1200, 4000] })),
  );
  await makeRollups(
    db,
    "hour",
    cr,
    Array.from({ length: 24 }, (_, h) => ({ bucketStart: at(t0, -60 * (h + 2)), latencies: [80, 100, 120] })),
  );

  const incident = await db.incident.create({
    data: {
      title: "Checkout unavailable",
      impact: "critical",
      priority: "P1",
      source: "detected",
      review: "proposed",
      startedAt: at(t0, 1, 30),
      detectedAt: at(t0, 2),
      evidence: { componentRegions: [], sampleErrors: ["expected status 200, got 503"] },
      createdAt: at(t0, 2),
      componentRegions: { create: [{ componentRegionId: cr, status: "major_outage" }] },
    },
  });
  let detail = await approveProposal(
    db,
    approver,
    { incidentId: incident.id, expectedVersion: 0, message: "We are investigating failed checkouts." },
    { now: at(t0, 5) },
  );
  detail = await postIncidentUpdate(
    db,
    approver,
    {
      incidentId: incident.id,
      expectedVersion: detail.version,
      status: "identified",
      message: "A bad deploy of the payment adapter.",
    },
    { now: at(t0, 15) },
  );
  detail = await postIncidentUpdate(
    db,
    approver,
    {
      incidentId: incident.id,
      expectedVersion: detail.version,
      status: "monitoring",
      message: "Rolled back; watching.",
    },
    { now: at(t0, 30) },
  );
  await postIncidentUpdate(
    db,
    approver,
    { incidentId: incident.id, expectedVersion: detail.version, status: "resolved", message: "Checkout works again." },
    { now: at(t0, 45) },
  );
  return {
    incidentId: incident.id,
    componentRegionId: cr,
    startedAt: at(t0, 1, 30),
    resolvedAt: at(t0, 45),
    statusChangeIds: [down.id, up.id],
  };
}
