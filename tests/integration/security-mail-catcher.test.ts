// Finding 3: anyone who could reach the port could read sign-in links in the
// demo mailbox and so become admin. Now the catcher needs a loopback bind, the
// mailbox shows itself only to a client on this machine (as the web server saw
// it, with no proxy in between), and `npm start` refuses MAIL_CATCHER.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "../../lib/env.ts";
import { parseTrustedProxies } from "../../lib/http/client-address.ts";
import { startMailCatcher } from "../../lib/mail/catcher.ts";
import { fromThisMachine } from "../../lib/mail/demo-mailbox.ts";
import { createFrontDoor } from "../../lib/http/front-door.ts";

const servers: http.Server[] = [];
afterAll(() => {
  for (const server of servers) server.close();
});

function variablesOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof EnvError) return error.issues.map((i) => i.variable);
    throw error;
  }
  return [];
}

describe("the mail catcher", () => {
  it("is allowed only while the site is bound to loopback", () => {
    expect(variablesOf(() => parseEnv({ MAIL_CATCHER: "true", HOST: "0.0.0.0" }))).toEqual(["MAIL_CATCHER"]);
    expect(variablesOf(() => parseEnv({ MAIL_CATCHER: "true", HOST: "10.0.0.5" }))).toEqual(["MAIL_CATCHER"]);
    expect(variablesOf(() => parseEnv({ MAIL_CATCHER: "true", HOST: "127.0.0.1" }))).toEqual([]);
    expect(variablesOf(() => parseEnv({ MAIL_CATCHER: "true", HOST: "::1" }))).toEqual([]);
    expect(variablesOf(() => parseEnv({ HOST: "0.0.0.0" }))).toEqual([]);
  });

  it("listens on loopback only", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-catcher-"));
    await expect(startMailCatcher({ port: 0, dataDir, host: "0.0.0.0" })).rejects.toThrow(/loopback only/);
    const catcher = await startMailCatcher({ port: 0, dataDir });
    await catcher.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("is refused by `npm start`, which serves production, with one line that says why", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        NODE_ENV: "production",
        AUTH_SECRET: "a".repeat(40),
        DATABASE_URL: "postgresql://u:p@127.0.0.1:1/db",
        MAIL_CATCHER: "true",
      } as unknown as NodeJS.ProcessEnv,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "MAIL_CATCHER is for `npm run demo` and `npm run dev`; `npm start` refuses it. Set SMTP_URL to a mail server.",
    ]);
  });
});

describe("the mailbox", () => {
  /** The web server's front door with, behind it, the mailbox pages' check. */
  async function site(trustedProxies = ""): Promise<string> {
    const server = http.createServer(
      createFrontDoor({
        trustedProxies: parseTrustedProxies(trustedProxies),
        headers: { publicFrameAncestors: "'self'" },
        toNext: (req, res) => {
          const visible = fromThisMachine(new Headers(req.headers as Record<string, string>));
          res.writeHead(visible ? 200 : 404).end();
        },
      }),
    );
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it("shows itself to a client on this machine, and to nobody who comes through a proxy or claims an address", async () => {
    const direct = await site();
    expect((await fetch(`${direct}/admin/mailbox`)).status).toBe(200);
    expect((await fetch(`${direct}/admin/mailbox`, { headers: { "x-forwarded-for": "127.0.0.1" } })).status).toBe(404);
    expect((await fetch(`${direct}/admin/mailbox`, { headers: { forwarded: "for=198.51.100.7" } })).status).toBe(404);

    // Behind a trusted proxy on this machine, the reader is whoever the proxy says.
    const proxied = await site("127.0.0.1");
    expect((await fetch(`${proxied}/admin/mailbox`, { headers: { "x-forwarded-for": "198.51.100.7" } })).status).toBe(
      404,
    );
    // Without the web server in front (next start, next dev): nobody.
    expect(fromThisMachine(new Headers({}))).toBe(false);
    // A client's own claim is replaced by what the front door saw.
    expect(
      (
        await fetch(`${proxied}/admin/mailbox`, {
          headers: { "x-bellwether-client-local": "1", "x-forwarded-for": "198.51.100.7" },
        })
      ).status,
    ).toBe(404);
  });
});
