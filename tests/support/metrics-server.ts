// Test fixture: a server wrapped the way lib/http/web.ts wraps Next
// (lib/observability/instrument.ts: request ids, counts, /metrics), in a
// process of its own, in front of the real ingest route handler and a real
// snapshot cache for "/". Usage:
//   DATABASE_URL=… METRICS_TOKEN=… node --import tsx tests/support/metrics-server.ts <port>
import http from "node:http";
import { POST as ingest } from "../../app/api/ingest/results/route.ts";
import { createDb } from "../../lib/db.ts";
import { getEnv } from "../../lib/env.ts";
import { appRoutePatterns, createRouteLabeler } from "../../lib/observability/http-routes.ts";
import { instrumentRequests, METRICS_PATH } from "../../lib/observability/instrument.ts";
import { createMetricsExposition } from "../../lib/observability/metrics.ts";
import { SnapshotCache } from "../../lib/snapshots/cache.ts";

export const LISTENING = "metrics-server listening";

const port = Number(process.argv[2]);
const env = getEnv();
const cache = new SnapshotCache({
  render: async () => ({
    status: 200,
    contentType: "text/html; charset=utf-8",
    body: Buffer.from("<html><body>ok</body></html>"),
  }),
  maxAgeMs: 60_000,
});

const app: http.RequestListener = async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (req.url === "/") {
    const hit = cache.peek("/");
    const result = hit ? { snapshot: hit } : await cache.get("/", "home");
    if ("failure" in result) throw new Error("render failed");
    res.writeHead(200, { "content-type": result.snapshot.contentType }).end(result.snapshot.body);
  } else if (req.url === "/api/ingest/results" && req.method === "POST") {
    const response = await ingest(
      new Request(`http://127.0.0.1:${port}${req.url}`, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body: Buffer.concat(chunks),
      }),
    );
    res.writeHead(response.status, { "content-type": "application/json" }).end(await response.text());
  } else {
    res.writeHead(404).end();
  }
};

http
  .createServer(
    instrumentRequests(app, {
      routes: createRouteLabeler(appRoutePatterns("app"), [METRICS_PATH]),
      metrics: createMetricsExposition({ db: createDb(env.DATABASE_URL!, { max: 2 }) }),
      metricsToken: env.METRICS_TOKEN,
    }),
  )
  .listen(port, "127.0.0.1", () => process.stderr.write(`${LISTENING}\n`));
