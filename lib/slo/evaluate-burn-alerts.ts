// Burn-rate alerting, run by the monitoring worker after detection: every
// ComponentRegion's windows from the rollups against the SRE workbook's rules
// (lib/domain/slo.ts). A firing is recorded once (openKey is unique while it is
// open) with both windows' error ratios; a page on a tier-1 ComponentRegion that
// no open incident covers becomes an incident proposal; opted-in engineers get
// one email per evaluation through the staff outbox. One transaction under an advisory lock, so
// two workers never record a firing twice.
import { burnAlertEmail, type FiredBurnAlert } from "../../emails/burn-alert.ts";
import type { Db, Prisma } from "../db.ts";
import {
  BURN_RATE_RULES,
  type BurnRateRule,
  burnAlertOpenKey,
  burnRate,
  burnRuleVerdict,
  type CheckCounts,
  errorRatio,
  windowLabel,
} from "../domain/slo.ts";
import { formatUtcDateTime } from "../domain/time-display.ts";
import { getEnv } from "../env.ts";
import { SITE_NAME } from "../mail/settings.ts";
import { enqueueStaffMail } from "../mail/staff-mail.ts";
import { proposeForBurnAlert } from "./burn-proposal.ts";
import { type BurnSubject, burnSubjectSelect, sloOf } from "./burn-subjects.ts";
import { NO_CHECKS, readBurnWindows } from "./read-burn-windows.ts";

const BURN_ALERT_LOCK = 7_310_013;

export interface BurnAlertSummary {
  fired: string[];
  resolved: string[];
  /** Incident proposals opened for page alerts. */
  proposed: string[];
  /** Staff mails queued. */
  emailed: number;
}

export interface EvaluateBurnAlertsOptions {
  /** Only these ComponentRegions (the demo seed replays one). */
  componentRegionIds?: readonly string[];
  /** Open incident proposals for page alerts; default true. */
  propose?: boolean;
  /** Email opted-in engineers; default true. */
  notify?: boolean;
  /** Absolute base of console links in emails; defaults to PUBLIC_URL. */
  baseUrl?: string;
}

type Tx = Prisma.TransactionClient;

export async function evaluateBurnAlerts(
  db: Db,
  now: Date,
  options: EvaluateBurnAlertsOptions = {},
): Promise<BurnAlertSummary> {
  return db.$transaction(
    async (tx) => {
      const summary: BurnAlertSummary = { fired: [], resolved: [], proposed: [], emailed: 0 };
      const [lock] = await tx.$queryRawUnsafe<{ locked: boolean }[]>(
        `SELECT pg_try_advisory_xact_lock(${BURN_ALERT_LOCK}) AS locked`,
      );
      if (!lock?.locked) return summary;

      const only = options.componentRegionIds ? { id: { in: [...options.componentRegionIds] } } : {};
      const [subjects, windows, open] = await Promise.all([
        tx.componentRegion.findMany({ where: only, select: burnSubjectSelect }),
        readBurnWindows(tx, now, options.componentRegionIds),
        tx.burnRateAlert.findMany({
          where: { resolvedAt: null, ...(options.componentRegionIds ? { componentRegionId: only.id } : {}) },
          select: { id: true, openKey: true },
        }),
      ]);
      const openByKey = new Map(open.map((a) => [a.openKey, a.id]));
      const fired: {
        subject: BurnSubject;
        rule: BurnRateRule;
        alertId: string;
        long: CheckCounts;
        short: CheckCounts;
      }[] = [];
      for (const subject of subjects) {
        const slo = sloOf(subject);
        const counts = windows.get(subject.id);
        for (const rule of BURN_RATE_RULES) {
          const key = burnAlertOpenKey(subject.id, rule);
          const openId = openByKey.get(key);
          const long = counts?.get(rule.longMinutes) ?? NO_CHECKS;
          const short = counts?.get(rule.shortMinutes) ?? NO_CHECKS;
          const verdict = burnRuleVerdict(rule, openId !== undefined, long, short, slo);
          if (verdict === "resolve" && openId) {
            await tx.burnRateAlert.update({ where: { id: openId }, data: { resolvedAt: now, openKey: null } });
            summary.resolved.push(openId);
          } else if (verdict === "fire") {
            const alert = await tx.burnRateAlert.create({
              data: {
                componentRegionId: subject.id,
                severity: rule.severity,
                burnRate: rule.factor,
                longWindowMinutes: rule.longMinutes,
                shortWindowMinutes: rule.shortMinutes,
                sloTargetPercent: slo,
                longErrorRatio: errorRatio(long) ?? 0,
                shortErrorRatio: errorRatio(short) ?? 0,
                firedAt: now,
                openKey: key,
              },
              select: { id: true },
            });
            fired.push({ subject, rule, alertId: alert.id, long, short });
            summary.fired.push(alert.id);
          }
        }
      }
      if (fired.length === 0) return summary;

      if (options.propose ?? true) {
        const pages = fired.filter((f) => f.rule.severity === "page" && f.subject.component.tier === "TIER_1");
        const bySubject = new Map<string, typeof pages>();
        for (const f of pages) bySubject.set(f.subject.id, [...(bySubject.get(f.subject.id) ?? []), f]);
        for (const [, group] of bySubject) {
          const first = group[0]!;
          const outcome = await proposeForBurnAlert(tx, first.subject, evidenceLine(first), now);
          if (outcome.proposed && outcome.incidentId) summary.proposed.push(outcome.incidentId);
          if (outcome.incidentId)
            await tx.burnRateAlert.updateMany({
              where: { id: { in: group.map((g) => g.alertId) } },
              data: { incidentId: outcome.incidentId },
            });
        }
      }
      if (options.notify ?? true) summary.emailed = await notifyEngineers(tx, fired, now, options.baseUrl);
      return summary;
    },
    { timeout: 30_000 },
  );
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(2)} %`;
}

function windowEvidence(minutes: number, counts: CheckCounts, slo: number): string {
  return `${windowLabel(minutes)}: ${percent(errorRatio(counts) ?? 0)} of ${counts.total.toLocaleString("en-US")} checks failed (${burnRate(counts, slo).toFixed(1)}×)`;
}

function evidenceLine(f: { subject: BurnSubject; rule: BurnRateRule; long: CheckCounts; short: CheckCounts }): string {
  const slo = sloOf(f.subject);
  return `error budget of ${slo} % burning above ${f.rule.factor}× — ${windowEvidence(f.rule.longMinutes, f.long, slo)}; ${windowEvidence(f.rule.shortMinutes, f.short, slo)}`;
}

async function notifyEngineers(
  tx: Tx,
  fired: { subject: BurnSubject; rule: BurnRateRule; alertId: string; long: CheckCounts; short: CheckCounts }[],
  now: Date,
  baseUrl: string | undefined,
): Promise<number> {
  const engineers = await tx.user.findMany({
    where: { role: "ENGINEER", burnAlertEmails: true, disabledAt: null },
    select: { id: true, email: true, name: true },
    orderBy: { email: "asc" },
  });
  if (engineers.length === 0) return 0;
  const url = new URL("/admin/slo", baseUrl ?? getEnv().PUBLIC_URL).toString();
  const ordered = [...fired].sort((a, b) =>
    a.rule.severity === b.rule.severity ? 0 : a.rule.severity === "page" ? -1 : 1,
  );
  const alerts: FiredBurnAlert[] = ordered.map((f) => {
    const slo = sloOf(f.subject);
    return {
      severity: f.rule.severity,
      componentName: f.subject.component.name,
      regionName: f.subject.region.name,
      sloLabel: `${slo} %`,
      factorLabel: `${f.rule.factor}×`,
      longLabel: windowEvidence(f.rule.longMinutes, f.long, slo),
      shortLabel: windowEvidence(f.rule.shortMinutes, f.short, slo),
    };
  });
  // One email per engineer and evaluation, keyed by the evaluation's first alert: a retry writes it once.
  const evaluationKey = [...fired.map((f) => f.alertId)].sort()[0]!;
  let queued = 0;
  for (const engineer of engineers) {
    const mail = burnAlertEmail({
      siteName: SITE_NAME,
      recipientName: engineer.name ?? engineer.email,
      alerts,
      firedLabel: formatUtcDateTime(now),
      url,
    });
    const dedupeKey = `burn-alerts:${evaluationKey}:${engineer.id}`;
    if (await enqueueStaffMail(tx, { dedupeKey, to: engineer.email, ...mail }, now)) queued += 1;
  }
  await tx.burnRateAlert.updateMany({ where: { id: { in: fired.map((f) => f.alertId) } }, data: { notifiedAt: now } });
  return queued;
}

/** How often the worker's 2-second tick evaluates: the shortest window is 5 minutes, so 10 s is prompt enough. */
export const BURN_EVALUATE_EVERY_MS = 10_000;
const lastEvaluatedAt = new WeakMap<Db, number>();

/** For the worker's tick: evaluates when BURN_EVALUATE_EVERY_MS has passed (or the clock went back), else null. */
export async function evaluateBurnAlertsIfDue(db: Db, now: Date): Promise<BurnAlertSummary | null> {
  const last = lastEvaluatedAt.get(db);
  if (last !== undefined && now.getTime() >= last && now.getTime() - last < BURN_EVALUATE_EVERY_MS) return null;
  lastEvaluatedAt.set(db, now.getTime());
  return evaluateBurnAlerts(db, now);
}
