#!/usr/bin/env bash
# npm test – every test: unit and integration tests (Vitest; integration on a
# throwaway embedded PostgreSQL), the site built and driven in Chromium by
# Playwright, and run as replicas by the fault suite (npm run test:faults).
# Ends with "N passed, N failed" from the reports.
#
# The one long browser spec (slo-creep: ~6.5 minutes of real latency creep,
# the machine mostly idle meanwhile) runs beside everything else, from right
# after the build, in a Playwright run of its own with its own server and
# report; the rest follows one after another. Started last, it would add its
# whole length to the suite.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p .reports
rm -f .reports/vitest.json .reports/vitest-faults.json .reports/playwright.json .reports/playwright-long.json
status=0
long=
# Interrupted: the long spec's run goes too.
trap 'if [ -n "$long" ]; then kill "$long" 2>/dev/null; fi' EXIT

bash scripts/ensure-chromium.sh || status=1
built=0
if npx next build > .reports/build.log 2>&1; then
  built=1
  # Its servers take ports above the main run's (E2E_PORT - 1 … E2E_PORT + E2E_WORKERS - 1).
  long_port=$(( ${E2E_PORT:-3107} + 20 ))
  E2E_PORT=$long_port E2E_WORKERS=1 E2E_REPORT=.reports/playwright-long.json \
    npx playwright test --project desktop-long > .reports/playwright-long.log 2>&1 &
  long=$!
else
  echo "next build failed; the end-to-end tests and the fault suite did not run:" >&2
  tail -40 .reports/build.log >&2
  status=1
fi

npx vitest run --reporter=default --reporter=json --outputFile.json=.reports/vitest.json || status=1
if [ "$built" = 1 ]; then
  npx playwright test --project desktop --project phone || status=1
  npx vitest run --config vitest.faults.config.ts --reporter=default --reporter=json \
    --outputFile.json=.reports/vitest-faults.json || status=1
  wait "$long" || status=1
  long=
  echo "── the long browser spec (run beside the rest):"
  cat .reports/playwright-long.log
fi

node scripts/test-summary.mjs || status=1
exit $status
