// A newcomer who misconfigures Bellwether gets one line that names the
// problem, never a stack trace.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

function run(script: string, env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", script], {
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env } as unknown as NodeJS.ProcessEnv,
    encoding: "utf8",
    timeout: 60_000,
  });
  return {
    status: result.status,
    stderr: result.stderr.trim(),
    lines: result.stderr.trim().split("\n").filter(Boolean),
  };
}

describe("starting with a bad configuration", () => {
  it("names a malformed DATABASE_URL", () => {
    const { status, lines } = run("scripts/db-migrate.ts", { DATABASE_URL: "mysql://root@localhost/shop" });
    expect(status).toBe(1);
    expect(lines).toEqual([
      "Configuration error: DATABASE_URL must look like postgresql://user:password@host:5432/database.",
    ]);
  });

  it("says when DATABASE_URL points at nothing", () => {
    const { status, lines } = run("scripts/db-migrate.ts", {
      DATABASE_URL: "postgresql://bellwether:secret@127.0.0.1:1/bellwether",
    });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      "Cannot connect to the database at postgresql://bellwether:***@127.0.0.1:1/bellwether: nothing is listening there. Check DATABASE_URL.",
    );
  });

  it("names a missing AUTH_SECRET in production", () => {
    const { status, lines } = run("scripts/start.ts", {
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://u:p@127.0.0.1:1/db",
    });
    expect(status).toBe(1);
    expect(lines).toEqual([
      "Configuration error: AUTH_SECRET is required in production (at least 32 random characters).",
    ]);
  });

  it("names every bad variable at once", () => {
    const { status, lines } = run("scripts/db-seed.ts", { PORT: "eighty", PUBLIC_URL: "ftp://status.example.com" });
    expect(status).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Configuration error: PORT .+; PUBLIC_URL .+\.$/);
    expect(lines[0]).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
