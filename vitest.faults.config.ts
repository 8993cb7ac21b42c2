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
    // One file at a time: the cases time pages, kill processes and each starts servers of its own.
    fileParallelism: false,
  },
});
