// Customers and contracts as account managers write them: per-field errors,
// coverage that must cover something, lost updates refused, every change
// audited; and the edit page's preview of the month so far.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/domain/roles.ts";
import { getContractYear } from "../../lib/sla/contract-year.ts";
import { createContract } from "../../lib/sla/create-contract.ts";
import { createCustomer } from "../../lib/sla/create-customer.ts";
import { getContract } from "../../lib/sla/get-contract.ts";
import { issueDueStatements } from "../../lib/sla/issue-statements.ts";
import { previewCurrentMonth } from "../../lib/sla/preview-current-month.ts";
import { updateContract } from "../../lib/sla/update-contract.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { appErrorOf, makeActor, makePlatform, type TestPlatform } from "../support/incident-factories.ts";
import { writeStatusChanges } from "../support/sla-factories.ts";

let t: TestDatabase;
let p: TestPlatform;
let manager: Actor;
let productKey: string;

beforeAll(async () => {
  t = await createTestDatabase();
  manager = await makeActor(t.db, "ACCOUNT_MANAGER");
  p = await makePlatform(t.db, [{ key: "studio", tier: "TIER_2" }], 2);
  productKey = (
    await t.db.product.findFirstOrThrow({ where: { components: { some: { id: p.components.studio!.id } } } })
  ).key;
});
afterAll(() => t.drop());

function terms(overrides: Record<string, unknown> = {}) {
  return {
    name: "Premium 2026",
    startsOn: "2026-01-01",
    endsOn: "",
    slaTargetPercent: "99.99",
    partialOutageWeight: "0.5",
    degradedWeight: "0",
    creditTiers: [
      { belowPercent: "99.99", creditPercent: "10" },
      { belowPercent: "99", creditPercent: "25" },
      { belowPercent: "95", creditPercent: "50" },
    ],
    coverage: "all_components" as const,
    monthRule: "fixed_30_days" as const,
    maintenanceNoticeDays: "7",
    maintenanceAllowanceHours: "24",
    closeAfterDays: "5",
    monthlyFee: "2500",
    currency: "usd",
    recipients: ["Billing@Contoso.test"],
    accountManagerId: manager.id,
    regions: [p.regions[0]!.key],
    products: [productKey],
    ...overrides,
  };
}

describe("writing contracts", () => {
  it("creates a customer and a contract, normalised and audited; only sla.manage may", async () => {
    const customer = await createCustomer(t.db, manager, { key: "Contoso", name: "Contoso" });
    expect(customer.key).toBe("contoso");
    expect((await appErrorOf(createCustomer(t.db, manager, { key: "contoso", name: "Again" }))).fields).toHaveProperty(
      "key",
    );
    const engineer = await makeActor(t.db, "ENGINEER");
    expect((await appErrorOf(createContract(t.db, engineer, { customerId: customer.id, ...terms() }))).code).toBe(
      "FORBIDDEN",
    );

    const contract = await createContract(t.db, manager, { customerId: customer.id, ...terms() });
    expect(contract).toMatchObject({
      currency: "USD",
      recipients: ["billing@contoso.test"],
      targetPercent: 99.99,
      monthRule: "fixed_30_days",
      endsOn: null,
      version: 0,
    });
    expect(contract.coveredComponentRegions.map((cr) => cr.id)).toEqual([p.cr("studio", 0)]);
    expect(
      await t.db.auditEntry.count({
        where: { action: { in: ["customer.create", "contract.create"] }, actorId: manager.id },
      }),
    ).toBe(2);
  });

  it("refuses coverage that covers nothing, an end before the start, and unknown keys, each on its field", async () => {
    const customer = await createCustomer(t.db, manager, { key: "fabrikam", name: "Fabrikam" });
    const tier1Only = await appErrorOf(
      createContract(t.db, manager, { customerId: customer.id, ...terms({ coverage: "tier_1_only" }) }),
    );
    expect(tier1Only.fields?.products?.[0]).toMatch(/no tier-1 component/);
    const order = await appErrorOf(
      createContract(t.db, manager, { customerId: customer.id, ...terms({ endsOn: "2025-12-31" }) }),
    );
    expect(Object.keys(order.fields ?? {})).toEqual(["endsOn"]);
    const unknown = await appErrorOf(
      createContract(t.db, manager, { customerId: customer.id, ...terms({ regions: ["mars-1.gcp"] }) }),
    );
    expect(unknown.fields?.regions?.[0]).toBe("Unknown region: mars-1.gcp.");
  });

  it("turns away an update made from a stale form, with the current contract", async () => {
    const customer = await createCustomer(t.db, manager, { key: "litware", name: "Litware" });
    const created = await createContract(t.db, manager, { customerId: customer.id, ...terms() });
    const updated = await updateContract(t.db, manager, {
      contractId: created.id,
      expectedVersion: 0,
      ...terms({ regions: [p.regions[0]!.key, p.regions[1]!.key] }),
    });
    expect(updated.version).toBe(1);
    expect(updated.coveredComponentRegions).toHaveLength(2);
    const stale = await appErrorOf(
      updateContract(t.db, manager, { contractId: created.id, expectedVersion: 0, ...terms({ monthlyFee: "1" }) }),
    );
    expect(stale.code).toBe("CONFLICT");
    expect(stale.details).toMatchObject({ version: 1, monthlyFee: 2500 });
    expect((await getContract(t.db, created.id)).monthlyFee).toBe(2500);
  });
});

describe("reading a contract's months", () => {
  it("previews the month so far with the error budget left, and shows the year", async () => {
    const customer = await createCustomer(t.db, manager, { key: "tailspin", name: "Tailspin" });
    const contract = await createContract(t.db, manager, {
      customerId: customer.id,
      ...terms({ startsOn: "2026-09-01", monthRule: "calendar", slaTargetPercent: "99.9" }),
    });
    await writeStatusChanges(t.db, p.cr("studio", 0), [
      ["2026-08-01T00:00:00Z", "operational"],
      ["2026-11-02T00:00:00Z", "major_outage"],
      ["2026-11-02T00:10:00Z", "operational"],
    ]);
    const now = new Date("2026-11-08T12:00:00Z");
    const preview = await previewCurrentMonth(t.db, contract.id, now);
    expect(preview.month).toBe("2026-11");
    expect(preview.figures.downtimeMinutes).toBe(10);
    // 0.1 % of November's 43,200 minutes is 43.2 allowed; 10 used leaves 33.2.
    expect(preview.monthAllowedDowntimeMinutes).toBeCloseTo(43.2, 3);
    expect(preview.errorBudgetLeftMinutes).toBeCloseTo(33.2, 3);
    expect(preview.statement.header.window.to).toBe("2026-11-08T12:00:00.000Z");

    await issueDueStatements(t.db, now, { siteUrl: "https://status.example.test" });
    const year = await getContractYear(t.db, contract.id, 2026, now);
    expect(year.map((m) => m.state)).toEqual([
      ...Array(8).fill("not_started"),
      "issued",
      "issued",
      "provisional",
      "future",
    ]);
    expect(year[10]).toMatchObject({ met: true, revision: null });
  });
});
