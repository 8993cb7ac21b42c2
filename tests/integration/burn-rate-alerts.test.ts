// Burn-rate alerts from synthetic rollups: each rule of the SRE workbook's table
// just above and just below its factor, exactly which alerts fire; a firing
// recorded once however often the worker evaluates; resolving only when both
// windows are below; the incident proposal a tier-1 page raises (and detection
// leaves standing while the alert fires) for an engineer to approve; and the
// email opted-in engineers receive, through a real SMTP server.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { BURN_RATE_RULES } from "../../lib/domain/slo.ts";
import { approveProposal } from "../../lib/incidents/approve-proposal.ts";
import { detectIncidents } from "../../lib/incidents/detect-incidents.ts";
import type { MailSettings } from "../../lib/mail/settings.ts";
import { sendDueStaffMail } from "../../lib/mail/staff-mail.ts";
import { createMailTransport } from "../../lib/mail/transport.ts";
import { evaluateBurnAlerts } from "../../lib/slo/evaluate-burn-alerts.ts";
import { makeUser } from "../support/console-factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeIncident, makeProduct, makeRegion } from "../support/factories.ts";
import { burst, writeChecks } from "../support/slo-factories.ts";
import { type SmtpSink, startSmtpSink } from "../support/smtp-sink.ts";

let t: TestDatabase;
const NOW = new Date("2026-12-04T12:00:00Z");
const MIN = 60_000;
const SPAN = 3 * 1440 + 60;
/** Checks a minute: at 99.9 % the budget is 100 of them, so `factor × 100` failed ones burn at exactly the factor. */
const BASE = 100_000;

async function componentRegion(tier: "TIER_1" | "TIER_2" = "TIER_1", probeStatus: "operational" | null = null) {
  const product = await makeProduct(t.db);
  const component = await makeComponent(t.db, product.id, { tier });
  const region = await makeRegion(t.db);
  return makeComponentRegion(t.db, component.id, region.id, { probeStatus });
}

async function firedRules(componentRegionId: string): Promise<string[]> {
  const alerts = await t.db.burnRateAlert.findMany({ where: { componentRegionId, resolvedAt: null } });
  return alerts.map((a) => BURN_RATE_RULES.find((r) => r.longMinutes === a.longWindowMinutes)!.key).sort();
}

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("each rule just above and just below its factor", () => {
  // A tier-1 component-region (99.9 %) failing `factor × 100 ± 1` of 100,000 checks a minute over the rule's long window.
  const cases: [string, number, string[], string[]][] = [
    ["page-1h", 1440, ["page-1h"], []],
    ["page-6h", 600, ["page-6h"], []],
    // Three times the budget for a day is also more than the budget over three days: both tickets.
    ["ticket-1d", 300, ["ticket-1d", "ticket-3d"], []],
    ["ticket-3d", 100, ["ticket-3d"], []],
  ];
  for (const [key, atFactor, above, below] of cases) {
    const rule = BURN_RATE_RULES.find((r) => r.key === key)!;
    it(`${key}: ${atFactor + 1} failed a minute fires ${above.join(" and ")}; ${atFactor - 1} fires nothing`, async () => {
      const hot = await componentRegion("TIER_2");
      const cool = await componentRegion("TIER_2");
      await t.db.component.updateMany({
        where: { regions: { some: { id: { in: [hot.id, cool.id] } } } },
        data: { sloTargetPercent: 99.9 },
      });
      await writeChecks(t.db, hot.id, NOW, SPAN, burst(NOW, rule.longMinutes, atFactor + 1, BASE));
      await writeChecks(t.db, cool.id, NOW, SPAN, burst(NOW, rule.longMinutes, atFactor - 1, BASE));
      await evaluateBurnAlerts(t.db, NOW, { componentRegionIds: [hot.id, cool.id], propose: false, notify: false });
      expect(await firedRules(hot.id)).toEqual(above);
      expect(await firedRules(cool.id)).toEqual(below);
      const [alert] = await t.db.burnRateAlert.findMany({
        where: { componentRegionId: hot.id, longWindowMinutes: rule.longMinutes },
      });
      expect(Number(alert!.burnRate)).toBe(rule.factor);
      expect(alert!.shortWindowMinutes).toBe(rule.shortMinutes);
      expect(alert!.shortErrorRatio).toBeCloseTo((atFactor + 1) / BASE, 6);
      expect(alert!.longErrorRatio).toBeGreaterThan((rule.factor * 100) / BASE);
    });
  }

  it("counts degraded checks as good: a slow component-region burns no budget", async () => {
    const slow = await componentRegion();
    await writeChecks(t.db, slow.id, NOW, SPAN, () => ({ good: 100, bad: 0 }));
    await t.db.rollupMinute.updateMany({
      where: { componentRegionId: slow.id },
      data: { upCount: 0, degradedCount: 100 },
    });
    await evaluateBurnAlerts(t.db, NOW, { componentRegionIds: [slow.id], propose: false, notify: false });
    expect(await firedRules(slow.id)).toEqual([]);
  });
});

describe("a firing over time", () => {
  it("is recorded once however often it is evaluated, and resolves only when both windows are below", async () => {
    const cr = await componentRegion("TIER_2");
    // 99.5 %: 20× the budget for the hour before NOW, nothing failing after it.
    const end = NOW.getTime();
    const checks = (m: number) =>
      m > end - 60 * MIN && m <= end ? { good: 9000, bad: 1000 } : { good: 10_000, bad: 0 };
    const at = async (minutesAfter: number) => {
      const now = new Date(end + minutesAfter * MIN);
      await writeChecks(t.db, cr.id, now, SPAN, checks);
      return evaluateBurnAlerts(t.db, now, { componentRegionIds: [cr.id], propose: false, notify: false });
    };
    const first = await at(0);
    // 20× over the hour is 20/6 ≈ 3.3× over 6 h and 20/24 over a day: only the fast page.
    expect(first.fired).toHaveLength(1);
    expect(await firedRules(cr.id)).toEqual(["page-1h"]);
    await at(0);
    await at(1);
    const pageAlerts = await t.db.burnRateAlert.findMany({
      where: { componentRegionId: cr.id, longWindowMinutes: 60 },
    });
    expect(pageAlerts).toHaveLength(1);
    // Ten minutes on, the short window is clean but the hour still burns 50/60 × 20 ≈ 16.7×: it keeps firing.
    await at(10);
    expect(await firedRules(cr.id)).toContain("page-1h");
    // Twenty minutes on, the hour burns 40/60 × 20 ≈ 13.3× and the short window 0: both below 14.4, resolved.
    const later = await at(20);
    expect(later.resolved).toContain(pageAlerts[0]!.id);
    const resolved = await t.db.burnRateAlert.findUniqueOrThrow({ where: { id: pageAlerts[0]!.id } });
    expect(resolved.resolvedAt).toEqual(new Date(end + 20 * MIN));
    expect(resolved.openKey).toBeNull();
  });
});

describe("a page on a tier-1 component-region", () => {
  const hotChecks = burst(NOW, 60, 2000, BASE); // 20× at 99.9 %

  it("becomes an incident proposal that detection leaves standing and an engineer approves", async () => {
    const cr = await componentRegion("TIER_1", "operational");
    await writeChecks(t.db, cr.id, NOW, SPAN, hotChecks);
    const summary = await evaluateBurnAlerts(t.db, NOW, { componentRegionIds: [cr.id], notify: false });
    expect(summary.proposed).toHaveLength(1);
    const proposal = await t.db.incident.findUniqueOrThrow({
      where: { id: summary.proposed[0]! },
      include: { componentRegions: true, burnAlerts: true },
    });
    expect(proposal).toMatchObject({ source: "detected", review: "proposed", status: "investigating" });
    expect(proposal.title).toMatch(/error budget burning fast/);
    expect(proposal.componentRegions.map((l) => l.componentRegionId)).toEqual([cr.id]);
    expect(proposal.burnAlerts.map((a) => a.severity)).toEqual(["page"]);
    expect(JSON.stringify(proposal.evidence)).toMatch(/1 h: 2\.00 % of 6,000,000 checks failed \(20\.0×\)/);

    // The probes say operational, but the budget still burns: detection must not withdraw it.
    await detectIncidents(t.db, new Date(NOW.getTime() + MIN), { tier2: true });
    expect((await t.db.incident.findUniqueOrThrow({ where: { id: proposal.id } })).review).toBe("proposed");

    // A second evaluation proposes nothing more.
    expect((await evaluateBurnAlerts(t.db, NOW, { componentRegionIds: [cr.id], notify: false })).proposed).toEqual([]);

    const engineer = await makeUser(t.db, "ENGINEER");
    const approved = await approveProposal(t.db, engineer, {
      incidentId: proposal.id,
      expectedVersion: proposal.version,
    });
    expect(approved.review).toBe("approved");
  });

  it("joins the open proposal of the same component: two regions paging are one proposal", async () => {
    const product = await makeProduct(t.db);
    const component = await makeComponent(t.db, product.id, { tier: "TIER_1" });
    const [a, b] = [
      await makeComponentRegion(t.db, component.id, (await makeRegion(t.db)).id),
      await makeComponentRegion(t.db, component.id, (await makeRegion(t.db)).id),
    ];
    await writeChecks(t.db, a.id, NOW, SPAN, hotChecks);
    const first = await evaluateBurnAlerts(t.db, NOW, { componentRegionIds: [a.id], notify: false });
    expect(first.proposed).toHaveLength(1);
    await writeChecks(t.db, b.id, NOW, SPAN, hotChecks);
    const second = await evaluateBurnAlerts(t.db, NOW, { componentRegionIds: [b.id], notify: false });
    expect(second.proposed).toEqual([]);
    const proposal = await t.db.incident.findUniqueOrThrow({
      where: { id: first.proposed[0]! },
      include: { componentRegions: true, burnAlerts: true },
    });
    expect(proposal.componentRegions.map((l) => l.componentRegionId).sort()).toEqual([a.id, b.id].sort());
    expect(proposal.burnAlerts.map((x) => x.componentRegionId).sort()).toEqual([a.id, b.id].sort());
  });

  it("is not proposed on tier 2, nor when an open incident covers it (the alert points at that incident)", async () => {
    const tier2 = await componentRegion("TIER_2");
    await t.db.component.updateMany({
      where: { regions: { some: { id: tier2.id } } },
      data: { sloTargetPercent: 99.9 },
    });
    const covered = await componentRegion("TIER_1");
    const incident = await makeIncident(t.db, [{ componentRegionId: covered.id, status: "partial_outage" }]);
    for (const cr of [tier2, covered]) await writeChecks(t.db, cr.id, NOW, SPAN, hotChecks);
    const summary = await evaluateBurnAlerts(t.db, NOW, { componentRegionIds: [tier2.id, covered.id], notify: false });
    expect(summary.fired).toHaveLength(2);
    expect(summary.proposed).toEqual([]);
    const alert = await t.db.burnRateAlert.findFirstOrThrow({ where: { componentRegionId: covered.id } });
    expect(alert.incidentId).toBe(incident.id);
  });
});

describe("email to engineers who opted in", () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(async () => {
    await sink.close();
  });
  beforeEach(async () => {
    await t.db.user.updateMany({ data: { burnAlertEmails: false } });
  });

  it("goes once to each enabled ENGINEER with burnAlertEmails, through the staff outbox", async () => {
    const mail: MailSettings = {
      smtpUrl: sink.url,
      from: "Status <status@status.example.test>",
      publicUrl: "https://status.example.test",
      secret: "x".repeat(40),
    };
    const optedIn = await makeUser(t.db, "ENGINEER");
    await makeUser(t.db, "ENGINEER"); // not opted in
    const viewer = await makeUser(t.db, "VIEWER");
    const disabled = await makeUser(t.db, "ENGINEER", { disabledAt: new Date() });
    await t.db.user.updateMany({
      where: { id: { in: [optedIn.id, viewer.id, disabled.id] } },
      data: { burnAlertEmails: true },
    });
    const cr = await componentRegion("TIER_2");
    await writeChecks(t.db, cr.id, NOW, SPAN, burst(NOW, 60, 8000, BASE)); // 16× at 99.5 %
    const options = { componentRegionIds: [cr.id], propose: false, baseUrl: "https://status.example.test" };
    const first = await evaluateBurnAlerts(t.db, NOW, options);
    expect(first.emailed).toBe(1);
    expect((await evaluateBurnAlerts(t.db, new Date(NOW.getTime() + MIN), options)).emailed).toBe(0);

    const transport = createMailTransport(mail);
    try {
      await sendDueStaffMail(t.db, new Date(NOW.getTime() + 2 * MIN), { mail, transport });
    } finally {
      transport.close();
    }
    await sink.waitFor(1);
    expect(sink.messages.map((m) => m.to)).toEqual([[optedIn.email]]);
    const parsed = await sink.parse(sink.messages[0]!);
    expect(parsed.subject).toMatch(/^\[page\] Component .+ in Region .+ burns its error budget 14\.4×$/);
    expect(parsed.text).toContain("1 h: 8.00 % of 6,000,000 checks failed (16.0×)");
    expect(parsed.text).toContain("https://status.example.test/admin/slo");
    const alert = await t.db.burnRateAlert.findFirstOrThrow({ where: { componentRegionId: cr.id } });
    expect(alert.notifiedAt).toEqual(NOW);
  });

  it("puts every alert of one evaluation in one email, pages first", async () => {
    const mail: MailSettings = {
      smtpUrl: sink.url,
      from: "Status <status@status.example.test>",
      publicUrl: "https://status.example.test",
      secret: "x".repeat(40),
    };
    sink.clear();
    const engineer = await makeUser(t.db, "ENGINEER");
    await t.db.user.update({ where: { id: engineer.id }, data: { burnAlertEmails: true } });
    const [paging, ticketing] = [await componentRegion("TIER_2"), await componentRegion("TIER_2")];
    await writeChecks(t.db, paging.id, NOW, SPAN, burst(NOW, 60, 8000, BASE)); // page-1h
    await writeChecks(t.db, ticketing.id, NOW, SPAN, burst(NOW, 3 * 1440, 600, BASE)); // 1.2× for 3 days: ticket-3d
    const summary = await evaluateBurnAlerts(t.db, NOW, {
      componentRegionIds: [paging.id, ticketing.id],
      propose: false,
      baseUrl: "https://status.example.test",
    });
    expect(summary.fired).toHaveLength(2);
    expect(summary.emailed).toBe(1);
    const transport = createMailTransport(mail);
    try {
      await sendDueStaffMail(t.db, new Date(NOW.getTime() + MIN), { mail, transport });
    } finally {
      transport.close();
    }
    await sink.waitFor(1);
    const parsed = await sink.parse(sink.messages[0]!);
    expect(parsed.subject).toMatch(/^\[page\] 2 burn-rate alerts fired \(1 page\): /);
    const text = parsed.text ?? "";
    expect(text.indexOf("- Page — ")).toBeGreaterThan(-1);
    expect(text.indexOf("- Page — ")).toBeLessThan(text.indexOf("- Ticket — "));
  });
});
