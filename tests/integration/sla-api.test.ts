// GET /api/sla/contracts/{id}/statements/{YYYY-MM}.json|.csv|.pdf through the
// route's own function: who gets in (sessions by role, personal tokens, not
// revoked ones), and clear 400/404 answers that name what was wrong.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../../lib/api-tokens/create-api-token.ts";
import { listApiTokens } from "../../lib/api-tokens/list-api-tokens.ts";
import { revokeApiToken } from "../../lib/api-tokens/revoke-api-token.ts";
import { handle } from "../../lib/http/handler.ts";
import { getContract } from "../../lib/sla/get-contract.ts";

import { statementDownload } from "../../lib/sla/statement-download.ts";
import { updateContract } from "../../lib/sla/update-contract.ts";
import { makeSession, makeUser } from "../support/console-factories.ts";
import { parseCsv } from "../support/csv.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { appErrorOf } from "../support/incident-factories.ts";
import { pdfText } from "../support/pdf-text.ts";
import { makePublicIncident } from "../support/public-factories.ts";
import { makeSlaFixture, type SlaFixture, writeStatusChanges } from "../support/sla-factories.ts";

let t: TestDatabase;
let f: SlaFixture;
const NOW = new Date("2026-11-20T12:00:00Z");

// The route handler exactly as app/api/sla/…/route.ts wires it, over the test database.
const GET = handle(async (request: Request, params: { id: string; month: string }) =>
  statementDownload(t.db, request, params, NOW),
);

function get(id: string, file: string, headers: Record<string, string> = {}, query = ""): Promise<Response> {
  return GET(new Request(`http://localhost/api/sla/contracts/${id}/statements/${file}${query}`, { headers }), {
    id,
    month: file,
  });
}

async function cookieFor(role: "ADMIN" | "ENGINEER" | "ACCOUNT_MANAGER" | "VIEWER"): Promise<Record<string, string>> {
  const user = await makeUser(t.db, role);
  return { cookie: `next-auth.session-token=${await makeSession(t.db, user.id)}` };
}

beforeAll(async () => {
  t = await createTestDatabase();
  f = await makeSlaFixture(t.db, {
    customerName: '=HYPERLINK("http://evil.test","Click")',
    contractName: 'Gold, "premium"',
  });
  await writeStatusChanges(t.db, f.checkout, [
    ["2026-09-30T00:00:00Z", "operational"],
    ["2026-10-10T10:00:00Z", "major_outage"],
    ["2026-10-10T10:30:00Z", "operational"],
  ]);
  await writeStatusChanges(t.db, f.studio, [["2026-09-30T00:00:00Z", "operational"]]);
  await makePublicIncident(t.db, {
    title: "Checkout returns errors",
    status: "resolved",
    startedAt: "2026-10-10T10:00:00Z",
    resolvedAt: "2026-10-10T10:30:00Z",
    affects: [{ componentRegionId: f.checkout, status: "major_outage" }],
  });
});
afterAll(() => t.drop());

describe("who may read", () => {
  it("lets every console role read, as JSON with its filename", async () => {
    for (const role of ["VIEWER", "ENGINEER", "ACCOUNT_MANAGER", "ADMIN"] as const) {
      const response = await get(f.contractId, "2026-10.json", await cookieFor(role));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(response.headers.get("content-disposition")).toMatch(
        /^inline; filename="customer-[a-z0-9]+-gold-premium-2026-10-provisional\.json"$/,
      );
      const body = await response.json();
      expect(body.header).toMatchObject({ month: "2026-10", monthRule: "calendar", state: "provisional" });
      expect(body.figures).toMatchObject({ availabilityPercent: 99.932, creditPercent: 10, creditAmount: 100 });
    }
  });

  it("answers 401 without a session or token, and for a token that is unknown, revoked or of a disabled person", async () => {
    expect((await get(f.contractId, "2026-10.json")).status).toBe(401);
    expect((await get(f.contractId, "2026-10.json", { authorization: "Bearer bwt_nonsense" })).status).toBe(401);

    const owner = await makeUser(t.db, "ACCOUNT_MANAGER");
    const { token, apiToken } = await createApiToken(t.db, owner, { name: "Billing system" });
    expect(token).toMatch(/^bwt_[A-Za-z0-9_-]{43}$/);
    expect(await t.db.apiToken.count({ where: { tokenHash: token } })).toBe(0);
    const ok = await get(f.contractId, "2026-10.csv", { authorization: `Bearer ${token}` });
    expect(ok.status).toBe(200);
    expect((await listApiTokens(t.db, owner))[0]!.lastUsedAt).not.toBeNull();

    await revokeApiToken(t.db, owner, { tokenId: apiToken.id });
    const revoked = await get(f.contractId, "2026-10.csv", { authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.code).toBe("UNAUTHENTICATED");

    const leaver = await makeUser(t.db, "VIEWER");
    const second = await createApiToken(t.db, leaver, { name: "Script" });
    await t.db.user.update({ where: { id: leaver.id }, data: { disabledAt: new Date() } });
    expect((await get(f.contractId, "2026-10.json", { authorization: `Bearer ${second.token}` })).status).toBe(401);
    expect(await t.db.auditEntry.count({ where: { action: { in: ["api_token.create", "api_token.revoke"] } } })).toBe(
      3,
    );
  });

  it("lets only the owner or an admin revoke a token", async () => {
    const owner = await makeUser(t.db, "VIEWER");
    const other = await makeUser(t.db, "ACCOUNT_MANAGER");
    const admin = await makeUser(t.db, "ADMIN");
    const { apiToken } = await createApiToken(t.db, owner, { name: "Mine" });
    expect((await appErrorOf(revokeApiToken(t.db, other, { tokenId: apiToken.id }))).code).toBe("NOT_FOUND");
    expect((await revokeApiToken(t.db, admin, { tokenId: apiToken.id })).revokedAt).not.toBeNull();
  });
});

describe("what comes back", () => {
  it("serves CSV that parses back, with formula cells neutralised, and a PDF holding the figures", async () => {
    const headers = await cookieFor("VIEWER");
    const csv = await get(f.contractId, "2026-10.csv", headers);
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(/^attachment; filename=".+\.csv"$/);
    const rows = parseCsv(await csv.text());
    expect(rows).toHaveLength(1 + 2 + 1);
    expect(rows[1]![0]).toBe(`'=HYPERLINK("http://evil.test","Click")`);
    expect(rows[1]![1]).toBe('Gold, "premium"');
    expect(rows.at(-1)!.slice(6, 7)).toEqual(["summary"]);

    const pdf = await get(f.contractId, "2026-10.pdf", headers);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    const text = (await pdfText(new Uint8Array(await pdf.arrayBuffer()))).text;
    expect(text).toContain("99.932 %");
    expect(text).toContain("100.00 EUR");
    expect(text).toContain("Checkout returns errors");
  });

  it("answers 404 for an unknown contract or revision, and 400 naming the field for a bad month, format or revision", async () => {
    const headers = await cookieFor("VIEWER");
    expect((await get("no-such-contract", "2026-10.json", headers)).status).toBe(404);
    expect((await get(f.contractId, "2026-10.json", headers, "?revision=2")).status).toBe(404);
    for (const [file, field, query] of [
      ["2026-13.json", "month", ""],
      ["2027-01.json", "month", ""],
      ["2026-09.csv", "month", ""],
      ["2026-10.xlsx", "format", ""],
      ["2026-10.json", "revision", "?revision=zero"],
    ] as const) {
      const response = await get(f.contractId, file, headers, query);
      expect(response.status, file).toBe(400);
      const body = await response.json();
      expect(body.error.code).toBe("BAD_REQUEST");
      expect(Object.keys(body.error.fields)).toEqual([field]);
    }
  });
});

describe("contract updates", () => {
  it("reports malformed credit tiers per field and keeps the contract as it was", async () => {
    const manager = await makeUser(t.db, "ACCOUNT_MANAGER");
    const before = await getContract(t.db, f.contractId);
    const input = {
      contractId: f.contractId,
      expectedVersion: before.version,
      name: before.name,
      startsOn: before.startsOn,
      slaTargetPercent: "101",
      partialOutageWeight: "0.5",
      degradedWeight: "0",
      creditTiers: [
        { belowPercent: "99", creditPercent: "10" },
        { belowPercent: "99.5", creditPercent: "120" },
      ],
      coverage: "all_components" as const,
      monthRule: "calendar" as const,
      maintenanceNoticeDays: "7",
      maintenanceAllowanceHours: "24",
      closeAfterDays: "40",
      monthlyFee: "-1",
      currency: "euro",
      recipients: ["not-an-email"],
      regions: before.regions.map((r) => r.key),
      products: before.products.map((p) => p.key),
    };
    const error = await appErrorOf(updateContract(t.db, manager, input));
    expect(error.code).toBe("VALIDATION");
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(
      [
        "closeAfterDays",
        "creditTiers.1.belowPercent",
        "creditTiers.1.creditPercent",
        "currency",
        "monthlyFee",
        "recipients.0",
        "slaTargetPercent",
      ].sort(),
    );
    expect((await getContract(t.db, f.contractId)).version).toBe(before.version);

    const viewer = await makeUser(t.db, "VIEWER");
    expect((await appErrorOf(updateContract(t.db, viewer, input))).code).toBe("FORBIDDEN");
  });
});
