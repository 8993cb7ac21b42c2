#!/usr/bin/env bash
# npm test – every test: unit and integration tests (Vitest; integration on a
# throwaway embedded PostgreSQL), then the site is built, driven in Chromium by
# Playwright, and run as replicas by the fault suite (npm run test:faults).
# Ends with "N passed, N failed" from the reports.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .reports
rm -f .reports/vitest.json .reports/vitest-faults.json .reports/playwright.json
status=0

bash scripts/ensure-chromium.sh || status=1
npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json || status=1
if npx next build > .reports/build.log 2>&1; then
  npx playwright test || status=1
  npx vitest run --config vitest.faults.config.ts --reporter=default --reporter=json \
    --outputFile.json=.reports/vitest-faults.json || status=1
else
  echo "next build failed; the end-to-end tests did not run:" >&2
  tail -40 .reports/build.log >&2
  status=1
fi

node scripts/test-summary.mjs || status=1
exit $status
