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
export E2E_CLI_BIN="${EOFFICE_CLI_BIN:-$CARGO_TARGET_DIR/debug/eoffice}"
mkdir -p "$EOFFICE_SAMPLES" "$EOFFICE_INBOX"
# The demo book gets every sample but one; that one waits in the inbox.
for f in "$FIXTURES"/pub0[134567]*.pdf "$FIXTURES"/real01*.pdf; do cp "$f" "$EOFFICE_SAMPLES/"; done
cp "$FIXTURES"/pub02_cv_ubnd_dvc_khan_2018.pdf "$EOFFICE_INBOX/"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

# Connected mode: a real server on the test command's PostgreSQL, with one
# document already registered by another clerk.
if [ -n "${EOFFICE_PG_URL:-}" ]; then
  SERVER_BIN="${EOFFICE_SERVER_BIN:-$CARGO_TARGET_DIR/debug/eoffice-server}"
  export E2E_CLI_BIN="${EOFFICE_CLI_BIN:-$CARGO_TARGET_DIR/debug/eoffice}"
  DB="e2e_$$_$RANDOM"
  psql -q "$EOFFICE_PG_URL" -c "CREATE DATABASE $DB"
  PORT="$((58000 + RANDOM % 1000))"
  cat > "$WORK/server.toml" <<TOML
database_url = "${EOFFICE_PG_URL%/*}/$DB"
listen = "127.0.0.1:$PORT"
blob_dir = "$WORK/server-blobs"
TOML
  S=("$SERVER_BIN" --config "$WORK/server.toml")
  "${S[@]}" migrate >/dev/null
  "${S[@]}" admin agency add --id 000.00.00.H37 --name "UBND tỉnh Lạng Sơn" --abbr UBND >/dev/null
  export E2E_SERVER_PASSWORD="matkhau-e2e-2026"
  for u in vanthu1 vanthu2; do
    echo "$E2E_SERVER_PASSWORD" | "${S[@]}" admin user add --agency 000.00.00.H37 --username "$u" --full-name "Văn thư $u" --role clerk >/dev/null
  done
  "${S[@]}" serve >"$WORK/server.log" 2>&1 &
  pids+=($!)
  export E2E_SERVER_URL="http://127.0.0.1:$PORT"
  for _ in $(seq 1 100); do curl -sf "$E2E_SERVER_URL/api/v1/health" >/dev/null 2>&1 && break; sleep 0.2; done
  export E2E_SEED_DIR="$WORK/seed" E2E_CONNECTED_DIR="$WORK/connected"
  echo "$E2E_SERVER_PASSWORD" | "$E2E_CLI_BIN" --data-dir "$E2E_SEED_DIR" login --server "$E2E_SERVER_URL" --username vanthu2 >/dev/null
  "$E2E_CLI_BIN" --data-dir "$E2E_SEED_DIR" register "$FIXTURES/pub03_qd_ubnd_eoffice_phuluc_2024.pdf" --arrival-date 2026-11-20 >/dev/null
fi

# The exchange (issue 9): the gateway emulator with the demo agency and a
# second agency, Sở TTTT, kept by the CLI in its own data folder, with a
# công văn of its own already issued.
EMU_BIN="${EOFFICE_GATEWAY_EMULATOR_BIN:-$CARGO_TARGET_DIR/debug/eoffice-gateway-emulator}"
if [ -x "$EMU_BIN" ]; then
  "$EMU_BIN" --system "000.00.00.H37:gw-demo:khoa-cong-demo-2026" --system "000.00.17.H37:gw-sotttt:khoa-cong-sotttt-2026" >"$WORK/gateway.out" 2>"$WORK/gateway.log" &
  pids+=($!)
  for _ in $(seq 1 100); do grep -q '^listening on ' "$WORK/gateway.out" 2>/dev/null && break; sleep 0.1; done
  export E2E_GATEWAY_URL="$(sed -n 's/^listening on //p' "$WORK/gateway.out")"
  export E2E_PEER_DIR="$WORK/sotttt"
  PKI="$(cd "$ROOT/.." && pwd)/shared/fixtures/pki"
  B=("$E2E_CLI_BIN" --data-dir "$E2E_PEER_DIR")
  "${B[@]}" init --agency-id 000.00.17.H37 --agency-name "Sở Thông tin và Truyền thông tỉnh Lạng Sơn" --abbreviation STTTT --place "Lạng Sơn" >/dev/null
  "${B[@]}" unit VP --name "Văn phòng Sở" >/dev/null
  for u in "qt:Quản trị:admin" "vt:Lộc Thị Hương:clerk" "ld:Lý Vinh Quang:leader" "tp:Trần Văn Chánh:unit_head"; do
    IFS=: read -r name full role <<<"$u"
    case "$role" in clerk|unit_head) unit=(--unit VP) ;; *) unit=() ;; esac
    echo "matkhau-e2e-2026" | "${B[@]}" --as qt user add "$name" --full-name "$full" --role "$role" "${unit[@]}" >/dev/null
  done
  "${B[@]}" --as qt exchange organ 000.00.00.H37 --name "UBND tỉnh Lạng Sơn" --route gateway >/dev/null
  echo "khoa-cong-sotttt-2026" | "${B[@]}" --as qt exchange connect --route gateway --url "$E2E_GATEWAY_URL" --system-id gw-sotttt >/dev/null
  PEER_ID="$("${B[@]}" --as tp outgoing draft "$FIXTURES/pub04_kh_ubnd_tp_attt_2023.pdf" --type CV --subject "Về việc báo cáo an toàn thông tin quý IV" --to "UBND tỉnh Lạng Sơn" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["Id"])')"
  "${B[@]}" --as tp outgoing submit "$PEER_ID" >/dev/null
  "${B[@]}" --as ld outgoing approve "$PEER_ID" >/dev/null
  echo "test1234" | "${B[@]}" --as ld outgoing sign "$PEER_ID" --p12 "$PKI/person-ly-vinh-quang.p12" >/dev/null
  echo "test1234" | "${B[@]}" --as vt outgoing issue "$PEER_ID" --p12 "$PKI/org-ubnd-tinh-lang-son.p12" >/dev/null
  export E2E_PEER_DOC="$PEER_ID"
  # The window polls the exchange every few seconds here, not every five minutes.
  export EOFFICE_EXCHANGE_POLL_SECS=3
fi

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
