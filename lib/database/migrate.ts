// Applies and creates migrations through scripts/schema-engine.mjs, in a child
// process of plain node (see that file for why).
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ENGINE = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "scripts", "schema-engine.mjs");

export interface MigrationPaths {
  schemaPath?: string;
  migrationsDir?: string;
}

interface EngineResult {
  applied: string[];
  created: string | null;
}

function runEngine(url: string, args: string[], paths: MigrationPaths): Promise<EngineResult> {
  const schemaPath = path.resolve(paths.schemaPath ?? "prisma/schema.prisma");
  const migrationsDir = path.resolve(paths.migrationsDir ?? "prisma/migrations");
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [ENGINE, ...args, schemaPath, migrationsDir],
      { env: { ...process.env, DATABASE_URL: url }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const line = stdout.trim().split("\n").at(-1) ?? "";
        try {
          const result = JSON.parse(line) as { ok: boolean; error?: string } & EngineResult;
          if (result.ok) resolve({ applied: result.applied, created: result.created });
          else reject(new Error(`Migration failed: ${result.error}`));
        } catch {
          reject(new Error(`Migration failed: ${(stderr || error?.message || "no output").trim().split("\n")[0]}`));
        }
      },
    );
  });
}

/** Applies every migration not yet applied; returns their names. */
export async function applyMigrations(url: string, paths: MigrationPaths = {}): Promise<string[]> {
  return (await runEngine(url, ["apply"], paths)).applied;
}

/**
 * Applies pending migrations, then writes and applies a new one for whatever
 * the schema has that the migrations lack. Returns its folder name, or null.
 */
export async function createMigration(url: string, name: string, paths: MigrationPaths = {}): Promise<string | null> {
  // Two processes: the engine cannot create a migration after it applied one.
  await runEngine(url, ["apply"], paths);
  return (await runEngine(url, ["create", name], paths)).created;
}
