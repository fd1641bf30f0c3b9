#!/usr/bin/env bash
# Desktop benchmarks (not part of the test command): builds a 100,000
# document corpus with `eoffice bench list`, then measures start-up,
# memory and drop-to-form in the real app under Xvfb.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../.. && pwd)"
source "$ROOT/scripts/setup.sh"
FIXTURES="$(cd "$ROOT/.." && pwd)/shared/fixtures/documents"
CORPUS="${CORPUS:-/tmp/eoffice-bench-desktop-100k}"
"$CARGO_TARGET_DIR/release/eoffice" bench list --docs 100000 --work-dir "$CORPUS" | tail -1
export EOFFICE_DATA_DIR="$CORPUS" EOFFICE_INBOX="$(mktemp -d)" EOFFICE_DESKTOP_BIN="$CARGO_TARGET_DIR/release/eoffice-desktop"
cp "$FIXTURES/pub02_cv_ubnd_dvc_khan_2018.pdf" "$EOFFICE_INBOX/"
Xvfb :89 -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 & XV=$!
export DISPLAY=:89 WEBKIT_DISABLE_COMPOSITING_MODE=1 LIBGL_ALWAYS_SOFTWARE=1
tauri-driver --port 4444 >/dev/null 2>&1 & TD=$!
trap 'kill $TD $XV 2>/dev/null; rm -rf "$EOFFICE_INBOX"' EXIT
for _ in $(seq 1 100); do curl -sf http://127.0.0.1:4444/status >/dev/null && break; sleep 0.2; done
node bench.mjs
