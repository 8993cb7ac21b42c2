// GET /api/slo/gate?component=&region= for deployment pipelines: may this
// ComponentRegion take a change now? No (409) while its 30-day error budget is
// spent or a page-level burn-rate alert fires; yes (200) otherwise. A personal
// API token authenticates the pipeline; unknown keys are a 404 that names them.
import { z } from "zod";
import { authenticateApiToken } from "../api-tokens/authenticate-api-token.ts";
import type { Db } from "../db.ts";
import { can } from "../domain/roles.ts";
import { BURN_NOW_WINDOW_MINUTES, burnRate, gateDecision, ruleOf, SLO_WINDOW_DAYS } from "../domain/slo.ts";
import { AppError } from "../errors.ts";
import { json } from "../http/handler.ts";
import { parseInput } from "../parse-input.ts";
import { NO_CHECKS, readBurnWindows } from "./read-burn-windows.ts";
import { readErrorBudgets } from "./read-error-budgets.ts";

const KEY = z
  .string()
  .trim()
  .min(1, "Required.")
  .max(100)
  .regex(/^[a-z0-9][a-z0-9.-]*$/, "A key such as checkout or us-central1.gcp.");
export const sloGateQuery = z.object({ component: KEY, region: KEY });

export async function sloGate(db: Db, request: Request, now = new Date()): Promise<Response> {
  const actor = await authenticateApiToken(db, request.headers.get("authorization"), now);
  if (!can(actor.role, "console.read")) throw new AppError("FORBIDDEN", "Your role does not allow this.");
  const params = new URL(request.url).searchParams;
  const query = parseInput(sloGateQuery, {
    component: params.get("component") ?? "",
    region: params.get("region") ?? "",
  });
  const [component, region] = await Promise.all([
    db.component.findUnique({ where: { key: query.component }, select: { id: true } }),
    db.region.findUnique({ where: { key: query.region }, select: { id: true } }),
  ]);
  const unknown = [
    ...(component ? [] : [`no component has the key "${query.component}"`]),
    ...(region ? [] : [`no region has the key "${query.region}"`]),
  ];
  const [entry] =
    unknown.length === 0
      ? await readErrorBudgets(db, now, { componentKey: query.component, regionKey: query.region })
      : [];
  if (!entry) {
    const reason =
      unknown.length > 0
        ? `Unknown key: ${unknown.join(" and ")}.`
        : `${query.component} is not hosted in ${query.region}.`;
    return json({ allow: false, reason }, { status: 404, headers: { "cache-control": "no-store" } });
  }
  const [firing, windows] = await Promise.all([
    db.burnRateAlert.findMany({
      where: { componentRegionId: entry.subject.id, resolvedAt: null },
      orderBy: { firedAt: "asc" },
      select: { severity: true, longWindowMinutes: true, shortWindowMinutes: true, firedAt: true },
    }),
    readBurnWindows(db, now, [entry.subject.id]),
  ]);
  const pages = firing.flatMap((a) => {
    const rule = a.severity === "page" ? ruleOf(a) : undefined;
    return rule ? [rule] : [];
  });
  const decision = gateDecision(entry.budget, pages);
  const body = {
    allow: decision.allow,
    reason: decision.reason,
    component: query.component,
    region: query.region,
    sloPercent: entry.budget.sloPercent,
    windowDays: SLO_WINDOW_DAYS,
    budgetRemainingPercent: entry.budget.remaining === null ? null : Math.round(entry.budget.remaining * 10_000) / 100,
    burnRateNow:
      Math.round(
        burnRate(windows.get(entry.subject.id)?.get(BURN_NOW_WINDOW_MINUTES) ?? NO_CHECKS, entry.budget.sloPercent) *
          100,
      ) / 100,
    firingAlerts: firing.map((a) => {
      const rule = ruleOf(a);
      return { severity: a.severity, rule: rule?.key ?? null, firedAt: a.firedAt.toISOString() };
    }),
    evaluatedAt: now.toISOString(),
  };
  return json(body, { status: decision.allow ? 200 : 409, headers: { "cache-control": "no-store" } });
}
