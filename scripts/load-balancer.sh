#!/usr/bin/env bash
# A private HAProxy (Debian's haproxy) in front of several app instances, sticky on a cookie
# of its own, health-checked on /sante/pret, on loopback, stopped by the PID in its pid file.
#
#   scripts/load-balancer.sh start|stop|status
#
# Environment:
#   WEBMAILLITE_LB_DIR       state directory      (default /tmp/webmaillite-lb)
#   WEBMAILLITE_LB_PORT      port on 127.0.0.1    (default 18080)
#   WEBMAILLITE_LB_BACKENDS  for start: « name=127.0.0.1:port » separated by spaces (required)
#
# `start` writes a fresh configuration each time (the backends change with every test cluster)
# and replaces a balancer already running in that directory.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=${WEBMAILLITE_LB_DIR:-/tmp/webmaillite-lb}
PORT=${WEBMAILLITE_LB_PORT:-18080}
PIDFILE=$DIR/haproxy.pid
CONFIG=$DIR/haproxy.cfg

RIG=load-balancer
# shellcheck source=lib/rig.sh
source "$HERE/lib/rig.sh"



haproxy_pid() { live_pid "$PIDFILE" haproxy; }

stop() {
  local pid deadline
  pid=$(haproxy_pid) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 10))
  while [[ -e /proc/$pid ]] && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; do
    ((SECONDS < deadline)) || { kill -KILL "$pid" 2>/dev/null || true; break; }
    sleep 0.05
  done
  rm -f "$PIDFILE"
  say "stopped (PID $pid)"
}

start() {
  command -v haproxy >/dev/null || [[ -x /usr/sbin/haproxy ]] || die "haproxy is not installed: apt-get install haproxy (scripts/test.sh does it)"
  export PATH=$PATH:/usr/sbin
  [[ -n ${WEBMAILLITE_LB_BACKENDS:-} ]] || die "WEBMAILLITE_LB_BACKENDS is empty (« name=127.0.0.1:port … »)"
  mkdir -p "$DIR"
  stop
  local servers="" backend name address
  for backend in $WEBMAILLITE_LB_BACKENDS; do
    name=${backend%%=*}
    address=${backend#*=}
    [[ $name =~ ^[a-z0-9-]+$ && $address =~ ^127\.0\.0\.1:[0-9]+$ ]] || die "bad backend « $backend » (name=127.0.0.1:port)"
    servers+="    server $name $address check cookie $name"$'\n'
  done
  sed -e "s|@DIR@|$DIR|g" -e "s|@PORT@|$PORT|g" "$HERE/load-balancer/haproxy.cfg.in" |
    awk -v servers="$servers" '{ if ($0 == "@SERVERS@") printf "%s", servers; else print }' >"$CONFIG"
  haproxy -c -q -f "$CONFIG" || die "invalid configuration $CONFIG"
  haproxy -D -f "$CONFIG"
  local deadline=$((SECONDS + 10))
  until haproxy_pid >/dev/null && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
    ((SECONDS < deadline)) || die "haproxy did not start listening on $PORT"
    sleep 0.05
  done
  say "ready: http://127.0.0.1:$PORT → $WEBMAILLITE_LB_BACKENDS (PID $(haproxy_pid))"
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status)
  if pid=$(haproxy_pid); then say "running (PID $pid) on 127.0.0.1:$PORT"; else
    say "not running"
    exit 1
  fi
  ;;
*)
  echo "usage: $0 start|stop|status" >&2
  exit 2
  ;;
esac
