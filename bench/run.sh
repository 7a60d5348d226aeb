#!/usr/bin/env bash
# Search and look-up benchmarks at SWITCHBOARD_BENCH_CONTACTS contacts
# (default 1,000,000) on SQLite and PostgreSQL, each store method beside its
# raw SQL baseline in the same run. The data set is generated on the first
# run (several minutes) and kept in bench/data/ and the bench_N schema.
set -euo pipefail
cd "$(dirname "$0")/.."
export SWITCHBOARD_BENCH_CONTACTS="${SWITCHBOARD_BENCH_CONTACTS:-1000000}"
export SWITCHBOARD_BENCH_DIR="$PWD/bench/data"
mkdir -p "$SWITCHBOARD_BENCH_DIR"
pg_url="${SWITCHBOARD_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}"
args=(-run '^$' -bench . -benchtime "${BENCHTIME:-3000x}" -count "${COUNT:-3}" -timeout 90m ./internal/store/)

echo "== SQLite, $SWITCHBOARD_BENCH_CONTACTS contacts"
SWITCHBOARD_TEST_DATABASE_URL= go test "${args[@]}" | tee "$SWITCHBOARD_BENCH_DIR/sqlite.txt"
echo "== PostgreSQL, $SWITCHBOARD_BENCH_CONTACTS contacts"
SWITCHBOARD_TEST_DATABASE_URL="$pg_url" go test "${args[@]}" | tee "$SWITCHBOARD_BENCH_DIR/postgres.txt"
