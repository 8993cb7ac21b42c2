import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createDb } from "../../lib/db.ts";
import { applyMigrations, createMigration } from "../../lib/database/migrate.ts";
import { seedPlatform } from "../../lib/seed/seed-platform.ts";
import { createEmptyDatabase } from "../support/database.ts";
import { sql as query } from "../support/sql.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function copyMigrations(): { dir: string; schemaPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-migrations-"));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  fs.cpSync("prisma/migrations", path.join(dir, "migrations"), { recursive: true });
  const schemaPath = path.join(dir, "schema.prisma");
  fs.copyFileSync("prisma/schema.prisma", schemaPath);
  return { dir: path.join(dir, "migrations"), schemaPath };
}

describe("migrations", () => {
  it("match the schema: nothing in schema.prisma lacks a migration", async () => {
    const database = await createEmptyDatabase();
    cleanups.push(database.drop);
    const { dir, schemaPath } = copyMigrations();
    expect(await createMigration(database.url, "drift_check", { schemaPath, migrationsDir: dir })).toBeNull();
  });

  it("apply once; a second run applies nothing", async () => {
    const database = await createEmptyDatabase();
    cleanups.push(database.drop);
    const applied = await applyMigrations(database.url);
    expect(applied.length).toBe(fs.readdirSync("prisma/migrations").filter((d) => d !== "migration_lock.toml").length);
    expect(await applyMigrations(database.url)).toEqual([]);
  });

  it("a migration added later applies to an existing demo database without losing its data", async () => {
    const database = await createEmptyDatabase();
    cleanups.push(database.drop);
    const { dir, schemaPath } = copyMigrations();
    await applyMigrations(database.url, { schemaPath, migrationsDir: dir });
    const db = createDb(database.url, { max: 2 });
    const counts = await seedPlatform(db);
    await db.$disconnect();

    // A later change: regions get an optional note, and a new table appears.
    const schema = fs.readFileSync(schemaPath, "utf8");
    fs.writeFileSync(
      schemaPath,
      `${schema.replace("  location  String", "  note      String?\n  location  String")}\nmodel StatusNote {\n  id   Int    @id @default(autoincrement())\n  text String\n}\n`,
    );
    const created = await createMigration(database.url, "add_region_note", { schemaPath, migrationsDir: dir });
    expect(created).toMatch(/^\d{14}_add_region_note$/);
    const sql = fs.readFileSync(path.join(dir, created!, "migration.sql"), "utf8");
    expect(sql).toContain('ALTER TABLE "Region" ADD COLUMN     "note" TEXT');

    const regions = await query<{ key: string; note: string | null }>(
      database.url,
      `SELECT key, note FROM "Region" ORDER BY "sortOrder"`,
    );
    expect(regions.map((r) => r.key)).toEqual([
      "europe-west1.gcp",
      "us-central1.gcp",
      "australia-southeast1.gcp",
      "eu-central-1.aws",
      "us-east-2.aws",
    ]);
    expect(regions.every((r) => r.note === null)).toBe(true);
    const probes = await query<{ n: string }>(database.url, `SELECT count(*) AS n FROM "Probe"`);
    expect(Number(probes[0]?.n)).toBe(counts.probes);
    const history = await query<{ migration_name: string }>(
      database.url,
      `SELECT migration_name FROM _prisma_migrations ORDER BY started_at`,
    );
    expect(history.at(-1)?.migration_name).toBe(created);
  });

  it("refuses a broken migration without applying half of it", async () => {
    const database = await createEmptyDatabase();
    cleanups.push(database.drop);
    const { dir, schemaPath } = copyMigrations();
    await applyMigrations(database.url, { schemaPath, migrationsDir: dir });
    const broken = path.join(dir, "29990101000000_broken");
    fs.mkdirSync(broken);
    fs.writeFileSync(
      path.join(broken, "migration.sql"),
      `CREATE TABLE "Half" (id int);\nSELECT * FROM "NoSuchTable";\n`,
    );
    await expect(applyMigrations(database.url, { schemaPath, migrationsDir: dir })).rejects.toThrow(/Migration failed/);
    const tables = await query<{ table_name: string }>(
      database.url,
      `SELECT table_name FROM information_schema.tables WHERE table_name = 'Half'`,
    );
    expect(tables).toEqual([]);
  });
});
