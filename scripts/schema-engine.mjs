// Migrations without the native schema engine (which cannot be downloaded on
// these machines): Prisma's WebAssembly schema engine over the pg driver
// adapter, reading and writing Prisma's standard prisma/migrations folder and
// _prisma_migrations table, so `prisma migrate deploy` works wherever the
// native engine exists. Plain JavaScript run by plain node in a child process
// (see migrate.ts): tsx's loader breaks the wasm bindings, and the pg patch
// below must not leak into the application's process.
//
// Usage: DATABASE_URL=… node schema-engine.mjs apply|create [NAME] SCHEMA MIGRATIONS_DIR
// Prints one JSON line: {"ok":true,"applied":[…],"created":…} or {"ok":false,"error":"…"}
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";

const require = createRequire(import.meta.url);
const filters = { externalTables: [], externalEnums: [] };

// Two gaps between this engine build and PostgreSQL 18, bridged in pg itself:
// 1. the schema describer reads pg_catalog "char" columns (OID 18), which
//    adapter-pg cannot decode: report them as text;
// 2. PostgreSQL 18 lists NOT NULL constraints in pg_constraint (contype 'n'),
//    a type the describer panics on: drop those rows (nullability is read
//    from the columns anyway).
const addFields = pg.Result.prototype.addFields;
pg.Result.prototype.addFields = function (fields) {
  for (const field of fields) if (field.dataTypeID === 18) field.dataTypeID = 25;
  this.constraintTypeIndex = fields.findIndex((field) => field.name === "constraint_type");
  return addFields.call(this, fields);
};
const addRow = pg.Result.prototype.addRow;
pg.Result.prototype.addRow = function (row) {
  const i = this.constraintTypeIndex ?? -1;
  if (i >= 0 && (Array.isArray(row) ? row[i] : row.constraint_type) === "n") return;
  return addRow.call(this, row);
};

// The engine reports a Rust panic through this global before it throws.
let lastPanic;
globalThis.PRISMA_WASM_PANIC_REGISTRY = { set_message: (message) => (lastPanic = message) };

async function loadWasm() {
  const bgPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
  const bg = await import(bgPath);
  const bytes = fs.readFileSync(path.join(path.dirname(bgPath), "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { "./schema_engine_bg.js": bg });
  bg.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start();
  return bg;
}

function connectionConfig(url) {
  const u = new URL(url);
  const sslmode = u.searchParams.get("sslmode");
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password) || undefined,
    database: decodeURIComponent(u.pathname.slice(1)),
    ...(sslmode === "require" ? { ssl: { rejectUnauthorized: false } } : {}),
  };
}

// adapter-pg runs a script by splitting it on ";", which breaks function
// bodies (the audit trail's trigger). Send it whole: PostgreSQL's simple query
// protocol runs it as one implicit transaction, so a failed migration leaves
// nothing half-applied.
function runScriptsWhole(adapter) {
  adapter.executeScript = async (script) => {
    try {
      await adapter.client.query(script);
    } catch (error) {
      adapter.onError(error);
    }
  };
  return adapter;
}

function adapterFactory(url) {
  const config = connectionConfig(url);
  const factory = new PrismaPg(config);
  const connect = factory.connect.bind(factory);
  factory.connect = async () => runScriptsWhole(await connect());
  // adapter-pg's own shadow database ignores `database` and drops it before
  // closing its pool; make and drop our own.
  factory.connectToShadowDb = async () => {
    const name = `bellwether_shadow_${Date.now()}_${process.pid}`;
    const main = await factory.connect();
    await main.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = runScriptsWhole(await new PrismaPg({ ...config, database: name }).connect());
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await main.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await main.dispose();
    };
    return shadow;
  };
  return factory;
}

function readMigrations(migrationsDir) {
  fs.mkdirSync(migrationsDir, { recursive: true });
  const lockPath = path.join(migrationsDir, "migration_lock.toml");
  const dirs = fs
    .readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  return {
    baseDir: migrationsDir,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: dirs.map((dir) => {
      const file = path.join(migrationsDir, dir, "migration.sql");
      return {
        path: dir,
        migrationFile: {
          path: "migration.sql",
          content: fs.existsSync(file)
            ? { tag: "ok", value: fs.readFileSync(file, "utf8") }
            : { tag: "error", value: "missing" },
        },
      };
    }),
  };
}

async function apply(engine, migrationsDir) {
  const result = await engine.applyMigrations({ migrationsList: readMigrations(migrationsDir), filters });
  return result.appliedMigrationNames;
}

// Run `apply` in a process of its own first (migrate.ts does): once this
// engine build has applied a migration, it cannot reach a shadow database
// again in the same process ("must be provided through an external factory").
async function create(engine, name, schemaPath, migrationsDir) {
  const diagnostic = await engine.devDiagnostic({ migrationsList: readMigrations(migrationsDir), filters });
  if (diagnostic.action.tag === "reset") {
    throw new Error(`The database has drifted from prisma/migrations and needs a reset: ${diagnostic.action.reason}`);
  }
  const pending = await apply(engine, migrationsDir);
  if (pending.length > 0) throw new Error(`Apply pending migrations first (${pending.join(", ")}), in a separate run.`);
  const created = await engine.createMigration({
    draft: false,
    migrationName: name,
    migrationsList: readMigrations(migrationsDir),
    schema: { files: [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }] },
    filters,
  });
  if (!created.migrationScript) return { applied: [], created: null };
  const dir = path.join(migrationsDir, created.generatedMigrationName);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), created.migrationScript);
  const lock = path.join(migrationsDir, "migration_lock.toml");
  if (!fs.existsSync(lock))
    fs.writeFileSync(lock, '# Please do not edit this file manually\nprovider = "postgresql"\n');
  return { applied: await apply(engine, migrationsDir), created: created.generatedMigrationName };
}

async function withEngine(openEngine, run) {
  const { engine, adapter } = await openEngine();
  try {
    return await run(engine);
  } catch (error) {
    const registered = adapter.errorRegistry?.registeredErrors ?? [];
    const cause = registered.find((r) => r?.error)?.error;
    const detail = cause?.message ?? lastPanic;
    throw new Error(`${error?.message ?? error}${detail ? ` (${detail})` : ""}`);
  } finally {
    engine.free?.();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const verb = args.shift();
  const name = verb === "create" ? args.shift() : undefined;
  const [schemaPath, migrationsDir] = args.map((p) => path.resolve(p));
  const url = process.env.DATABASE_URL;
  if (!url || !schemaPath || !migrationsDir)
    throw new Error("usage: DATABASE_URL=… schema-engine.mjs apply|create NAME SCHEMA DIR");

  const bg = await loadWasm();
  const datamodel = fs.readFileSync(schemaPath, "utf8");
  const openEngine = async () => {
    const adapter = bindMigrationAwareSqlAdapterFactory(adapterFactory(url));
    const engine = await bg.SchemaEngine.new({ datamodels: [[schemaPath, datamodel]] }, () => {}, adapter);
    return { engine, adapter };
  };
  if (verb === "apply")
    return { applied: await withEngine(openEngine, (engine) => apply(engine, migrationsDir)), created: null };
  if (verb === "create") return withEngine(openEngine, (engine) => create(engine, name, schemaPath, migrationsDir));
  throw new Error(`unknown verb ${verb}`);
}

// A panic inside the engine can surface outside any awaited promise.
process.on("uncaughtException", (error) => {
  process.stdout.write(`${JSON.stringify({ ok: false, error: lastPanic ?? String(error?.message ?? error) })}\n`);
  process.exit(1);
});

main().then(
  (result) => {
    process.stdout.write(`${JSON.stringify({ ok: true, ...result })}\n`);
    // pg pools keep the event loop alive for their idle timeout; we are done.
    process.exit(0);
  },
  (error) => {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(error?.message ?? error) })}\n`);
    process.exit(1);
  },
);
