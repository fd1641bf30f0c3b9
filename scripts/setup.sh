#!/usr/bin/env bash
# Installs what building, running and testing eOffice needs on Debian 12,
# only what is missing. Sourced by run.sh and test.sh; safe to run alone.
set -euo pipefail

APT_PACKAGES=(
  build-essential pkg-config   # C compiler for bundled SQLite
  poppler-utils                # pdftotext, pdfinfo: the intake reference and book checks
  fonts-liberation2            # Times New Roman metrics with Vietnamese glyphs
  python3                      # reads exported XLSX in tests (stdlib only)
  libc-bin                     # iconv: the TCVN3 oracle in tests
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev   # the Tauri window (WebKitGTK)
  xvfb xauth webkit2gtk-driver curl                 # UI tests in the real webview
  postgresql                   # the provincial server's database (a throwaway cluster in tests)
  openssl                      # test certificates made on the fly in the signature tests
  python3-venv                 # a venv for pyHanko, the second PAdES validator in tests
  libreoffice-writer-nogui     # DOCX/ODT drafts into PDF (the app) and draft templates (tests)
  softhsm2                     # a real PKCS#11 token for the signing tests
  xmlsec1                      # the outside validator of edXML packages' XML signatures (tests)
  tesseract-ocr tesseract-ocr-vie   # OCR of scans (Tesseract 5, Vietnamese model)
  sane-utils                   # scanimage: scanner capture (tests use SANE's test backend)
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "setup: installing ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup: these Debian packages are missing. Install them with:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi

if ! command -v cargo >/dev/null 2>&1; then
  if [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
  else
    echo "setup: Rust is missing. Install it from the Debian package 'rustup' (or rustup.rs), then run again:" >&2
    echo "  sudo apt-get install -y rustup && rustup default stable" >&2
    exit 1
  fi
fi

node_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$node_major" -lt 20 ]; then
  echo "setup: Node.js 20 or newer is needed for the UI build (found: $(node --version 2>/dev/null || echo none))." >&2
  echo "  Install it from your Node.js distribution of choice, then run again." >&2
  exit 1
fi

# pyHanko (PyPI: pyhanko-cli) validates every signature the tests make,
# beside poppler's pdfsig. It lives in a venv outside the checkout and is
# installed only when missing.
VENV="${EOFFICE_VENV:-$HOME/.cache/eoffice-venv}"
if [ ! -x "$VENV/bin/pyhanko" ]; then
  echo "setup: installing pyhanko-cli in $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check "pyhanko-cli>=0.1,<1"
fi
export EOFFICE_PYHANKO="$VENV/bin/pyhanko"

# Builds the web UI into ui/dist, which the desktop binary embeds.
build_ui() {
  (cd ui && { [ -d node_modules ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund; } && npm run build --silent)
}

# Build outputs live outside the checkout, so clean clones reuse them.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/eoffice-target}"
