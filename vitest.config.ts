import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default on 2 cores is one worker; integration files mostly wait on real timers, agents and
    // PostgreSQL (each file has its own database), so several run at once. With each file in a fresh module graph
    // the two cores were busy importing the same modules again for every file (import time was a third of the
    // run), so files share their worker's modules (isolate: false): integration 170 s → 105 s, unit 17 s → 10 s
    // here. No test mocks a module or changes process.env, which is what sharing would leak from file to file.
    maxWorkers: 6,
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
