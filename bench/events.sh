#!/usr/bin/env bash
# Screen-pop latency and memory with 1,000 connected SSE clients (issue 7):
# in-process (one instance, as on SQLite) and across two instances over
# PostgreSQL (skipped when no server answers). Each case runs in its own
# process so its RSS is its own. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/data
pg_url="${SWITCHBOARD_TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test?sslmode=disable}"
if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && [ -z "${SWITCHBOARD_TEST_DATABASE_URL:-}" ]; then pg_url=""; fi
args=(-run '^$' -benchtime "${BENCHTIME:-2000x}" -count "${COUNT:-3}" ./internal/event/)
out=bench/data/events.txt
: >"$out"
for case in in-process postgres-cross-instance; do
  echo "== $case"
  SWITCHBOARD_TEST_DATABASE_URL="$pg_url" go test -bench "ScreenPop/$case\$" "${args[@]}" | grep -E '^(Benchmark|ok|FAIL|---)' | tee -a "$out"
done

# The real server (SQLite, sandbox off) with 1,000 streams held open through
# GET /api/v1/events by 100 agents x 10 tabs: its RSS, and a presence change
# timed from its PUT to its arrival on every stream.
echo "== server with 1,000 streams (bench/sseload)"
dir=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$dir"' EXIT
go build -o "$dir/switchboard" ./cmd/switchboard
SWITCHBOARD_DEMO_PASSWORD=bench-password-1 SWITCHBOARD_SANDBOX=off SWITCHBOARD_ADDR=127.0.0.1:18080 \
  SWITCHBOARD_DATABASE_URL="$dir/bench.db" "$dir/switchboard" serve --demo >"$dir/server.log" 2>&1 &
server=$!
for _ in $(seq 1 50); do curl -sf http://127.0.0.1:18080/readyz >/dev/null && break; sleep 0.2; done
go run ./bench/sseload -url http://127.0.0.1:18080 -password bench-password-1 -pid "$server" | tee -a "$out"
