// GET /api/slo/gate through the route's own function: a personal API token or a
// 401; unknown keys a 404 that names them; 200 while the budget has room, 409
// while it is spent or a page-level burn-rate alert fires, and 200 again once
// that alert resolves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../lib/api-tokens/create-api-token.ts";
import { handle } from "../../lib/http/handler.ts";
import { evaluateBurnAlerts } from "../../lib/slo/evaluate-burn-alerts.ts";
import { sloGate } from "../../lib/slo/slo-gate.ts";
import { makeUser } from "../support/console-factories.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { writeChecks } from "../support/slo-factories.ts";

let t: TestDatabase;
let token: string;
const NOW = new Date("2026-12-04T12:00:00Z");
const MIN = 60_000;

let GET: (request: Request) => Promise<Response>;
let at = NOW;

async function gate(
  component: string,
  region: string,
  headers: Record<string, string> = { authorization: `Bearer ${token}` },
) {
  const response = await GET(
    new Request(
      `http://localhost/api/slo/gate?component=${encodeURIComponent(component)}&region=${encodeURIComponent(region)}`,
      {
        headers,
      },
    ),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function place(tier: "TIER_1" | "TIER_2" = "TIER_1") {
  const product = await makeProduct(t.db);
  const component = await makeComponent(t.db, product.id, { tier });
  const region = await makeRegion(t.db);
  const cr = await makeComponentRegion(t.db, component.id, region.id);
  return { id: cr.id, component: component.key, region: region.key };
}

beforeAll(async () => {
  t = await createTestDatabase();
  GET = handle(async (request: Request) => sloGate(t.db, request, at));
  const viewer = await makeUser(t.db, "VIEWER");
  token = (await createApiToken(t.db, viewer, { name: "deploy pipeline" })).token;
});
afterAll(async () => {
  await t.drop();
});

describe("GET /api/slo/gate", () => {
  it("wants a valid personal API token", async () => {
    const p = await place();
    expect((await gate(p.component, p.region, {})).status).toBe(401);
    expect((await gate(p.component, p.region, { authorization: "Bearer bwt_not-a-token" })).status).toBe(401);
  });

  it("names unknown keys in a 404, and refuses malformed ones with a 422", async () => {
    const p = await place();
    const unknownComponent = await gate("no-such-component", p.region);
    expect(unknownComponent.status).toBe(404);
    expect(unknownComponent.body).toMatchObject({
      allow: false,
      reason: expect.stringContaining('"no-such-component"'),
    });
    const unknownRegion = await gate(p.component, "nowhere.gcp");
    expect(unknownRegion.status).toBe(404);
    expect(unknownRegion.body.reason).toContain('"nowhere.gcp"');
    const other = await place();
    const notHosted = await gate(p.component, other.region);
    expect(notHosted.status).toBe(404);
    expect(notHosted.body.reason).toContain("is not hosted in");
    expect((await gate("", p.region)).status).toBe(422);
    expect((await gate("Checkout!", p.region)).status).toBe(422);
  });

  it("allows a healthy component-region, with its budget and burn rate", async () => {
    const p = await place();
    await writeChecks(t.db, p.id, NOW, 3 * 1440, () => ({ good: 100, bad: 0 }));
    const answer = await gate(p.component, p.region);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ allow: true, sloPercent: 99.9, budgetRemainingPercent: 100, burnRateNow: 0 });
  });

  it("refuses while the 30-day budget is spent", async () => {
    const p = await place("TIER_2");
    // 0.6 % failed over the last 10 days against a 0.5 % budget, and nothing failing in the last hour.
    await writeChecks(t.db, p.id, NOW, 10 * 1440, (m) =>
      m < NOW.getTime() - 60 * MIN ? { good: 994, bad: 6 } : { good: 1000, bad: 0 },
    );
    const answer = await gate(p.component, p.region);
    expect(answer.status).toBe(409);
    expect(answer.body).toMatchObject({ allow: false, reason: expect.stringMatching(/budget .* is exhausted/) });
    expect(answer.body.budgetRemainingPercent).toBeLessThan(0);
  });

  it("refuses while a page-level alert fires and allows again after it resolves", async () => {
    const p = await place();
    const end = NOW.getTime();
    // 3 % failing for the 30 minutes before NOW: 30× the 99.9 % budget over 5 min, 15× over the hour.
    const checks = (m: number) =>
      m > end - 30 * MIN && m <= end ? { good: 9700, bad: 300 } : { good: 10_000, bad: 0 };
    await writeChecks(t.db, p.id, NOW, 3 * 1440, checks);
    at = NOW;
    await evaluateBurnAlerts(t.db, at, { componentRegionIds: [p.id], propose: false, notify: false });
    const firing = await gate(p.component, p.region);
    expect(firing.status).toBe(409);
    expect(firing.body.reason).toMatch(/page-level burn-rate alert is firing.*14\.4× over 1 h and 5 min/);
    expect(firing.body.firingAlerts).toEqual([{ severity: "page", rule: "page-1h", firedAt: NOW.toISOString() }]);

    // 35 minutes on, the hour holds 25 of the failing minutes (12.5×) and the 5 minutes none: both below 14.4.
    at = new Date(end + 35 * MIN);
    await writeChecks(t.db, p.id, at, 3 * 1440, checks);
    const summary = await evaluateBurnAlerts(t.db, at, { componentRegionIds: [p.id], propose: false, notify: false });
    expect(summary.resolved).toHaveLength(1);
    const after = await gate(p.component, p.region);
    expect(after.status).toBe(200);
    expect(after.body.allow).toBe(true);
    at = NOW;
  });
});
