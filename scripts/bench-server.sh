#!/usr/bin/env bash
# Server and sync benchmarks (not part of the test command): a throwaway
# PostgreSQL, then `cargo bench -p eoffice-server`, which prints figures.
#   BENCH_SECONDS=15 BENCH_DOCS=100000 scripts/bench-server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
source scripts/postgres.sh
WORK="$(mktemp -d)"
chmod 755 "$WORK"
trap 'stop_postgres; rm -rf "$WORK"' EXIT
start_postgres "$WORK/pg" "$((57000 + RANDOM % 1000))"
cargo bench --locked -p eoffice-server --bench sync
