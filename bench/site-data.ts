// bench site's data and its page checker: the demo catalog grown to ≥ 125
// ComponentRegions, every one probed through the simulator (so that a
// region-wide fault takes a whole region down through the real chain), and a
// reader that fetches whole pages and says which state of a region each shows.
import type { Db } from "../lib/db.ts";
import { DEMO_PROBE_INTERVAL_SECONDS, healthUrl, PRODUCTS, REGIONS } from "../lib/platform/catalog.ts";

export const MIN_COMPONENT_REGIONS = 125;

/** A component the simulator hosts in this region: the extension components' probes ask its health endpoint. */
function hostedIn(regionKey: string): string {
  const host = PRODUCTS.flatMap((p) => p.components).find((c) => c.regions.includes(regionKey));
  if (!host) throw new Error(`no simulated component runs in ${regionKey}`);
  return host.key;
}

/** Grows the demo catalog to at least 125 ComponentRegions: extra components, each in every region. */
export async function growCatalog(db: Db, simulatorUrl: string): Promise<number> {
  const existing = PRODUCTS.reduce((sum, p) => sum + p.components.reduce((s, c) => s + c.regions.length, 0), 0);
  const extra = Math.ceil((MIN_COMPONENT_REGIONS - existing) / REGIONS.length);
  const product = await db.product.create({
    data: { key: "bench-extensions", name: "Extensions", description: "Benchmark-only components.", sortOrder: 99 },
  });
  const regions = await db.region.findMany();
  for (let i = 1; i <= extra; i++) {
    const component = await db.component.create({
      data: {
        key: `extension-${i}`,
        name: `Extension ${i}`,
        description: "",
        tier: i % 2 ? "TIER_1" : "TIER_2",
        productId: product.id,
        sortOrder: 100 + i,
      },
    });
    for (const region of regions) {
      const cr = await db.componentRegion.create({ data: { componentId: component.id, regionId: region.id } });
      await db.probe.create({
        data: {
          componentRegionId: cr.id,
          name: `Extension ${i} health`,
          kind: "http",
          layer: "component",
          target: healthUrl(simulatorUrl, region.key, hostedIn(region.key)),
          intervalSeconds: DEMO_PROBE_INTERVAL_SECONDS,
        },
      });
    }
  }
  return db.componentRegion.count();
}

export interface CheckerSeen {
  pages: number;
  torn: number;
  errors: number;
  /** Each state the region was shown in, in order, with when it was first seen (epoch ms). */
  states: { state: string; at: number }[];
}

/** The statuses of one region's cells on the status page. */
function regionCells(html: string, regionKey: string): string[] {
  const cell = new RegExp(
    `data-region="${regionKey.replace(/\./g, "\\.")}"[^>]*>[\\s\\S]*?data-status="([a-z_]+)"`,
    "g",
  );
  return [...html.matchAll(cell)].map((m) => m[1]!);
}

/**
 * Reads whole pages of `url` until stopped. A page is torn when it is cut
 * short, is not a 200, or (for JSON) does not parse; the region's state is
 * read from each HTML page.
 */
export function startChecker(url: string, regionKey: string) {
  let stop = false;
  const seen: CheckerSeen = { pages: 0, torn: 0, errors: 0, states: [] };
  const note = (state: string) => {
    if (seen.states.at(-1)?.state !== state) seen.states.push({ state, at: Date.now() });
  };
  const done = (async () => {
    while (!stop) {
      try {
        const response = await fetch(url);
        const text = await response.text();
        seen.pages++;
        const json = (response.headers.get("content-type") ?? "").includes("json");
        let whole = !json && text.trimEnd().endsWith("</html>");
        if (json) {
          try {
            JSON.parse(text);
            whole = true;
          } catch {
            whole = false;
          }
        }
        if (response.status !== 200 || !whole) {
          seen.torn++;
        } else if (!json) {
          const cells = regionCells(text, regionKey);
          const down = cells.filter((c) => c === "major_outage").length;
          if (cells.length === 0) seen.torn++;
          note(down === 0 ? "up" : down === cells.length ? "down" : `partly down (${down}/${cells.length})`);
        }
      } catch {
        seen.errors++;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    seen,
    async stop() {
      stop = true;
      await done;
    },
  };
}
