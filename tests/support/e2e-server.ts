// The site as the demo serves it, on an empty database (DATABASE_URL, as
// tests/support/e2e-servers.ts gives each one; else a fresh embedded cluster)
// seeded with the demo platform, for Playwright. Requires `npm run build` first.
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { localSecret } from "../../scripts/local-secret.ts";

const dataDir = process.env.BELLWETHER_DATA_DIR!;
fs.rmSync(dataDir, { recursive: true, force: true });
fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
process.env.AUTH_SECRET ||= localSecret(dataDir);
// Sign-in mail is caught (on any free port: several e2e servers may run at once) and read at /admin/mailbox.
const { startMailCatcher } = await import("../../lib/mail/catcher.ts");
// A test can make it take as long to accept a message as a distant mail server does (POST /smtp-delay on the control).
let smtpDelayMs = 0;
const catcher = await startMailCatcher({ port: 0, dataDir, answerDelayMs: () => smtpDelayMs });
process.env.MAIL_CATCHER = "true";
process.env.MAIL_CATCHER_PORT = String(catcher.port);
// Webhook specs subscribe the demo's own catcher on this machine.
process.env.WEBHOOK_ALLOW_PRIVATE = "true";

const { getEnv } = await import("../../lib/env.ts");
const { prepareDatabase } = await import("../../scripts/boot.ts");
const { stopOnSignal } = await import("../../scripts/signals.ts");
const { startWebServer } = await import("../../lib/http/web.ts");

const env = getEnv();
// No history: the tests set the statuses they need and start from "no data".
const database = await prepareDatabase(env, { seedWhenEmpty: true, history: false });
process.env.DATABASE_URL = database.url;
fs.writeFileSync(path.join(dataDir, "database-url"), database.url);
const web = await startWebServer({ host: "127.0.0.1", port: env.PORT, databaseUrl: database.url });
// For the tests' fixtures only: the snapshot generation, which moves once this server has heard a public change,
// so a fixture write waits exactly until the pages will show it (tests/e2e/database.ts), not a fixed sleep;
// and POST /smtp-delay?ms=N, how long the mail catcher takes to accept each message from then on.
const control = http.createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://control");
  if (req.method === "POST" && url.pathname === "/smtp-delay") smtpDelayMs = Number(url.searchParams.get("ms")) || 0;
  res.writeHead(200, { "content-type": "application/json" });
  res.end(JSON.stringify({ generation: web.snapshotStats()?.generation ?? 0 }));
});
await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
fs.writeFileSync(path.join(dataDir, "control-url"), `http://127.0.0.1:${(control.address() as AddressInfo).port}`);
stopOnSignal(async () => {
  control.close();
  await web.close();
  await catcher.close();
  await database.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
console.log(`e2e server at ${web.url}`);
