// npm run sla:report -- --customer <key> --month 2026-11 --format pdf|csv|json [--contract <name>] [--out <file>]
// A customer's statements for a month, through the same library as the API:
// issued months are their stored bytes, open months are computed now.
// CSV and JSON go to stdout without --out; a PDF is written to --out or to
// <customer>-<month>.pdf (one file per contract when there are several).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { createDb } from "../lib/db.ts";
import { provisionDatabase } from "../lib/database/provision.ts";
import { AppError } from "../lib/errors.ts";
import { getStatementFile } from "../lib/sla/get-statement.ts";
import { type CustomerSummary, getCustomerByKey, listCustomers } from "../lib/sla/list-customers.ts";
import { parseStatementMonth } from "../lib/sla/month.ts";
import type { StatementFile, StatementFormat } from "../lib/sla/types.ts";
import { runCommand } from "./command.ts";

const FORMATS: readonly StatementFormat[] = ["pdf", "csv", "json"];
const USAGE =
  "usage: npm run sla:report -- --customer <key> --month YYYY-MM --format pdf|csv|json [--contract <name>] [--out <file>]";

function options() {
  const { values } = parseArgs({
    options: {
      customer: { type: "string" },
      month: { type: "string" },
      format: { type: "string" },
      contract: { type: "string" },
      out: { type: "string" },
    },
  });
  if (!values.customer) throw new Error(`sla:report: give --customer <key>\n${USAGE}`);
  if (!values.month) throw new Error(`sla:report: give --month YYYY-MM\n${USAGE}`);
  if (!FORMATS.includes(values.format as StatementFormat))
    throw new Error(`sla:report: give --format pdf, csv or json\n${USAGE}`);
  try {
    parseStatementMonth(values.month);
  } catch (error) {
    throw new Error(`sla:report: --month ${values.month}: ${(error as Error).message}`);
  }
  return {
    customer: values.customer,
    month: values.month,
    format: values.format as StatementFormat,
    contract: values.contract,
    out: values.out,
  };
}

function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "contract"
  );
}

/** Several statements as one document: a JSON array of the statements, or one CSV header over every row. */
function combine(files: StatementFile[], format: "csv" | "json"): string {
  const texts = files.map((file) => file.body.toString("utf8"));
  if (format === "json") return texts.length === 1 ? texts[0]! : `[\n${texts.map((t) => t.trimEnd()).join(",\n")}\n]\n`;
  return texts.map((t, i) => (i === 0 ? t : t.slice(t.indexOf("\r\n") + 2))).join("");
}

async function customerOf(db: ReturnType<typeof createDb>, key: string): Promise<CustomerSummary> {
  try {
    return await getCustomerByKey(db, key);
  } catch (error) {
    if (!(error instanceof AppError && error.code === "NOT_FOUND")) throw error;
    const known = (await listCustomers(db)).map((c) => c.key);
    throw new Error(`sla:report: no customer with the key "${key}". Known: ${known.join(", ") || "none"}.`);
  }
}

runCommand(async (env) => {
  const args = options();
  // A report only reads: it does not migrate (a database without tables gets a one-line hint from runCommand),
  // and beside a running demo it reads the demo's database instead of stopping it.
  const database = await provisionDatabase(env, () => {}, { shareRunning: true });
  const db = createDb(database.url, { max: 2 });
  try {
    const customer = await customerOf(db, args.customer);
    const contracts = args.contract ? customer.contracts.filter((c) => c.name === args.contract) : customer.contracts;
    if (contracts.length === 0) {
      throw new Error(
        `sla:report: ${customer.name} has no contract${args.contract ? ` named "${args.contract}"` : ""}. Contracts: ${customer.contracts.map((c) => c.name).join(", ") || "none"}.`,
      );
    }
    const now = new Date();
    const files: { name: string; file: StatementFile }[] = [];
    for (const contract of contracts) {
      try {
        files.push({
          name: contract.name,
          file: await getStatementFile(db, contract.id, args.month, args.format, now),
        });
      } catch (error) {
        // With several contracts, one that does not cover the month is skipped, not fatal.
        if (contracts.length === 1 || !(error instanceof AppError) || error.code !== "BAD_REQUEST") throw error;
        console.error(`${contract.name}: skipped: ${error.message}`);
      }
    }
    for (const { name, file } of files) {
      console.error(
        `${customer.name} / ${name} / ${args.month}: ${file.state === "issued" ? `issued, revision ${file.revision}, sha256 ${file.sha256}` : "provisional"}`,
      );
    }
    if (args.format === "pdf") {
      const base = args.out ?? `${customer.key}-${args.month}.pdf`;
      for (const { name, file } of files) {
        const path = files.length === 1 ? base : base.replace(/(\.pdf)?$/i, `-${slug(name)}.pdf`);
        fs.writeFileSync(path, file.body);
        console.error(`wrote ${path}`);
      }
      return;
    }
    const text = combine(
      files.map((f) => f.file),
      args.format,
    );
    if (args.out) {
      fs.writeFileSync(args.out, text);
      console.error(`wrote ${args.out}`);
    } else await new Promise<void>((resolve) => process.stdout.write(text, () => resolve())); // written before runCommand exits
  } finally {
    await db.$disconnect();
    await database.stop();
  }
});
