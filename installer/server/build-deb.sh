#!/usr/bin/env bash
# Builds eoffice-server_<version>_<arch>.deb from a built binary, offline,
# with dpkg-deb: the binary, a systemd unit, a sample configuration (a
# conffile, kept on upgrade) and a postinst that makes the service user.
#   installer/server/build-deb.sh BINARY OUTDIR
set -euo pipefail
BIN="${1:?usage: build-deb.sh BINARY OUTDIR}"
OUT="${2:?usage: build-deb.sh BINARY OUTDIR}"
HERE="$(cd "$(dirname "$0")" && pwd)"
VERSION="$(grep -m1 '^version' "$HERE/../../Cargo.toml" | sed 's/.*"\(.*\)".*/\1/')"
ARCH="$(dpkg --print-architecture)"
ROOT="$(mktemp -d)"
trap 'rm -rf "$ROOT"' EXIT
chmod 755 "$ROOT"

install -Dm755 "$BIN" "$ROOT/usr/bin/eoffice-server"
install -Dm644 "$HERE/eoffice-server.service" "$ROOT/lib/systemd/system/eoffice-server.service"
install -Dm640 "$HERE/server.toml" "$ROOT/etc/eoffice-server/server.toml"
install -Dm644 "$HERE/../../crates/eoffice-server/openapi.json" "$ROOT/usr/share/doc/eoffice-server/openapi.json"
cat > "$ROOT/usr/share/doc/eoffice-server/README" <<'TXT'
eOffice provincial document server.
1. Create a PostgreSQL database and set database_url in /etc/eoffice-server/server.toml.
2. sudo -u eoffice eoffice-server --config /etc/eoffice-server/server.toml migrate
3. eoffice-server --config /etc/eoffice-server/server.toml admin agency add --id 000.00.00.H37 --name "UBND tỉnh Lạng Sơn" --abbr UBND
4. systemctl enable --now eoffice-server
TXT
mkdir -p "$ROOT/DEBIAN"
cat > "$ROOT/DEBIAN/control" <<CTRL
Package: eoffice-server
Version: $VERSION
Architecture: $ARCH
Maintainer: eOffice <eoffice@localhost>
Section: net
Priority: optional
Depends: libc6, adduser
Recommends: postgresql (>= 15)
Description: eOffice provincial document server
 Directory, sign-in, number authority, change feed and blobs for the
 eOffice desktops of a province, over PostgreSQL.
CTRL
echo "/etc/eoffice-server/server.toml" > "$ROOT/DEBIAN/conffiles"
cat > "$ROOT/DEBIAN/postinst" <<'POST'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  getent passwd eoffice >/dev/null || adduser --system --group --home /var/lib/eoffice-server --no-create-home eoffice
  install -d -o eoffice -g eoffice -m 750 /var/lib/eoffice-server /var/lib/eoffice-server/blobs
  chgrp eoffice /etc/eoffice-server/server.toml
  if [ -d /run/systemd/system ]; then systemctl daemon-reload || true; fi
fi
POST
chmod 755 "$ROOT/DEBIAN/postinst"
mkdir -p "$OUT"
DEB="$OUT/eoffice-server_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group --build "$ROOT" "$DEB" >/dev/null
echo "$DEB"
