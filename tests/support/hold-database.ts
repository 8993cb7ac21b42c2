// Test fixture: starts an embedded PostgreSQL the way the demo does, prints
// its postmaster pid, and waits; Ctrl-C stops it like the demo's handler.
import fs from "node:fs";
import path from "node:path";
import { startEmbeddedDatabase } from "../../lib/database/embedded.ts";
import { stopOnSignal } from "../../scripts/signals.ts";

const dataDir = process.argv[2]!;
const server = await startEmbeddedDatabase({ dataDir });
stopOnSignal(server.stop);
const pid = fs.readFileSync(path.join(dataDir, "pg", "postmaster.pid"), "utf8").split("\n")[0];
console.log(JSON.stringify({ url: server.url, postmasterPid: Number(pid) }));
setInterval(() => {}, 1 << 30);
