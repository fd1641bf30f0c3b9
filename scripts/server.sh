#!/usr/bin/env bash
# A local provincial server to try connected mode: a throwaway PostgreSQL,
# two demo agencies and a user of every role. Ctrl+C stops it and removes
# its data.
#   ./scripts/server.sh            # http://127.0.0.1:8080
#   EOFFICE_DEMO_PORT=9000 ./scripts/server.sh
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
source scripts/postgres.sh

PORT="${EOFFICE_DEMO_PORT:-8080}"
PASSWORD="${EOFFICE_DEMO_PASSWORD:-eoffice2026}"
cargo build --release --locked -p eoffice-server -p eoffice-cli
SERVER="$CARGO_TARGET_DIR/release/eoffice-server"

WORK="$(mktemp -d)"
chmod 755 "$WORK"
trap 'stop_postgres; rm -rf "$WORK"' EXIT
start_postgres "$WORK/pg" "$((56000 + RANDOM % 1000))"
psql -q "$EOFFICE_PG_URL" -c "CREATE DATABASE eoffice_demo"
cat > "$WORK/server.toml" <<TOML
database_url = "${EOFFICE_PG_URL%/*}/eoffice_demo"
listen = "127.0.0.1:$PORT"
blob_dir = "$WORK/blobs"
TOML
S=("$SERVER" --config "$WORK/server.toml")
"${S[@]}" migrate >/dev/null
"${S[@]}" admin agency add --id 000.00.00.H37 --name "UBND tỉnh Lạng Sơn" --abbr UBND >/dev/null
"${S[@]}" admin agency add --id 000.00.00.H38 --name "UBND tỉnh Cao Bằng" --abbr UBND >/dev/null
for a in 000.00.00.H37 000.00.00.H38; do
  "${S[@]}" admin unit add --agency "$a" --code VP --name "Văn phòng" >/dev/null
  "${S[@]}" admin unit add --agency "$a" --code KGVX --name "Phòng Khoa giáo – Văn xã" >/dev/null
done
add() { echo "$PASSWORD" | "${S[@]}" admin user add --agency "$1" --username "$2" --full-name "$3" --role "$4" ${5:+--unit "$5"} >/dev/null; }
add 000.00.00.H37 vanthu1 "Hoàng Thị Lan" clerk VP
add 000.00.00.H37 vanthu2 "Nông Văn Bình" clerk VP
add 000.00.00.H37 lanhdao1 "Lương Văn Hùng" leader
add 000.00.00.H37 truongphong1 "Vi Thị Mai" unit_head KGVX
add 000.00.00.H37 chuyenvien1 "Triệu Văn Nam" specialist KGVX
add 000.00.00.H37 quantri1 "Lộc Thị Hoa" admin
add 000.00.00.H38 vanthu.cb "Bế Thị Thu" clerk VP
add 000.00.00.H38 lanhdao.cb "Đàm Văn Sơn" leader

cat <<TXT

eOffice — máy chủ văn bản cấp tỉnh (demo) đang chạy: http://127.0.0.1:$PORT
  UBND tỉnh Lạng Sơn (000.00.00.H37): vanthu1, vanthu2 (văn thư), lanhdao1 (lãnh đạo),
      truongphong1 (lãnh đạo phòng), chuyenvien1 (chuyên viên), quantri1 (quản trị)
  UBND tỉnh Cao Bằng (000.00.00.H38): vanthu.cb (văn thư), lanhdao.cb (lãnh đạo)
  Mật khẩu của mọi tài khoản: $PASSWORD

  Sign in from the CLI (an empty data folder becomes a connected one):
    echo $PASSWORD | $CARGO_TARGET_DIR/release/eoffice --data-dir /tmp/eoffice-vanthu1 login --server http://127.0.0.1:$PORT --username vanthu1
    $CARGO_TARGET_DIR/release/eoffice --data-dir /tmp/eoffice-vanthu1 status --json
  Or in the app: Đăng nhập máy chủ → http://127.0.0.1:$PORT
  Ctrl+C stops the server and deletes its data.
TXT
"${S[@]}" serve
