// DESIGN.md's dependency rules, checked on every CI run (`npm run check`).
// Biome's noRestrictedImports cannot say "only these" or see through a
// relative path, so the rules live here: each import is resolved to a file
// under the repository and judged by where it comes from and where it goes.
//
//   lib/domain   pure: imports lib/domain, zod and the generated enums, nothing else
//   app/         reaches the database only through lib/: no Prisma client, no pg,
//                no model or raw-SQL call on `db`
//   probes/      the agent imports only its contract (lib/monitoring/agent-config.ts)
//                and the generated enums, never app/
//   emails/      templates make no queries: no db, no Prisma, no pg; values only from
//                emails/ and lib/domain (types from anywhere)
//   lib/         no import cycles between modules (type-only imports excluded)
//
// Test files are exempt from the purity rules (a domain test may read the README).
// Usage: tsx scripts/check-dependencies.ts [root]; exits 1 and lists every violation.
import fs from "node:fs";
import path from "node:path";

export interface Violation {
  file: string;
  rule: string;
  detail: string;
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

const SOURCE = /\.(ts|tsx|mjs|js)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", ".data", "generated", ".git", "test-results", "playwright-report"]);
const GENERATED_ENUMS = "lib/generated/prisma/enums.ts";
const AGENT_CONTRACT = "lib/monitoring/agent-config.ts";
const DATABASE_PACKAGES = /^(@prisma\/|pg$|pg\/|prisma$)/;

function walk(dir: string, root: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, root, out);
    else if (SOURCE.test(entry.name)) out.push(path.relative(root, full));
  }
}

/** Every static and dynamic import or re-export in a source text. */
export function importsOf(source: string): Import[] {
  const found: Import[] = [];
  const text = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/^\s*\/\/.*$/gm, "");
  for (const m of text.matchAll(/\b(import|export)\s+(type\s+)?([\w*{}\s,$]*?)\s*from\s*["']([^"']+)["']/g)) {
    const names = m[3] ?? "";
    // `import { type A, type B }` imports no value either.
    const allTypes =
      /^\{[^}]*\}$/.test(names.trim()) &&
      names
        .replace(/[{}]/g, "")
        .split(",")
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith("type "));
    found.push({ specifier: m[4]!, typeOnly: Boolean(m[2]) || allTypes });
  }
  for (const m of text.matchAll(/\bimport\s*["']([^"']+)["']/g)) found.push({ specifier: m[1]!, typeOnly: false });
  for (const m of text.matchAll(/\bimport\s*\(\s*["']([^"']+)["']\s*\)/g)) {
    found.push({ specifier: m[1]!, typeOnly: false });
  }
  return found;
}

/** The repository-relative file an import names, or null for a package. */
function resolve(from: string, specifier: string): string | null {
  if (specifier.startsWith("@/")) return path.normalize(specifier.slice(2));
  if (specifier.startsWith(".")) return path.normalize(path.join(path.dirname(from), specifier));
  return null;
}

const isTest = (file: string) => /\.test\.tsx?$/.test(file) || file.startsWith("tests/");

function judge(file: string, imports: Import[], source: string): Violation[] {
  const out: Violation[] = [];
  const flag = (rule: string, detail: string) => out.push({ file, rule, detail });
  for (const { specifier, typeOnly } of imports) {
    const target = resolve(file, specifier);
    if (file.startsWith("lib/domain/") && !isTest(file)) {
      const pure = target
        ? target.startsWith("lib/domain/") || target === GENERATED_ENUMS
        : specifier === "zod" || specifier.startsWith("zod/");
      if (!pure) flag("lib/domain imports nothing impure", specifier);
    }
    if (file.startsWith("app/")) {
      const generatedClient = target?.startsWith("lib/generated/") && target !== GENERATED_ENUMS;
      if ((!target && DATABASE_PACKAGES.test(specifier)) || generatedClient) {
        flag("app/ reaches the database only through lib/", specifier);
      }
    }
    if (file.startsWith("probes/") && !isTest(file)) {
      if (target && !target.startsWith("probes/") && target !== AGENT_CONTRACT && target !== GENERATED_ENUMS) {
        flag("probes/ imports only the agent contract", specifier);
      }
      if (!target && DATABASE_PACKAGES.test(specifier)) flag("probes/ imports only the agent contract", specifier);
    }
    if (file.startsWith("emails/") && !isTest(file)) {
      const query = target === "lib/db.ts" || (!target && DATABASE_PACKAGES.test(specifier));
      const valueFromLib =
        target &&
        !typeOnly &&
        !target.startsWith("emails/") &&
        !target.startsWith("lib/domain/") &&
        target !== GENERATED_ENUMS;
      if (query || valueFromLib) flag("emails/ makes no queries", specifier);
    }
  }
  if (
    file.startsWith("app/") &&
    /\bdb\s*\.\s*(\$queryRaw|\$executeRaw|\$transaction|[a-z]\w*\s*\.\s*(find|create|update|delete|upsert|count|aggregate|groupBy)\w*\s*\()/.test(
      source,
    )
  ) {
    flag("app/ reaches the database only through lib/", "a query on `db` in the handler itself");
  }
  return out;
}

/** Cycles among lib/ modules through value imports, each reported once. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") {
        const cycle = stack.slice(stack.indexOf(next));
        const key = [...cycle].sort().join(" ");
        if (!seen.has(key)) {
          seen.add(key);
          found.push([...cycle, next]);
        }
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

export function checkDependencies(root: string): Violation[] {
  const files: string[] = [];
  for (const dir of ["app", "lib", "probes", "emails"]) walk(path.join(root, dir), root, files);
  const violations: Violation[] = [];
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    const imports = importsOf(source);
    violations.push(...judge(file, imports, source));
    if (file.startsWith("lib/") && !isTest(file)) {
      graph.set(
        file,
        imports
          .filter((i) => !i.typeOnly)
          .map((i) => resolve(file, i.specifier))
          .filter((t): t is string => t?.startsWith("lib/") === true && !t.startsWith("lib/generated/")),
      );
    }
  }
  for (const cycle of cycles(graph)) {
    violations.push({ file: cycle[0]!, rule: "no import cycles in lib/", detail: cycle.join(" → ") });
  }
  return violations;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = path.resolve(process.argv[2] ?? ".");
  const violations = checkDependencies(root);
  for (const v of violations) console.error(`${v.file}: ${v.rule}: ${v.detail}`);
  console.log(
    violations.length === 0 ? "dependency rules: none broken" : `dependency rules: ${violations.length} broken`,
  );
  process.exit(violations.length === 0 ? 0 : 1);
}
