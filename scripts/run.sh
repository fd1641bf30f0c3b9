#!/usr/bin/env bash
# The run command: builds eOffice and opens the desktop app in standalone
# mode, on the embedded SQLite database in the standard data folder.
# On first run the window offers the demo agency (UBND tỉnh Lạng Sơn),
# loaded with the sample documents from ../shared/fixtures/documents.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

build_ui
cargo build --release -p eoffice-desktop -p eoffice-cli
export EOFFICE_SAMPLES="${EOFFICE_SAMPLES:-$(cd .. && pwd)/shared/fixtures/documents}"
DATA="${EOFFICE_DATA_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/vn.eoffice.desktop}"
mkdir -p "$DATA/inbox"
echo "eOffice: thư mục dữ liệu $DATA"
echo "eOffice: thư mục nhận (đặt tệp PDF cần vào sổ vào đây) $DATA/inbox"

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "eOffice: no display found; starting a virtual one (Xvfb) so the window can open." >&2
  Xvfb :77 -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
  export DISPLAY=:77
  export WEBKIT_DISABLE_COMPOSITING_MODE=1
fi
exec "$CARGO_TARGET_DIR/release/eoffice-desktop"
