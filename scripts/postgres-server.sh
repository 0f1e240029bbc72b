#!/usr/bin/env bash
# A private PostgreSQL for the tests and benchmarks (Storage:Provider=PostgreSQL): Debian's
# postgresql server binaries, its own cluster, socket folder and port on loopback, beside any
# system cluster, stopped by the PID of its postmaster.
#
#   scripts/postgres-server.sh start|stop|status
#
# Environment (all optional):
#   WEBMAILLITE_PG_DIR   state directory (default /tmp/webmaillite-pg)
#   WEBMAILLITE_PG_PORT  port on 127.0.0.1 (default 15432)
#
# `start` is idempotent; a start from stopped creates a fresh cluster (test data is disposable:
# no fsync). Writes $DIR/env (KEY='VALUE') with the connection string for the test fixtures.
# Needs root (the server runs as Debian's "postgres" user, which initdb requires).
set -euo pipefail

DIR=${WEBMAILLITE_PG_DIR:-/tmp/webmaillite-pg}
PORT=${WEBMAILLITE_PG_PORT:-15432}
DATA=$DIR/data
RUN=$DIR/run
LOG=$DIR/postgres.log
PIDFILE=$DATA/postmaster.pid
USER_NAME=webmaillite
DATABASE=webmaillite
# Loopback only, a private cluster: the password only keeps other local users out.
PASSWORD=webmaillite-test
WAIT_SECONDS=30

RIG=postgres-server
# shellcheck source=lib/rig.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/rig.sh"


# The postmaster's PID if it is alive and is a postgres process (a stale pid file is ignored).
server_pid() { live_pid "$PIDFILE" postgres postmaster; }

bin_dir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $dir && -x $dir/postgres ]] || die "PostgreSQL's server is not installed: apt-get install postgresql (scripts/test.sh does it)"
  echo "$dir"
}


write_env() {
  local tmp
  tmp=$(mktemp "$DIR/env.XXXXXX")
  {
    echo "WEBMAILLITE_PG_DIR='$DIR'"
    echo "WEBMAILLITE_PG_PORT='$PORT'"
    echo "WEBMAILLITE_PG_CONNECTION='Host=127.0.0.1;Port=$PORT;Username=$USER_NAME;Password=$PASSWORD;Database=$DATABASE'"
  } >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$DIR/env"
}

start() {
  [[ $EUID -eq 0 ]] || die "must run as root (the server runs as the 'postgres' user)"
  getent passwd postgres >/dev/null || die "system user 'postgres' is missing (apt-get install postgresql)"
  local bin pid started
  bin=$(bin_dir)
  if pid=$(server_pid); then
    write_env
    say "already running (PID $pid): 127.0.0.1:$PORT, state $DIR"
    return 0
  fi
  if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
    die "port $PORT is taken by something else (set WEBMAILLITE_PG_PORT)"
  fi
  started=$(date +%s%N)
  rm -rf "$DATA" "$RUN"
  mkdir -p "$DIR" "$RUN"
  chown postgres:postgres "$DIR" "$RUN"
  local pwfile=$DIR/pwfile
  echo "$PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  chmod 600 "$pwfile"
  runuser -u postgres -- "$bin/initdb" -D "$DATA" -U "$USER_NAME" --pwfile="$pwfile" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$DIR/initdb.log" 2>&1 ||
    { tail -n 20 "$DIR/initdb.log" >&2; die "initdb failed"; }
  rm -f "$pwfile"
  # Test data is disposable: no fsync. Enough connections for several app instances and the tests.
  runuser -u postgres -- "$bin/pg_ctl" -D "$DATA" -l "$LOG" -w -t "$WAIT_SECONDS" \
    -o "-p $PORT -k $RUN -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { tail -n 30 "$LOG" >&2; die "the server did not start"; }
  PGPASSWORD=$PASSWORD "$bin/psql" -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d postgres -qAt \
    -c "CREATE DATABASE $DATABASE" >/dev/null
  write_env
  say "ready in $((($(date +%s%N) - started) / 1000000)) ms: 127.0.0.1:$PORT, database $DATABASE, state $DIR"
}

stop() {
  [[ $EUID -eq 0 ]] || die "must run as root"
  local pid deadline
  pid=$(server_pid) || {
    say "not running"
    return 0
  }
  # SIGINT is PostgreSQL's « fast » shutdown: sessions are ended, the cluster is left consistent.
  kill -INT "$pid" 2>/dev/null || true
  deadline=$((SECONDS + WAIT_SECONDS))
  while [[ -e /proc/$pid ]] && grep -qv '^State:.*Z' "/proc/$pid/status" 2>/dev/null; do
    ((SECONDS < deadline)) || { kill -KILL "$pid" 2>/dev/null || true; break; }
    sleep 0.05
  done
  say "stopped (PID $pid)"
}

status() {
  local pid
  if pid=$(server_pid); then
    say "running (PID $pid): 127.0.0.1:$PORT, state $DIR"
  else
    say "not running"
    return 1
  fi
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
*)
  echo "usage: $0 start|stop|status" >&2
  exit 2
  ;;
esac
