import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkDependencies, importsOf } from "./check-dependencies.ts";

let root: string | undefined;

function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "deps-"));
  root = dir;
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  return dir;
}

afterEach(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
  root = undefined;
});

describe("the dependency rules", () => {
  it("pass the repository as it is", () => {
    expect(checkDependencies(path.resolve(import.meta.dirname, ".."))).toEqual([]);
  });

  it("refuse a domain module that reads the database or the file system", () => {
    const found = checkDependencies(
      tree({
        "lib/domain/a.ts": 'import { db } from "../db.ts";\nimport fs from "node:fs";\nimport { b } from "./b.ts";',
        "lib/domain/b.ts": 'import { z } from "zod";\nimport type { Priority } from "../generated/prisma/enums.ts";',
        "lib/domain/a.test.ts": 'import fs from "node:fs";',
      }),
    );
    expect(found.map((v) => [v.file, v.detail])).toEqual([
      ["lib/domain/a.ts", "../db.ts"],
      ["lib/domain/a.ts", "node:fs"],
    ]);
  });

  it("refuse Prisma or a query in app/, and allow going through lib/", () => {
    const found = checkDependencies(
      tree({
        "app/ok/page.tsx":
          'import { db } from "@/lib/db.ts";\nimport { listUsers } from "@/lib/users/list-users.ts";\nawait listUsers(db);',
        "app/bad/page.tsx": 'import { PrismaClient } from "@prisma/client";',
        "app/worse/route.ts": 'import { db } from "@/lib/db.ts";\nconst rows = await db.user.findMany({});',
        "app/raw/route.ts": 'import { db } from "@/lib/db.ts";\nawait db.$queryRaw`SELECT 1`;',
      }),
    );
    expect(found.map((v) => v.file).sort()).toEqual(["app/bad/page.tsx", "app/raw/route.ts", "app/worse/route.ts"]);
  });

  it("keep the probe agent to its contract and the templates free of queries", () => {
    const found = checkDependencies(
      tree({
        "probes/agent.ts":
          'import { agentConfigSchema } from "../lib/monitoring/agent-config.ts";\nimport { x } from "../lib/incidents/x.ts";',
        "emails/a.ts":
          'import type { Event } from "../lib/notifications/events.ts";\nimport { STATUS_LABEL } from "../lib/domain/status.ts";\nimport { db } from "../lib/db.ts";\nimport { load } from "../lib/sla/load.ts";',
      }),
    );
    expect(found.map((v) => [v.file, v.detail])).toEqual([
      ["probes/agent.ts", "../lib/incidents/x.ts"],
      ["emails/a.ts", "../lib/db.ts"],
      ["emails/a.ts", "../lib/sla/load.ts"],
    ]);
  });

  it("find an import cycle in lib/ but not one made only of type imports", () => {
    const found = checkDependencies(
      tree({
        "lib/x/a.ts": 'import { b } from "./b.ts";',
        "lib/x/b.ts": 'import { c } from "./c.ts";',
        "lib/x/c.ts": 'import { a } from "./a.ts";',
        "lib/y/d.ts": 'import type { E } from "./e.ts";',
        "lib/y/e.ts": 'import { type D } from "./d.ts";',
      }),
    );
    expect(found).toEqual([
      {
        file: "lib/x/a.ts",
        rule: "no import cycles in lib/",
        detail: "lib/x/a.ts → lib/x/b.ts → lib/x/c.ts → lib/x/a.ts",
      },
    ]);
  });

  it("read multi-line, re-exported and dynamic imports, and ignore commented ones", () => {
    const found = importsOf(
      'import {\n  a,\n  b,\n} from "./a.ts";\nexport { c } from "./c.ts";\n// import x from "./x.ts";\nconst m = await import("./m.ts");',
    );
    expect(found.map((i) => i.specifier)).toEqual(["./a.ts", "./c.ts", "./m.ts"]);
  });
});
