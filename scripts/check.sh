#!/usr/bin/env bash
# npm run check – the quality gate CI runs before the tests: lint and format
# (Biome), types (tsc --noEmit) and DESIGN.md's dependency rules. Each step
# runs even when one before it failed, so one run shows every problem.
# Writes .reports/gate.json, which the "N passed, N failed" line counts.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .reports
passed=0
failed=0
names=()
step() {
  local name=$1
  shift
  echo "── $name: $*"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    names+=("\"$name\"")
    echo "✖ $name failed" >&2
  fi
}
step "lint and format (biome ci)" npx biome ci --colors=off .
step "types (tsc --noEmit)" npx tsc --noEmit
step "dependency rules" npx tsx scripts/check-dependencies.ts
joined=$(IFS=,; echo "${names[*]:-}")
printf '{"passed":%d,"failed":%d,"failures":[%s]}\n' "$passed" "$failed" "$joined" > .reports/gate.json
[ "$failed" -eq 0 ]
