// npm run bench [-- probes|ingest|uptime|site|public-site|notify|notify-approval|sla|detection|anomaly|partitions] – runs one benchmark, or all of them
// in turn. Each starts what it needs (its own PostgreSQL, its own simulator)
// on 127.0.0.1, prints its figures with a ratio to a same-run reference, and stops.
import { runCommand } from "../scripts/command.ts";

const BENCHMARKS = {
  probes: () => import("./probes.ts"),
  ingest: () => import("./ingest.ts"),
  uptime: () => import("./uptime.ts"),
  site: () => import("./site.ts"),
  "public-site": () => import("./public-site.ts"),
  notify: () => import("./notify.ts"),
  "notify-approval": () => import("./notify-approval.ts"),
  sla: () => import("./sla.ts"),
  detection: () => import("./detection.ts"),
  partitions: () => import("./partitions.ts"),
  anomaly: () => import("./anomaly.ts"),
} satisfies Record<string, () => Promise<{ run(): Promise<void> }>>;

type BenchmarkName = keyof typeof BENCHMARKS;

const names = Object.keys(BENCHMARKS) as BenchmarkName[];
const requested = process.argv.slice(2);
const unknown = requested.find((name) => !(names as string[]).includes(name));
if (unknown !== undefined) {
  console.error(`Unknown benchmark "${unknown}": choose one of ${names.join(", ")}, or none to run them all.`);
  process.exit(1);
}

runCommand(async () => {
  const chosen = requested.length > 0 ? (requested as BenchmarkName[]) : names;
  for (const name of chosen) {
    console.log(`\n▶ bench ${name}`);
    const module = await BENCHMARKS[name]();
    await module.run();
  }
});
