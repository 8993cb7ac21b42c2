// Two agents whose hosts' clocks are 5 minutes off, one behind and one ahead.
// What users see: their results land at the time the checks ran by the
// server's clock — in the round where the other vantages' results are, so an
// outage is confirmed on time and the history shows it where it happened —
// and each agent says once, in plain words, that its host's clock is wrong.
// Nothing is refused or lost: every result the agents took is stored once.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, it } from "vitest";
import { findFreePort } from "../../lib/database/embedded.ts";
import { createAgent } from "../../lib/monitoring/agents.ts";
import { type RunningAgent, startAgent } from "../../probes/agent.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { makeComponent, makeComponentRegion, makeProduct, makeRegion } from "../support/factories.ts";
import { startIngestServer } from "../support/ingest-server-process.ts";

const FIVE_MINUTES = 5 * 60_000;

let t: TestDatabase;
let server: ChildProcess;
let target: http.Server;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "bellwether-agent-clock-"));

beforeAll(async () => {
  t = await createTestDatabase();
  target = http.createServer((_, res) => res.end("ok"));
  await new Promise<void>((resolve) => target.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  server?.kill("SIGKILL");
  target.close();
  await t.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

it("places the results of agents 5 minutes behind and ahead at the server's time, and says so", async () => {
  const port = await findFreePort();
  server = await startIngestServer(t.url, port);
  const regions = [await makeRegion(t.db, { key: "behind-1.gcp" }), await makeRegion(t.db, { key: "ahead-1.gcp" })];
  const component = await makeComponent(t.db, (await makeProduct(t.db)).id);
  const componentRegion = await makeComponentRegion(t.db, component.id, regions[0]!.id);
  await t.db.probe.create({
    data: {
      componentRegionId: componentRegion.id,
      name: "health",
      kind: "http",
      target: `http://127.0.0.1:${(target.address() as { port: number }).port}/health`,
      intervalSeconds: 1,
    },
  });
  const lines: Record<string, string[]> = { behind: [], ahead: [] };
  const agents: RunningAgent[] = [];
  const started = Date.now();
  for (const [region, skew, name] of [
    [regions[0]!, -FIVE_MINUTES, "behind"],
    [regions[1]!, FIVE_MINUTES, "ahead"],
  ] as const) {
    const { token } = await createAgent(t.db, { name: region.key, regionKey: region.key });
    agents.push(
      await startAgent({
        server: `http://127.0.0.1:${port}`,
        token,
        dataDir,
        clock: () => Date.now() + skew,
        log: (line) => lines[name]!.push(line),
      }),
    );
  }
  for (const region of regions)
    await expect
      .poll(() => t.db.checkResult.count({ where: { vantageRegionId: region.id } }), { timeout: 20_000 })
      .toBeGreaterThanOrEqual(5);
  await Promise.all(agents.map((agent) => agent.stop()));
  const stopped = Date.now();

  // Each agent said what is wrong, once.
  const clockLines = (name: string) => lines[name]!.filter((l) => l.includes("this agent's clock is"));
  expect(clockLines("behind")).toHaveLength(1);
  expect(clockLines("behind")[0]).toMatch(/clock is (4 min 5\d|5 min [0-3]) s behind the server's/);
  expect(clockLines("ahead")).toHaveLength(1);
  expect(clockLines("ahead")[0]).toMatch(/clock is (4 min 5\d|5 min [0-3]) s ahead of the server's/);
  expect([...lines.behind!, ...lines.ahead!].some((l) => l.includes("refused"))).toBe(false);

  // Every result stamped by the server's clock (the Date header has whole seconds, hence the margin).
  const results = await t.db.checkResult.findMany({ select: { id: true, checkedAt: true } });
  for (const result of results) {
    expect(result.checkedAt.getTime()).toBeGreaterThanOrEqual(started - 1_500);
    expect(result.checkedAt.getTime()).toBeLessThanOrEqual(stopped + 1_500);
  }
  // And none lost: everything the agents buffered is stored, once.
  const taken = fs
    .readdirSync(dataDir)
    .flatMap((vantage) =>
      fs
        .readdirSync(path.join(dataDir, vantage))
        .filter((f) => f.startsWith("segment-"))
        .flatMap((f) =>
          fs
            .readFileSync(path.join(dataDir, vantage, f), "utf8")
            .split("\n")
            .filter(Boolean),
        ),
    )
    .map((line) => (JSON.parse(line) as { id: string }).id);
  expect(results.map((r) => r.id).sort()).toEqual(taken.sort());
});
