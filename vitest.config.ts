import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * Files that mostly wait out real time (probe agents on real intervals, processes killed and restarted). Vitest
 * starts larger files first when it has no timings (a fresh clone); these are small, so they started last and
 * one of them (fault-to-status, 80 s) ran alone at the end while both cores idled. They go first instead.
 */
const REAL_TIME_FILES = ["fault-to-status", "anomaly-replay", "sender-crash", "agent-crash", "simulator"];

class RealTimeFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const first = (file: TestSpecification) =>
      REAL_TIME_FILES.some((name) => file.moduleId.endsWith(`/${name}.test.ts`));
    return [...sorted.filter(first), ...sorted.filter((file) => !first(file))];
  }
}

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker; integration files mostly wait on real timers, agents and
    // PostgreSQL (each file has its own database), so several run at once. With each file in a fresh module graph
    // the two cores were busy importing the same modules again for every file (import time was a third of the
    // run), so files share their worker's modules (isolate: false): integration 170 s → 105 s, unit 17 s → 10 s
    // here. No test mocks a module or changes process.env, which is what sharing would leak from file to file.
    maxWorkers: 6,
    sequence: { sequencer: RealTimeFirst },
    projects: [
      {
        test: {
          name: "unit",
          include: [
            "lib/**/*.test.ts",
            "probes/**/*.test.ts",
            "emails/**/*.test.ts",
            "simulator/**/*.test.ts",
            "scripts/**/*.test.ts",
          ],
          environment: "node",
          isolate: false,
          // Property tests are pure CPU, and run beside six integration files on two cores: the CSV round trip
          // (its file takes 2.5 s) took over 5 s under that load with 8 workers. A hang still fails, later.
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          isolate: false,
          globalSetup: ["tests/support/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
