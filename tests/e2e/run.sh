#!/usr/bin/env bash
# UI end-to-end tests: the desktop binary (the test build) in a real WebKitGTK
# webview under Xvfb, driven through tauri-driver + WebKitWebDriver.
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(cd ../.. && pwd)"
FIXTURES="$(cd "$ROOT/.." && pwd)/shared/fixtures/documents"
: "${CARGO_TARGET_DIR:?set by scripts/setup.sh}"
BIN="${EOFFICE_DESKTOP_BIN:-$CARGO_TARGET_DIR/debug/eoffice-desktop}"
[ -x "$BIN" ] || { echo "e2e: $BIN is missing; build it first" >&2; exit 1; }

command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --version '^2' --locked
[ -d node_modules/webdriverio ] || npm install --no-audit --no-fund

WORK="$(mktemp -d)"
export E2E_OUT="$ROOT/tests/e2e/output"
rm -rf "$E2E_OUT"; mkdir -p "$E2E_OUT"
export EOFFICE_DATA_DIR="$WORK/data"
export EOFFICE_SAMPLES="$WORK/samples"
export EOFFICE_INBOX="$WORK/inbox"
export EOFFICE_DESKTOP_BIN="$BIN" E2E_FIXTURES="$FIXTURES"
mkdir -p "$EOFFICE_SAMPLES" "$EOFFICE_INBOX"
# The demo book gets every sample but one; that one waits in the inbox.
for f in "$FIXTURES"/pub0[134567]*.pdf "$FIXTURES"/real01*.pdf; do cp "$f" "$EOFFICE_SAMPLES/"; done
cp "$FIXTURES"/pub02_cv_ubnd_dvc_khan_2018.pdf "$EOFFICE_INBOX/"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

DISPLAY_NUM=":$((90 + RANDOM % 9))"
Xvfb "$DISPLAY_NUM" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY="$DISPLAY_NUM"
# WebKitGTK without a GPU.
export LIBGL_ALWAYS_SOFTWARE=1

tauri-driver --port 4444 >"$WORK/driver.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  curl -sf http://127.0.0.1:4444/status >/dev/null 2>&1 && break
  sleep 0.2
done
curl -sf http://127.0.0.1:4444/status >/dev/null || { echo "e2e: tauri-driver did not start"; cat "$WORK/driver.log"; exit 1; }

node flows.mjs || { echo "--- tauri-driver log"; tail -40 "$WORK/driver.log"; exit 1; }
