#!/usr/bin/env bash
# Two demo agencies that exchange documents (issue 9): the demo agency
# (UBND tỉnh Lạng Sơn) and Sở Thông tin và Truyền thông, each in its own
# window and data folder, joined by a local emulator of the provincial
# integration platform (domain.md §12). Sở TTTT has already sent a công văn:
# it waits in the demo agency's "Văn bản điện tử đến". Register it there,
# and Sở TTTT's window shows "Đã tiếp nhận" on its document; send one of the
# demo agency's issued documents back from its "Gửi văn bản điện tử" panel.
# Nothing here touches the standard data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

build_ui
cargo build --release -p eoffice-desktop -p eoffice-cli -p eoffice-server
BIN="$CARGO_TARGET_DIR/release"
FIXTURES="$(cd .. && pwd)/shared/fixtures"
ROOT="${EOFFICE_DEMO_EXCHANGE_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/vn.eoffice.demo-lien-thong}"
PORT="${EOFFICE_DEMO_GATEWAY_PORT:-58321}"
UBND="$ROOT/ubnd-tinh-lang-son"
SO="$ROOT/so-tttt"
PASSWORD=eoffice2026

"$BIN/eoffice-gateway-emulator" --port "$PORT" \
  --system "000.00.00.H37:ubnd-tinh:khoa-lien-thong-ubnd" \
  --system "000.00.17.H37:so-tttt:khoa-lien-thong-sotttt" >"$ROOT.gateway.log" 2>&1 &
GATEWAY_PID=$!
trap 'kill $GATEWAY_PID 2>/dev/null || true' EXIT
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 50); do grep -q '^listening on ' "$ROOT.gateway.log" 2>/dev/null && break; sleep 0.1; done

if [ ! -d "$UBND" ]; then
  mkdir -p "$ROOT"
  A=("$BIN/eoffice" --data-dir "$UBND")
  "${A[@]}" demo --samples "$FIXTURES/documents" >/dev/null
  for route in province gateway; do
    echo "khoa-lien-thong-ubnd" | "${A[@]}" --as quantri exchange connect --route "$route" --url "$URL" --system-id ubnd-tinh >/dev/null
  done

  B=("$BIN/eoffice" --data-dir "$SO")
  "${B[@]}" init --agency-id 000.00.17.H37 --agency-name "Sở Thông tin và Truyền thông tỉnh Lạng Sơn" --abbreviation STTTT --place "Lạng Sơn" >/dev/null
  "${B[@]}" unit VP --name "Văn phòng Sở" >/dev/null
  for u in "quantri:Quản trị hệ thống:admin" "vanthu:Lộc Thị Hương:clerk" "giamdoc:Lý Vinh Quang:leader" "chanhvp:Trần Văn Chánh:unit_head"; do
    IFS=: read -r name full role <<<"$u"
    case "$role" in clerk|unit_head) unit=(--unit VP) ;; *) unit=() ;; esac
    echo "$PASSWORD" | "${B[@]}" --as quantri user add "$name" --full-name "$full" --role "$role" "${unit[@]}" >/dev/null
  done
  "${B[@]}" --as quantri exchange organ 000.00.00.H37 --name "UBND tỉnh Lạng Sơn" --route province >/dev/null
  echo "khoa-lien-thong-sotttt" | "${B[@]}" --as quantri exchange connect --route province --url "$URL" --system-id so-tttt >/dev/null
  ID="$("${B[@]}" --as chanhvp outgoing draft "$FIXTURES/documents/pub04_kh_ubnd_tp_attt_2023.pdf" --type CV \
        --subject "Về việc báo cáo tình hình bảo đảm an toàn thông tin quý IV" --to "UBND tỉnh Lạng Sơn" --json \
        | python3 -c 'import json,sys; print(json.load(sys.stdin)["Id"])')"
  "${B[@]}" --as chanhvp outgoing submit "$ID" >/dev/null
  "${B[@]}" --as giamdoc outgoing approve "$ID" >/dev/null
  echo "test1234" | "${B[@]}" --as giamdoc outgoing sign "$ID" --p12 "$FIXTURES/pki/person-ly-vinh-quang.p12" >/dev/null
  echo "test1234" | "${B[@]}" --as vanthu outgoing issue "$ID" --p12 "$FIXTURES/pki/org-ubnd-tinh-lang-son.p12" >/dev/null
  echo "test1234" | "${B[@]}" send "$ID" --p12 "$FIXTURES/pki/org-ubnd-tinh-lang-son.p12" >/dev/null
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "eOffice: no display found; starting a virtual one (Xvfb) so the windows can open." >&2
  Xvfb :77 -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
  export DISPLAY=:77
  export WEBKIT_DISABLE_COMPOSITING_MODE=1
fi
echo "eOffice liên thông: hai cơ quan mẫu, mật khẩu của mọi người dùng: $PASSWORD"
echo "  UBND tỉnh Lạng Sơn (văn thư: vanthu)      $UBND"
echo "  Sở TTTT (văn thư: vanthu, giám đốc: giamdoc) $SO"
echo "  nền tảng liên thông giả lập                $URL"
export EOFFICE_EXCHANGE_POLL_SECS="${EOFFICE_EXCHANGE_POLL_SECS:-20}"
"$BIN/eoffice-desktop" --data-dir "$SO" &
"$BIN/eoffice-desktop" --data-dir "$UBND"
