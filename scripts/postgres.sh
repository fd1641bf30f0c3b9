#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests and the demo server: its own
# folder, port and socket, gone when the shell that started it exits.
# Sourced; `start_postgres DIR PORT` exports EOFFICE_PG_URL (a superuser
# URL on 127.0.0.1, so tests can create a database each).

pg_bin() {
  local v
  for v in 17 16 15; do
    if [ -x "/usr/lib/postgresql/$v/bin/initdb" ]; then echo "/usr/lib/postgresql/$v/bin"; return; fi
  done
  echo "postgres: PostgreSQL server binaries not found (Debian package postgresql)" >&2
  return 1
}

start_postgres() {
  local dir="$1" port="$2" bin run
  bin="$(pg_bin)"
  mkdir -p "$dir"
  run=()
  # initdb refuses to run as root: the cluster belongs to the postgres user.
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$dir"
    run=(runuser -u postgres --)
  fi
  if [ ! -f "$dir/PG_VERSION" ]; then
    "${run[@]}" "$bin/initdb" -D "$dir" -U eoffice --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  "${run[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=on" start >/dev/null
  export EOFFICE_PG_URL="postgres://eoffice@127.0.0.1:$port/postgres"
  export EOFFICE_PG_DIR="$dir" EOFFICE_PG_BIN="$bin"
  echo "postgres: throwaway cluster on 127.0.0.1:$port ($dir)"
}

stop_postgres() {
  [ -n "${EOFFICE_PG_DIR:-}" ] || return 0
  local run=()
  [ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
  "${run[@]}" "$EOFFICE_PG_BIN/pg_ctl" -D "$EOFFICE_PG_DIR" -m fast stop >/dev/null 2>&1 || true
}
