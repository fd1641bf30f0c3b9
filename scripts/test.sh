#!/usr/bin/env bash
# The test command: every test, with everything it needs installed first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

FIXTURES="$(cd .. && pwd)/shared/fixtures"
if [ ! -d "$FIXTURES/documents" ]; then
  echo "test: the shared fixtures are expected at $FIXTURES" >&2
  exit 1
fi

# A throwaway PostgreSQL for the server tests, gone at exit.
source scripts/postgres.sh
WORK="$(mktemp -d)"
chmod 755 "$WORK"   # the postgres user walks into it
trap 'stop_postgres; rm -rf "$WORK"' EXIT
start_postgres "$WORK/pg" "$((55000 + RANDOM % 1000))"

echo "== web UI: type check, unit tests, build"
build_ui
(cd ui && npm run check && npm test)

echo "== format and lints"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings

echo "== cargo test (unit, crate integration, CLI)"
cargo test --workspace --locked -- --skip two_hundred_clients_on_one_book_leave_no_gap
echo "== load: 200 clients on one book for 30 s (prints throughput and p95)"
# Selected across the workspace, not with -p: with -p cargo resolves the
# features of that one package and builds its dependencies a second time.
cargo test --workspace --locked --test load -- --nocapture

echo "== binaries, in the profile the tests just built (one build, not two)"
cargo build --workspace --locked --bins
export EOFFICE_DESKTOP_BIN="$CARGO_TARGET_DIR/debug/eoffice-desktop"

echo "== UI end to end in the real webview"
bash tests/e2e/run.sh

echo "== end to end through the CLI, then the audit chain"
EOFFICE="$CARGO_TARGET_DIR/debug/eoffice"
DATA="$WORK/e2e"
mkdir -p "$DATA"
passed=0
failed=0
check() {
  local what="$1"; shift
  if "$@" >"$DATA/out" 2>&1; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAILED: $what"; cat "$DATA/out"; fi
}
check "init" "$EOFFICE" --data-dir "$DATA/d" init --agency-id 000.00.00.H37 --agency-name "UBND tỉnh Lạng Sơn"
n=0
for f in "$FIXTURES"/documents/pub0[1-7]*.pdf "$FIXTURES"/documents/real01*.pdf; do
  n=$((n + 1))
  check "register $(basename "$f")" "$EOFFICE" --data-dir "$DATA/d" register "$f" --arrival-date 2026-11-20
done
check "numbers 01..$n without gap" bash -c "'$EOFFICE' --data-dir '$DATA/d' list incoming --year 2026 --limit 100 --json | python3 -c 'import json,sys; items=json.load(sys.stdin)[\"Items\"]; assert [i[\"ArrivalNumber\"] for i in items]==[\"%02d\"%k for k in range(1,$n+1)], items'"
check "export pdf" "$EOFFICE" --data-dir "$DATA/d" book export --year 2026 --format pdf --out "$DATA/book.pdf"
check "book is A4 landscape" bash -c "pdfinfo '$DATA/book.pdf' | grep -q '841.89 x 595.28'"
check "audit verify" "$EOFFICE" --data-dir "$DATA/d" audit verify
check "server .deb builds offline" bash installer/server/build-deb.sh "$CARGO_TARGET_DIR/debug/eoffice-server" "$DATA/deb"
check "server .deb holds the binary, unit and conffile" bash -c "dpkg-deb -c '$DATA'/deb/*.deb | grep -q ./usr/bin/eoffice-server && dpkg-deb -c '$DATA'/deb/*.deb | grep -q ./lib/systemd/system/eoffice-server.service && dpkg-deb -I '$DATA'/deb/*.deb conffiles | grep -qx /etc/eoffice-server/server.toml"
echo "end to end: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
