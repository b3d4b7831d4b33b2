#!/usr/bin/env bash
# Starts a throw-away PostgreSQL cluster for the tests and prints its admin URL
# on stdout (postgres://postgres@127.0.0.1:PORT/postgres). Debian's postgresql
# refuses to run as root, so the cluster belongs to the postgres user, with its
# socket in a folder that user owns, listening on the loopback address only.
#   .ci/postgres.sh start|stop|url    (PGTEST_DIR, PGTEST_PORT override the defaults)
set -euo pipefail
DIR=${PGTEST_DIR:-/tmp/gkreport-pgtest}
PORT=${PGTEST_PORT:-54329}
URL="postgres://postgres@127.0.0.1:${PORT}/postgres"
BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$BIN" ]; then echo "postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; exit 1; fi
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
running() { as_pg "$BIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1; }

case "${1:-start}" in
  start)
    if [ ! -d "$DIR/data" ]; then
      mkdir -p "$DIR"
      [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
      # C locale: text sorts by code point on both engines; trust: loopback only, throw-away data.
      as_pg "$BIN/initdb" -D "$DIR/data" -U postgres --auth=trust --locale=C -E UTF8 >"$DIR/initdb.log" 2>&1
    fi
    if ! running; then
      as_pg "$BIN/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c max_connections=200 -c fsync=off" start >&2
    fi
    echo "$URL"
    ;;
  stop) running && as_pg "$BIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true ;;
  url) echo "$URL" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
