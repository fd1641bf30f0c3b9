#!/usr/bin/env bash
# The run command: builds eOffice and shows it working on a demo agency.
# Until the desktop window exists (next issue) this is the CLI: it creates
# the demo agency in the standard data folder, registers the sample
# documents, lists the incoming book, searches without diacritics and
# exports the book to PDF.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

cargo build --release -p eoffice-cli
EOFFICE="$CARGO_TARGET_DIR/release/eoffice"
SAMPLES="${EOFFICE_SAMPLES:-$(cd .. && pwd)/shared/fixtures/documents}"
DATA="${EOFFICE_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/vn.eoffice.desktop}"
export EOFFICE_DATA_DIR="$DATA"
YEAR="$(date +%Y)"

echo "== Thư mục dữ liệu: $DATA"
if "$EOFFICE" init --agency-id 000.00.00.H37 --agency-name "UBND tỉnh Lạng Sơn" --abbreviation UBND --place "Lạng Sơn"; then
  :
else
  echo "== Dùng cơ quan đã có trong thư mục dữ liệu."
fi

echo "== Vào sổ văn bản đến từ $SAMPLES"
for f in "$SAMPLES"/*.pdf; do
  [ -e "$f" ] || { echo "(không có tệp mẫu trong $SAMPLES)"; break; }
  name="$(basename "$f")"
  if "$EOFFICE" register "$f" >/tmp/eoffice-demo.out 2>&1; then
    sed -n 1p /tmp/eoffice-demo.out
  else
    echo "   $name: $(grep '^lỗi:' /tmp/eoffice-demo.out | head -1)"
  fi
done

echo "== Sổ đăng ký văn bản đến năm $YEAR"
"$EOFFICE" list incoming --year "$YEAR" --limit 20
echo "== Tra cứu không dấu: \"dich vu cong truc tuyen\""
"$EOFFICE" search "dich vu cong truc tuyen" --limit 5
OUT="$DATA/so-van-ban-den-$YEAR.pdf"
"$EOFFICE" book export --direction incoming --year "$YEAR" --format pdf --out "$OUT"
"$EOFFICE" audit verify
echo "== Xong. Sổ in ra: $OUT"
