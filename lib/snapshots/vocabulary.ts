// What exists publicly — regions, components, where each runs, published
// incidents, maintenance windows, history pages — so that snapshot keys are
// built from real values only (lib/snapshots/routes.ts). Reloaded after every
// public change and once a minute; a request naming something unknown while
// a reload is due waits for it, so a page published a moment ago is never a 404.
import type { Db } from "../db.ts";
import { PUBLIC_INCIDENT } from "../incidents/visibility.ts";
import { HISTORY_PAGE_SIZE } from "../public/incidents.ts";
import type { SnapshotVocabulary } from "./routes.ts";

export async function loadSnapshotVocabulary(db: Db): Promise<SnapshotVocabulary> {
  const [regions, components, componentRegions, incidents, maintenances] = await Promise.all([
    db.region.findMany({ select: { key: true } }),
    db.component.findMany({ select: { key: true } }),
    db.componentRegion.findMany({
      select: { component: { select: { key: true } }, region: { select: { key: true } } },
    }),
    db.incident.findMany({ where: PUBLIC_INCIDENT, select: { id: true } }),
    db.maintenance.findMany({ select: { id: true } }),
  ]);
  return {
    regions: new Set(regions.map((r) => r.key)),
    components: new Set(components.map((c) => c.key)),
    componentRegions: new Set(componentRegions.map((cr) => `${cr.component.key}/${cr.region.key}`)),
    incidents: new Set(incidents.map((i) => i.id)),
    maintenances: new Set(maintenances.map((m) => m.id)),
    historyPages: Math.max(1, Math.ceil(incidents.length / HISTORY_PAGE_SIZE)),
  };
}

export interface VocabularyOptions {
  load: () => Promise<SnapshotVocabulary>;
  /** Reload at least this often, for changes announced while the listener was away. */
  refreshMs?: number;
  log?: (line: string) => void;
}

export class SnapshotVocabularyLoader {
  private vocabulary: SnapshotVocabulary | undefined;
  private loading: Promise<void> | undefined;
  /** A change came after the running load began: load once more when it ends. */
  private again = false;
  private version = 0;
  private readonly timer: NodeJS.Timeout;
  private failing = false;

  constructor(private readonly options: VocabularyOptions) {
    this.timer = setInterval(() => this.changed(), options.refreshMs ?? 60_000);
    this.timer.unref();
  }

  /** The vocabulary, or undefined until the first load succeeds (keys are then checked by format only). */
  current(): SnapshotVocabulary | undefined {
    return this.vocabulary;
  }

  /** Bumped on every successful load: results computed from an older one are out of date. */
  currentVersion(): number {
    return this.version;
  }

  /** True while a load is running or due. */
  isSettling(): boolean {
    return this.loading !== undefined;
  }

  /** Something public changed: load again (one load at a time, bursts folded into one more). */
  changed(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        try {
          this.vocabulary = await this.options.load();
          this.version++;
          if (this.failing) this.options.log?.("snapshot vocabulary: loaded again");
          this.failing = false;
        } catch (error) {
          // The last good vocabulary stays; what it lacks waits for the next load.
          if (!this.failing) this.options.log?.(`snapshot vocabulary: load failed (${String(error)})`);
          this.failing = true;
          this.again = false;
        }
      } while (this.again);
      this.loading = undefined;
    })();
    return this.loading;
  }

  /** Resolves once no load is running or due. */
  async settled(): Promise<void> {
    while (this.loading) await this.loading;
  }

  close(): void {
    clearInterval(this.timer);
  }
}
