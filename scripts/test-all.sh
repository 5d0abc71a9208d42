#!/usr/bin/env bash
# Every test Baton has, in the order that fails fastest. Run with `npm test`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "Prisma clients (SQLite and PostgreSQL)"
npm run --silent db:generate
step "A throwaway PostgreSQL server for this run (removed at the end)"
bash scripts/ensure-postgres.sh
eval "$(node scripts/db/postgres-cluster.mjs start)"
trap 'node scripts/db/postgres-cluster.mjs stop "$BATON_PG_DIR"' EXIT
echo "PostgreSQL at $BATON_PG_URL"
step "One schema, two databases (the PostgreSQL twin matches the SQLite schema and migrations)"
node --import tsx scripts/db/schema-drift.ts
step "Content check (every course compiles, every quiz has a key)"
node --import tsx scripts/content-build.ts --check
step "Originality of course text"
if [ -f ../shared/tools/originality.mjs ]; then
  node ../shared/tools/originality.mjs content
else
  echo "../shared/tools/originality.mjs not found: skipped (CI always has it)"
fi
step "Types"
npx tsc
step "Lint and format (ESLint, Prettier)"
npx eslint .
npx prettier --check .
step "No dead exports (entry points excluded: routes, scripts, configs)"
npm run --silent deadcode
step "Unit and integration tests (SQLite)"
npx vitest run
step "Integration tests on PostgreSQL (every file in tests/integration)"
BATON_TEST_DATABASE=postgresql npx vitest run tests/integration
step "Unit and integration tests on Node 24 (the current LTS)"
bash scripts/test-node24.sh
step "Build"
npm run build --silent
step "Browser tests"
bash scripts/ensure-chromium.sh
npx playwright test
step "Readiness summary equals the rules (the demo, after every browser test wrote to it)"
E2E_DB="file:./tests/.tmp/e2e-${E2E_PORT:-3999}.db"
DATABASE_URL="$E2E_DB" node --import tsx scripts/readiness-verify.ts
DATABASE_URL="$E2E_DB" node --import tsx scripts/readiness-verify.ts --freshen
