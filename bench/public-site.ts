// Uncached renders of the public pages through the production Next server
// (requires `npm run build`), on 125 ComponentRegions with 90 days of
// rollups: first a calm platform, then the same one made busy (bad spells on
// every ComponentRegion, 80 incidents). Reference in the same run: GET
// /api/health, the cheapest dynamic route (one query) on the same server.
// Also the front page's data alone, without rendering; and an incident page
// with a published postmortem, and that postmortem's PDF export (targets
// 50 ms and 300 ms, issue 11).
import { randomBytes } from "node:crypto";
import http from "node:http";
import net from "node:net";
import zlib from "node:zlib";
import { createDb } from "../lib/db.ts";
import { exportPostmortemPdf } from "../lib/postmortems/export-pdf.ts";
import { getHomePage } from "../lib/public/home.ts";
import { startBenchDatabase } from "./database.ts";
import { publishBenchPostmortem } from "./postmortem-data.ts";
import { addBusyHistory, buildPublicSiteData, type PublicSiteData } from "./public-site-data.ts";
import { count, log, median, ms, printSummary, ratio, samplePercentile, timed, verdict } from "./report.ts";

const COMPONENT_REGIONS = 125;
const WARM_UP = 20;
const RUNS = 30;
const TARGET_MS = 50;
const PDF_TARGET_MS = 300;
const POSTMORTEM_PAGE = "GET /incidents/[id] with postmortem";

interface Measured {
  times: number[];
  bytes: number;
  gzipBytes: number;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function repeat(work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await work();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await timed(work)).elapsedMs);
  return times;
}

/** GET a page whole, as bytes: what the server did, without a client decoding a megabyte of text on the same cores. */
function getBody(url: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "identity" } }, (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          response.statusCode === 200
            ? resolve(Buffer.concat(chunks))
            : reject(new Error(`${url} answered ${response.statusCode}`)),
        );
        response.on("error", reject);
      })
      .on("error", reject);
  });
}

async function measure(url: string): Promise<Measured> {
  let body: Buffer = Buffer.alloc(0);
  const times = await repeat(async () => {
    body = await getBody(url);
  });
  return { times, bytes: body.length, gzipBytes: zlib.gzipSync(body).length };
}

const size = (m: Measured) => `${count(m.bytes / 1024)} KB HTML, ${count(m.gzipBytes / 1024)} KB gzipped`;
const summary = (m: Measured) => `median ${ms(median(m.times))}, p95 ${ms(samplePercentile(m.times, 95))}; ${size(m)}`;

async function measureScenario(
  name: string,
  databaseUrl: string,
  base: string,
  data: PublicSiteData & { postmortemIncidentId: string },
): Promise<{ data: number[]; pages: Map<string, Measured> }> {
  const db = createDb(databaseUrl, { max: 10 });
  let loads: number[];
  try {
    loads = await repeat(() => getHomePage(db, new Date()));
  } finally {
    await db.$disconnect();
  }
  log(`${name}: front page data (lib/public/home.ts) median ${ms(median(loads))}`);
  const paths: [string, string][] = [
    ["GET /api/health (reference)", "/api/health"],
    ["GET /", "/"],
    ["GET /regions/us-central1.gcp", "/regions/us-central1.gcp"],
    ["GET /components/checkout?range=7d", "/components/checkout?range=7d"],
    ["GET /history", "/history"],
    ["GET /incidents/[id]", `/incidents/${data.incidentId}`],
    [POSTMORTEM_PAGE, `/incidents/${data.postmortemIncidentId}`],
  ];
  const pages = new Map<string, Measured>();
  for (const [label, path] of paths) {
    const result = await measure(base + path);
    pages.set(label, result);
    log(`${name}: ${label.padEnd(34)} ${summary(result)}`);
  }
  return { data: loads, pages };
}

export async function run(): Promise<void> {
  const started = performance.now();
  const database = await startBenchDatabase("public-site");
  try {
    const now = new Date();
    const calmData = await buildPublicSiteData(database, COMPONENT_REGIONS, now);
    log(
      `calm: ${calmData.componentRegions} component-regions, ${calmData.incidents} incidents, ${count(calmData.rollupRows)} rollup rows`,
    );
    const pdfDb = createDb(database.url, { max: 5 });
    let postmortem: { incidentId: string; postmortemId: string };
    let pdfTimes: number[];
    let pdfBytes = 0;
    try {
      postmortem = await publishBenchPostmortem(pdfDb, now);
      const reader = { id: "bench-reader", email: "bench.reader@bellwether.test", role: "VIEWER" as const };
      pdfTimes = await repeat(async () => {
        pdfBytes = (
          await exportPostmortemPdf(
            pdfDb,
            reader,
            { postmortemId: postmortem.postmortemId, variant: "internal" },
            { now },
          )
        ).pdf.length;
      });
    } finally {
      await pdfDb.$disconnect();
    }
    log(
      `postmortem PDF export (internal): median ${ms(median(pdfTimes))}, p95 ${ms(samplePercentile(pdfTimes, 95))}; ${count(pdfBytes / 1024)} KB`,
    );

    // The server reads its environment once, when it first needs it.
    Object.assign(process.env, {
      DATABASE_URL: database.url,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_SECRET: process.env.AUTH_SECRET ?? randomBytes(32).toString("hex"),
    });
    const { startWebServer } = await import("../lib/http/web.ts");
    const port = await freePort();
    // Snapshots off: every GET is a render, which is what this benchmark times.
    const web = await startWebServer({ host: "127.0.0.1", port, snapshots: false });
    try {
      const base = `http://127.0.0.1:${port}`;
      const calm = await measureScenario("calm", database.url, base, {
        ...calmData,
        postmortemIncidentId: postmortem.incidentId,
      });
      const busyData = await addBusyHistory(database, calmData, now);
      log(`busy: ${count(busyData.statusChanges)} status changes, ${busyData.incidents} incidents`);
      const busy = await measureScenario("busy", database.url, base, {
        ...busyData,
        postmortemIncidentId: postmortem.incidentId,
      });

      const reference = median(calm.pages.get("GET /api/health (reference)")!.times);
      const calmHome = calm.pages.get("GET /")!;
      const busyHome = busy.pages.get("GET /")!;
      const others = [
        "GET /regions/us-central1.gcp",
        "GET /components/checkout?range=7d",
        "GET /history",
        "GET /incidents/[id]",
        POSTMORTEM_PAGE,
      ];
      const postmortemPage = [
        median(calm.pages.get(POSTMORTEM_PAGE)!.times),
        median(busy.pages.get(POSTMORTEM_PAGE)!.times),
      ];
      printSummary("public-site", [
        ["data", `${calmData.componentRegions} component-regions, 90 days, ${count(calmData.rollupRows)} rollup rows`],
        ["calm", `all operational, ${calmData.incidents} incidents, maintenance past/now/next`],
        [
          "busy",
          `${count(busyData.statusChanges)} status changes (a bad spell every ~30 days on each), ${busyData.incidents} incidents`,
        ],
        ["front page data alone", `calm median ${ms(median(calm.data))}, busy ${ms(median(busy.data))}`],
        ["GET / calm (uncached)", summary(calmHome)],
        ["GET / busy (uncached)", summary(busyHome)],
        ["reference GET /api/health", `median ${ms(reference)}`],
        [
          "ratio to reference",
          `calm ${ratio(median(calmHome.times), reference)}, busy ${ratio(median(busyHome.times), reference)}`,
        ],
        ...others.map((label): [string, string] => [
          label,
          `calm median ${ms(median(calm.pages.get(label)!.times))}, busy ${ms(median(busy.pages.get(label)!.times))}`,
        ]),
        [
          "target",
          `GET / ≤ ${TARGET_MS} ms: calm ${verdict(median(calmHome.times) <= TARGET_MS)}, busy ${verdict(median(busyHome.times) <= TARGET_MS)}`,
        ],
        [
          "target",
          `incident page with a published postmortem ≤ ${TARGET_MS} ms: calm ${verdict(postmortemPage[0]! <= TARGET_MS)}, busy ${verdict(postmortemPage[1]! <= TARGET_MS)}`,
        ],
        [
          "postmortem PDF export",
          `median ${ms(median(pdfTimes))} (${count(pdfBytes / 1024)} KB); ≤ ${PDF_TARGET_MS} ms: ${verdict(median(pdfTimes) <= PDF_TARGET_MS)}`,
        ],
        ["wall time", ms(performance.now() - started)],
      ]);
    } finally {
      await web.close();
    }
  } finally {
    await database.stop();
  }
}
