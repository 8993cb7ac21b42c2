// npm run sla:report against a real database: CSV to stdout, a PDF
// to a file, and one clear line for an unknown customer or a bad month.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseCsv } from "../support/csv.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { pdfText } from "../support/pdf-text.ts";
import { makeSlaFixture, type SlaFixture, writeStatusChanges } from "../support/sla-factories.ts";

let t: TestDatabase;
let f: SlaFixture;
beforeAll(async () => {
  t = await createTestDatabase();
  f = await makeSlaFixture(t.db, { startsOn: "2026-01-01" });
  await writeStatusChanges(t.db, f.checkout, [["2025-12-31T00:00:00Z", "operational"]]);
  await writeStatusChanges(t.db, f.studio, [["2025-12-31T00:00:00Z", "operational"]]);
});
afterAll(() => t.drop());

function report(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/sla-report.ts", ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        DATABASE_URL: t.url,
      } as unknown as NodeJS.ProcessEnv,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => resolve({ status, stdout, stderr: stderr.trim() }));
  });
}

it("prints CSV, writes the PDF, and names what is wrong in one line", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sla-report-"));
  const out = path.join(dir, "march.pdf");
  const [csv, pdf, unknown, badMonth] = await Promise.all([
    report("--customer", f.customerKey, "--month", "2026-03", "--format", "csv"),
    report("--customer", f.customerKey, "--month", "2026-03", "--format", "pdf", "--out", out),
    report("--customer", "nobody", "--month", "2026-03", "--format", "csv"),
    report("--customer", f.customerKey, "--month", "2026-13", "--format", "csv"),
  ]);
  expect(csv.status, csv.stderr).toBe(0);
  expect(parseCsv(csv.stdout).at(-1)).toContain("summary");
  expect(pdf.status).toBe(0);
  expect((await pdfText(fs.readFileSync(out))).text).toContain("March 2026");
  expect(unknown).toMatchObject({
    status: 1,
    stderr: expect.stringMatching(/^sla:report: no customer with the key "nobody"\. Known: customer-/),
  });
  expect(badMonth.status).toBe(1);
  expect(badMonth.stderr).toMatch(/^sla:report: --month 2026-13: There is no month 13/);
  fs.rmSync(dir, { recursive: true });
});
