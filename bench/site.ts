// The public site under a crowd, measured so that it can fail. The product
// runs as `npm start`/`npm run demo` run it — web, worker, probe agents and
// the simulator, each in its own process under the supervisor — on the demo
// catalog grown to ≥ 125 ComponentRegions with 90 days of history. wrk (C, its
// own process; scripts/ensure-wrk.sh) loads the web role with 50 connections;
// in the same run a bare single-process node:http server sends the very same
// bytes (status, headers, body, encoding), and the two take turns twice on /
// and /api/v2/summary.json, with brotli and without. Then: a flood of junk
// URLs; a whole region going down through the real chain (simulator fault →
// agents → ingest → evaluator's confirmation → NOTIFY → new snapshot) inside a
// window long enough for the confirmation to land, and coming back; the
// agents' measured latency to the simulator idle and under wrk; and one
// uncached render of / (its Server-Timing).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../lib/database/embedded.ts";
import { createDb } from "../lib/db.ts";
import { announcePublicChange } from "../lib/public/changes.ts";
import { listenForPublicChanges } from "../lib/snapshots/change-listener.ts";
import { seedHistory } from "../lib/seed/seed-history.ts";
import { seedPlatform } from "../lib/seed/seed-platform.ts";
import { SNAPSHOT_KEYS_PER_ROUTE, type SnapshotStats } from "../lib/snapshots/cache.ts";
import { runNextBuild } from "../scripts/boot.ts";
import { buildIsStale } from "../scripts/build-check.ts";
import { type Supervisor, superviseRoles } from "../scripts/supervisor.ts";
import { type BenchChild, startChildServer } from "./child.ts";
import { startBenchDatabase } from "./database.ts";
import { count, log, median, ms, percent, printSummary, samplePercentile, timed, verdict } from "./report.ts";
import type { ReferencePage } from "./site-reference-process.ts";
import { growCatalog, startChecker } from "./site-data.ts";
import { cpuSeconds, ensureWrk, runWrk, type WrkResult } from "./wrk.ts";

const CONNECTIONS = 50;
const ROUND_SECONDS = 5;
const ROUNDS = 2;
/** Rounds of history every 2 h instead of the demo's 30 min: the same 90 days, a quarter of the rows. */
const HISTORY_CADENCE_MINUTES = 120;
const FLIP_REGION = "us-east-2.aws";
/** The fault starts this far into the window; confirmation (3 rounds of 15 s, then the evaluator) lands ~50–75 s later. */
const FAULT_AT_SECONDS = 5;
const FLIP_SECONDS = 120;
const IDLE_SECONDS = 30;
/** Steady means no public change for this long: the first rounds of the agents confirm statuses that history left open. */
const QUIET_SECONDS = 20;
/** At least the agents' first K rounds (3 × 15 s) and the evaluator after them. */
const MIN_SETTLE_SECONDS = 75;
const MAX_SETTLE_SECONDS = 240;
const RENDER_RUNS = 15;
/** Renders before those measured: a server that has rendered the page a few times, as one in service has. */
const RENDER_WARM_UP = 5;
const FLOOD_URLS = 10_000;
const FLOOD_CONNECTIONS = 20;
const FLOOD_SECONDS = 8;
/** What browsers send, and what a client that wants plain bytes sends. */
const ENCODINGS = { br: "gzip, deflate, br", identity: "identity" } as const;
type EncodingName = keyof typeof ENCODINGS;
const VARIANTS: { path: string; encoding: EncodingName }[] = [
  { path: "/", encoding: "br" },
  { path: "/", encoding: "identity" },
  { path: "/api/v2/summary.json", encoding: "br" },
  { path: "/api/v2/summary.json", encoding: "identity" },
];

/** The kinds of URL that used to bypass or fill the snapshot cache; `{i}` makes each one new. */
const JUNK_KINDS = [
  "/components/checkout?range={i}x",
  "/history?page=0{i}",
  "/incidents/junk-{i}",
  `/components/%63heckout?region=${"r".repeat(130)}{i}`,
  "/regions/nowhere-{i}",
  "/feed.atom?component=none-{i}",
  "/badge/none-{i}.svg",
  "/history?region=x{i}&component=y{i}",
];

/**
 * wrk's Lua for the flood: request i asks for the (i mod kinds)th kind made new with i, and each of the
 * connections waits `pauseMs` between its requests, so the flood comes at a set rate from a generator (C, its own
 * process) that takes little of the machine the server runs on.
 */
function junkFloodLua(pauseMs: number): string {
  const kinds = JUNK_KINDS.map((k) => JSON.stringify(k)).join(", ");
  return `local kinds = { ${kinds} }
local counter = 0
request = function()
  counter = counter + 1
  local path = string.gsub(kinds[(counter % #kinds) + 1], "{i}", tostring(counter))
  return wrk.format("GET", path)
end
delay = function() return ${pauseMs} end`;
}

/** One GET, body left as sent, with the raw header list. */
function rawGet(url: string, acceptEncoding: string): Promise<{ status: number; headers: string[]; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": acceptEncoding } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.rawHeaders, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Measured {
  result: WrkResult;
  /** CPU of the loaded server over the run, as a share of one core. */
  cpu: number;
}

async function measure(url: string, encoding: EncodingName, seconds: number, pid: number): Promise<Measured> {
  const before = cpuSeconds(pid);
  const result = await runWrk(url, {
    seconds,
    connections: CONNECTIONS,
    headers: { "accept-encoding": ENCODINGS[encoding] },
  });
  return { result, cpu: (cpuSeconds(pid) - before) / ((result.endedAt - result.startedAt) / 1000) };
}

function mean(runs: Measured[], pick: (r: WrkResult) => number): number {
  return runs.reduce((sum, r) => sum + pick(r.result), 0) / runs.length;
}

interface Steady {
  path: string;
  encoding: EncodingName;
  size: number;
  product: Measured[];
  reference: Measured[];
}

export async function run(): Promise<void> {
  const started = performance.now();
  ensureWrk();
  if (buildIsStale()) runNextBuild();
  const database = await startBenchDatabase("site");
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-bench-site-data-"));
  const children: BenchChild[] = [];
  let product: Supervisor | undefined;
  const db = createDb(database.url, { max: 4 });
  try {
    const port = await findFreePort();
    const simulatorUrl = `http://127.0.0.1:${await findFreePort()}`;
    await seedPlatform(db, { simulatorUrl });
    const componentRegions = await growCatalog(db, simulatorUrl);
    const { result: history, elapsedMs: historyMs } = await timed(() =>
      seedHistory(db, { now: new Date(), cadenceMinutes: HISTORY_CADENCE_MINUTES, concurrency: 2 }),
    );
    if (!history.seeded) throw new Error(`history not seeded: ${history.reason}`);
    log(
      `data: ${componentRegions} ComponentRegions, ${count(history.results)} results and ${history.statusChanges} status changes over ${history.days} days (${ms(historyMs)})`,
    );

    const { result: supervisor, elapsedMs: startMs } = await timed(() =>
      superviseRoles({
        order: [["simulator"], ["web", "worker"], ["agents"]],
        env: {
          NODE_ENV: "production",
          NEXT_TELEMETRY_DISABLED: "1",
          AUTH_SECRET: randomBytes(32).toString("hex"),
          DATABASE_URL: database.url,
          HOST: "127.0.0.1",
          PORT: String(port),
          SIMULATOR_URL: simulatorUrl,
          BELLWETHER_DATA_DIR: dataDir,
          MAIL_CATCHER: "false",
        },
        quiet: ["worker", "agents"],
        log: (line) => log(`supervisor: ${line}`),
      }),
    );
    product = supervisor;
    const url = `http://127.0.0.1:${port}`;
    const webPid = supervisor.roles().find((r) => r.role === "web")!.pid!;
    log(
      `product: ${supervisor
        .roles()
        .map((r) => `${r.role} (pid ${r.pid})`)
        .join(", ")} up in ${ms(startMs)}`,
    );
    const reference = await startChildServer("./site-reference-process.ts");
    children.push(reference.child);
    const referencePid = reference.child.process.pid!;

    // Steady is a page nobody is changing: wait until the agents' first rounds have confirmed what they will.
    const changes: number[] = [];
    const listener = listenForPublicChanges(database.url, () => changes.push(Date.now()));
    const settling = Date.now();
    await sleep(MIN_SETTLE_SECONDS * 1000);
    while (
      Date.now() - (changes.at(-1) ?? settling) < QUIET_SECONDS * 1000 &&
      Date.now() - settling < MAX_SETTLE_SECONDS * 1000
    )
      await sleep(1000);
    const changesIn = (from: number, to: number) => changes.filter((at) => at >= from && at <= to).length;
    log(
      `settled: ${changes.length} public changes in ${ms(Date.now() - settling)} of the agents' first rounds; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
    );
    log(`probe latency, idle: ${IDLE_SECONDS} s of the agents' checks with no readers …`);
    const idleWindow = { from: Date.now(), to: Date.now() + IDLE_SECONDS * 1000 };
    await sleep(IDLE_SECONDS * 1000);

    const steady: Steady[] = [];
    for (const { path: page, encoding } of VARIANTS) {
      const sent = await rawGet(`${url}${page}`, ENCODINGS[encoding]);
      if (sent.status !== 200) throw new Error(`${page} answers ${sent.status}: the site is not serving`);
      const copy: ReferencePage = {
        path: page,
        acceptEncoding: ENCODINGS[encoding],
        status: sent.status,
        headers: sent.headers,
        body: sent.body.toString("base64"),
      };
      await reference.child.ask(copy);
      log(
        `steady ${page} ${encoding} (${count(sent.body.length)} bytes as sent): ${CONNECTIONS} connections, ${ROUNDS} × (product ${ROUND_SECONDS} s, reference ${ROUND_SECONDS} s) …`,
      );
      await runWrk(`${url}${page}`, { seconds: 2, headers: { "accept-encoding": ENCODINGS[encoding] } }); // warm-up
      const row: Steady = { path: page, encoding, size: sent.body.length, product: [], reference: [] };
      for (let round = 0; round < ROUNDS; round++) {
        row.product.push(await measure(`${url}${page}`, encoding, ROUND_SECONDS, webPid));
        row.reference.push(await measure(`${reference.url}${page}`, encoding, ROUND_SECONDS, referencePid));
      }
      for (const [side, runs] of [
        ["product  ", row.product],
        ["reference", row.reference],
      ] as const)
        log(
          `  ${side} ${runs.map((r) => `${count(r.result.requestsPerSecond)} req/s p99 ${ms(r.result.p99)} cpu ${percent(r.cpu, 1)}${side === "reference" ? "" : `, ${changesIn(r.result.startedAt, r.result.endedAt)} changes`}`).join(" | ")}`,
        );
      steady.push(row);
    }
    const spikeWindows = steady.flatMap((s) =>
      s.product.map((r) => ({ from: r.result.startedAt, to: r.result.endedAt })),
    );

    // Security finding 2: a flood of distinct junk URLs beside the steady readers of /.
    log(
      `flood: at least ${count(FLOOD_URLS)} distinct junk URLs over ${FLOOD_CONNECTIONS} connections while / is loaded …`,
    );
    const rendersBefore = (await supervisor.stats<SnapshotStats>("web"))?.renders ?? 0;
    const flooding = runWrk(`${url}/`, {
      seconds: FLOOD_SECONDS,
      connections: FLOOD_CONNECTIONS,
      // Paced for 60 % more than FLOOD_URLS: each connection's pause comes on top of its answer's time, which the
      // readers of / stretch to a few ms (paced exactly, 7,805 were sent; a fifth more, 9,164).
      lua: junkFloodLua(Math.floor((FLOOD_CONNECTIONS * FLOOD_SECONDS * 1000) / (FLOOD_URLS * 1.6))),
    });
    const underFlood = await measure(`${url}/`, "br", FLOOD_SECONDS, webPid);
    const flood = await flooding;
    if (flood.requests < FLOOD_URLS)
      log(`  the flood sent only ${count(flood.requests)} of the ${count(FLOOD_URLS)} junk URLs it was paced for`);
    const floodRenders = ((await supervisor.stats<SnapshotStats>("web"))?.renders ?? 0) - rendersBefore;

    // A whole region down through the real chain, then back, each inside one measured window.
    const fault = async (method: "POST" | "DELETE") => {
      const response = await fetch(`${simulatorUrl}/_chaos/faults`, {
        method,
        headers: { "content-type": "application/json" },
        body:
          method === "POST"
            ? JSON.stringify({ component: "*", region: FLIP_REGION, mode: "down", forSeconds: 3600, label: "bench" })
            : undefined,
      });
      if (!response.ok) throw new Error(`simulator: ${method} faults answered ${response.status}`);
    };
    const flip = async (page: string, method: "POST" | "DELETE", expect: string) => {
      log(
        `region ${method === "POST" ? "down" : "back"}: ${FLIP_REGION} ${method === "POST" ? "fails" : "recovers"} ${FAULT_AT_SECONDS} s into ${FLIP_SECONDS} s of load on ${page} …`,
      );
      const checker = startChecker(`${url}/`, FLIP_REGION);
      const torn = page === "/" ? undefined : startChecker(`${url}${page}`, FLIP_REGION);
      const during = measure(`${url}${page}`, "br", FLIP_SECONDS, webPid);
      await sleep(FAULT_AT_SECONDS * 1000);
      const faultAt = Date.now();
      await fault(method);
      const load = await during;
      await checker.stop();
      await torn?.stop();
      const landed = checker.seen.states.find((s) => s.state === expect && s.at > faultAt)?.at;
      const seen = {
        pages: checker.seen.pages + (torn?.seen.pages ?? 0),
        torn: checker.seen.torn + (torn?.seen.torn ?? 0),
        errors: checker.seen.errors + (torn?.seen.errors ?? 0),
      };
      const inWindow = landed !== undefined && landed <= load.result.endedAt;
      log(
        `  ${count(load.result.requestsPerSecond)} req/s, p99 ${ms(load.result.p99)}, errors ${load.result.errors + load.result.non2xx}; page states ${checker.seen.states.map((s) => s.state).join(" → ")}; ${expect} shown ${landed ? `${((landed - faultAt) / 1000).toFixed(1)} s after the fault` : "NOT within the window"}; ${seen.pages} pages read, ${seen.torn} torn`,
      );
      return {
        load,
        landedAfterMs: landed ? landed - faultAt : undefined,
        inWindow,
        seen,
        states: checker.seen.states,
      };
    };
    const down = await flip("/", "POST", "down");
    const back = await flip("/api/v2/summary.json", "DELETE", "up");

    // The agents' own latency to the simulator: their results in the idle window and while wrk loaded the web role.
    const latencies = async (windows: { from: number; to: number }[]) => {
      const rows = await db.checkResult.findMany({
        where: { OR: windows.map((w) => ({ checkedAt: { gte: new Date(w.from), lt: new Date(w.to - 1000) } })) },
        select: { latencyMs: true },
      });
      return rows.map((r) => r.latencyMs).filter((l): l is number => l !== null);
    };
    const idleLatency = await latencies([idleWindow]);
    const spikeLatency = await latencies(spikeWindows);
    const probe = {
      idle: { p50: median(idleLatency), p99: samplePercentile(idleLatency, 99), n: idleLatency.length },
      spike: { p50: median(spikeLatency), p99: samplePercentile(spikeLatency, 99), n: spikeLatency.length },
    };

    // One uncached render: announce a change, and read how long the render of the next snapshot took (Server-Timing).
    const renders: number[] = [];
    for (let i = 0; i < RENDER_WARM_UP + RENDER_RUNS; i++) {
      const before = (await fetch(`${url}/`)).headers.get("etag");
      await db.$transaction((tx) => announcePublicChange(tx, "bench: render"), { maxWait: 30_000 });
      for (let wait = 0; wait < 100; wait++) {
        const response = await fetch(`${url}/`);
        await response.arrayBuffer();
        const timing = /render;dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
        // Every render differs ("As of" carries the time), so a new ETag is the render after this change.
        if (response.headers.get("etag") !== before) {
          if (timing && i >= RENDER_WARM_UP) renders.push(Number(timing[1]));
          break;
        }
        await sleep(20);
      }
      await sleep(300);
    }
    const render = median(renders);

    const rows: [string, string][] = [
      [
        "data",
        `${componentRegions} ComponentRegions, ${count(history.results)} results, ${history.days} days; product up in ${ms(startMs)} (supervisor: web, worker, agents, simulator)`,
      ],
    ];
    let steadyOk = true;
    for (const s of steady) {
      const rps = mean(s.product, (r) => r.requestsPerSecond);
      const ref = mean(s.reference, (r) => r.requestsPerSecond);
      const p99 = Math.max(...s.product.map((r) => r.result.p99));
      const referenceCpu = s.reference.reduce((sum, r) => sum + r.cpu, 0) / s.reference.length;
      const ok = rps >= 0.5 * ref && p99 <= 20;
      steadyOk &&= ok;
      rows.push([
        `${s.path} ${s.encoding}`,
        `${count(rps)} req/s (p99 ${ms(p99)}) vs bare node:http ${count(ref)} req/s (its cpu ${percent(referenceCpu, 1)} of a core) = ${percent(rps, ref)} ${verdict(ok)}; ${count(s.size)} bytes`,
      ]);
    }
    rows.push(["target steady", `each ≥ 50 % of the bare server with p99 ≤ 20 ms ${verdict(steadyOk)}`]);
    const flipRow = (label: string, f: typeof down, against: Steady) => {
      const steadyRps = mean(against.product, (r) => r.requestsPerSecond);
      const ok =
        f.load.result.p99 <= 50 &&
        f.load.result.requestsPerSecond >= 0.7 * steadyRps &&
        f.load.result.errors + f.load.result.non2xx === 0 &&
        f.seen.torn + f.seen.errors === 0 &&
        f.inWindow;
      rows.push([
        label,
        `${count(f.load.result.requestsPerSecond)} req/s = ${percent(f.load.result.requestsPerSecond, steadyRps)} of steady, p99 ${ms(f.load.result.p99)}, ${f.load.result.errors + f.load.result.non2xx} errors, ${f.seen.torn} torn of ${f.seen.pages} pages; shown ${f.landedAfterMs === undefined ? "NOT in the window" : `${(f.landedAfterMs / 1000).toFixed(1)} s after the fault`} ${verdict(ok)}`,
      ]);
      return ok;
    };
    flipRow("/ br, region goes down", down, steady[0]!);
    flipRow("summary.json br, region back", back, steady[2]!);
    rows.push(["target region flip", `p99 ≤ 50 ms, ≥ 70 % of steady, no errors, no torn page, inside the window`]);
    // Steady is both of the steady runs of / br, not whichever happened to come first.
    const steadyP99 = mean(steady[0]!.product, (r) => r.p99);
    const floodOk = underFlood.result.p99 <= 2 * Math.max(steadyP99, 1) && floodRenders <= SNAPSHOT_KEYS_PER_ROUTE;
    rows.push([
      "/ under a junk flood",
      `${count(flood.requests)} junk answered (${count(flood.errors)} errors); / p99 ${ms(underFlood.result.p99)} = ${(underFlood.result.p99 / steadyP99).toFixed(2)}× steady (${ms(steadyP99)}, the mean of its runs), ${count(underFlood.result.requestsPerSecond)} req/s; ${count(floodRenders)} renders (cap ${SNAPSHOT_KEYS_PER_ROUTE}) ${verdict(floodOk)} (target ≤ 2×)`,
    ]);
    const probeOk = probe.spike.p99 <= 1.1 * probe.idle.p99;
    rows.push([
      "probe latency",
      `agents → simulator p99 idle ${ms(probe.idle.p99)} (${probe.idle.n} checks), under wrk ${ms(probe.spike.p99)} (${probe.spike.n}) = ${percent(probe.spike.p99, probe.idle.p99)}; p50 ${ms(probe.idle.p50)} → ${ms(probe.spike.p50)} ${verdict(probeOk)} (target ≤ 110 %)`,
    ]);
    rows.push([
      "uncached render of /",
      `median ${ms(render)} of ${renders.length} after ${RENDER_WARM_UP} unmeasured, beside the running worker, agents and simulator (the ≤ 50 ms target is bench public-site's, rendering alone)`,
    ]);
    rows.push([
      "machine",
      `2 cores; load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")} at the end (figures from a busy machine are not comparable)`,
    ]);
    rows.push(["wall time", ms(performance.now() - started)]);
    printSummary("site", rows);
    await listener.close();
    if (down.seen.torn + back.seen.torn + down.seen.errors + back.seen.errors > 0)
      throw new Error("site: a reader saw an error or a torn page");
  } finally {
    await db.$disconnect();
    await product?.stop();
    await Promise.all(children.map((child) => child.stop()));
    await database.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
