// Prints "N passed, N failed" from the runners' JSON reports. A report that
// is missing counts as a failure: a runner that did not run proved nothing.
import fs from "node:fs";

function read(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;

// The main Vitest run, and the fault suite's (it runs after the build: vitest.faults.config.ts).
for (const file of [".reports/vitest.json", ".reports/vitest-faults.json"]) {
  const vitest = read(file);
  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
    skipped += vitest.numPendingTests + vitest.numTodoTests;
    // A test file that failed to load has no tests but is still a failure.
    failed += vitest.testResults.filter((f) => f.status === "failed" && f.assertionResults.length === 0).length;
  } else {
    console.error(`no Vitest report (${file})`);
    failed += 1;
  }
}

// The main Playwright run, and the long spec's, run beside it (scripts/test-all.sh).
for (const file of [".reports/playwright.json", ".reports/playwright-long.json"]) {
  const playwright = read(file);
  if (playwright) {
    passed += playwright.stats.expected + playwright.stats.flaky;
    failed += playwright.stats.unexpected + (playwright.errors?.length ?? 0);
    skipped += playwright.stats.skipped;
  } else {
    console.error(`no Playwright report (${file})`);
    failed += 1;
  }
}

// CI's gate (scripts/check.sh) counts one per step when it ran.
const gate = process.env.BELLWETHER_GATE_REPORT ? read(process.env.BELLWETHER_GATE_REPORT) : null;
if (gate) {
  passed += gate.passed;
  failed += gate.failed;
  for (const name of gate.failures) console.error(`gate failed: ${name}`);
}

console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 ? 1 : 0);
