// The fault suite and the two-replica tests (`npm run test:faults`): they start
// `npm start` replicas, so they need the production build and run after
// `next build` in `npm test`, not in the main Vitest run.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "faults",
    include: ["tests/faults/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Two files at a time, each with servers of its own: the cases mostly wait out leases, retries and restarts
    // (one file at a time kept the two cores 40 % busy). The suite went from 80 s to 54 s here (five runs, all
    // green, the p99 ratio 0.34–0.59×), and held with a third process spinning on one core (two runs, 60 s).
    maxWorkers: 2,
  },
});
