#!/usr/bin/env bash
# A real screen reader for the tests: Orca following Chromium over AT-SPI, on a private X display,
# with Orca's speech written to a log file (the tests' oracle) instead of a sound card.
#
#   scripts/screen-reader.sh start|stop|status
#
# start: Xvfb, a D-Bus session bus, the AT-SPI bus, the GNOME accessibility settings, Orca (through
# scripts/screen-reader/sitecustomize.py: no watchdog, line-buffered log, no speech server; see
# ../shared/TOOLCHAIN.md), then Chromium with its renderer accessibility on and a DevTools port, at
# about:blank. Idempotent. Writes $DIR/env (KEY=VALUE) for the test fixture.
# stop: ends every process it started, and what they started, by PID.
#
# Environment (all optional):
#   WEBMAILLITE_SR_DIR      state directory            (default /tmp/webmaillite-sr)
#   WEBMAILLITE_SR_DISPLAY  X display number           (default 99)
#   WEBMAILLITE_SR_CDP_PORT Chromium's DevTools port   (default 9333)
#   WEBMAILLITE_CHROMIUM    Chromium binary            (default Debian's)
#
# Installs nothing: scripts/test.sh installs orca xvfb at-spi2-core python3-pyatspi dbus-x11 xdotool.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DIR=${WEBMAILLITE_SR_DIR:-/tmp/webmaillite-sr}
DISPLAY_NUMBER=${WEBMAILLITE_SR_DISPLAY:-99}
CDP_PORT=${WEBMAILLITE_SR_CDP_PORT:-9333}
WAIT_SECONDS=60

RIG=screen-reader
# shellcheck source=lib/rig.sh
source "$HERE/lib/rig.sh"

[[ $DISPLAY_NUMBER =~ ^[0-9]+$ && $CDP_PORT =~ ^[0-9]+$ ]] || die "display and port must be numbers"
[[ $DIR == /?* ]] || die "WEBMAILLITE_SR_DIR must be an absolute path"

PIDS=$DIR/pids
SPEECH_LOG=$DIR/speech.log
BUS_SOCKET=$DIR/bus
X_SOCKET=/tmp/.X11-unix/X$DISPLAY_NUMBER

find_chromium() {
  local candidate
  for candidate in "${WEBMAILLITE_CHROMIUM:-}" /usr/lib/chromium/chromium /usr/bin/chromium; do
    if [[ -n $candidate && -x $candidate ]]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

require_tools() {
  local tool
  for tool in Xvfb dbus-daemon gsettings orca xdotool; do
    command -v "$tool" >/dev/null ||
      die "$tool not found: apt-get install orca xvfb at-spi2-core python3-pyatspi dbus-x11 xdotool (scripts/test.sh does it)"
  done
  [[ -x /usr/libexec/at-spi-bus-launcher ]] || die "/usr/libexec/at-spi-bus-launcher missing: apt-get install at-spi2-core"
  find_chromium >/dev/null || die "Chromium not found: apt-get install chromium (or set WEBMAILLITE_CHROMIUM)"
}

# "pid:starttime" of process $1 (the start time guards against a PID reused after we recorded it).
identity() {
  local line stat
  { read -r line <"/proc/$1/stat"; } 2>/dev/null || return 1
  read -ra stat <<<"${line##*) }"
  echo "$1:${stat[19]}"
}

same_alive() {
  local line stat
  { read -r line <"/proc/${1%%:*}/stat"; } 2>/dev/null || return 1
  read -ra stat <<<"${line##*) }"
  [[ ${stat[19]} == "${1#*:}" && ${stat[0]} != Z && ${stat[0]} != X ]]
}

# Every descendant of process $1, deepest last, as "pid:starttime".
descendants() {
  local stat pid line fields
  for stat in /proc/[0-9]*/stat; do
    pid=${stat#/proc/}
    pid=${pid%/stat}
    { read -r line <"$stat"; } 2>/dev/null || continue
    read -ra fields <<<"${line##*) }"
    if [[ ${fields[1]} == "$1" ]]; then
      echo "$pid:${fields[19]}"
      descendants "$pid"
    fi
  done
}

# Records a started process: name, then "pid:starttime".
record() {
  local id
  id=$(identity "$2") || die "$1 (pid $2) exited at once; see $DIR/$1.log"
  echo "$1 $id" >>"$PIDS"
}

recorded() {
  local name id
  [[ -r $PIDS ]] || return 1
  while read -r name id; do
    if [[ $name == "$1" ]]; then
      same_alive "$id" && echo "${id%%:*}" && return 0
    fi
  done <"$PIDS"
  return 1
}

running() {
  local name
  for name in xvfb dbus at-spi orca chromium; do
    recorded "$name" >/dev/null || return 1
  done
  port_open "$CDP_PORT"
}

# Ends the recorded processes and their descendants (SIGTERM, then SIGKILL after 5 s), by PID.
stop_all() {
  [[ -r $PIDS ]] || return 0
  local name id entries=() left deadline
  # Reverse order: Chromium and Orca before the buses and the display they use.
  while read -r name id; do
    if same_alive "$id"; then
      entries=("$id" $(descendants "${id%%:*}") "${entries[@]}")
    fi
  done <"$PIDS"
  for id in "${entries[@]}"; do
    if same_alive "$id"; then kill -TERM "${id%%:*}" 2>/dev/null || true; fi
  done
  deadline=$((SECONDS + 5))
  while true; do
    left=()
    for id in "${entries[@]}"; do
      if same_alive "$id"; then left+=("$id"); fi
    done
    ((${#left[@]} > 0)) || break
    if ((SECONDS >= deadline)); then
      for id in "${left[@]}"; do kill -KILL "${id%%:*}" 2>/dev/null || true; done
      break
    fi
    sleep 0.1
  done
  rm -f "$PIDS" "$DIR/env"
}

# Waits until command "$@" succeeds, or fails naming $WHAT and showing its log.
wait_for() {
  local what=$1 log=$2
  shift 2
  local deadline=$((SECONDS + WAIT_SECONDS))
  until "$@"; do
    if ((SECONDS >= deadline)); then
      [[ -s $log ]] && tail -n 30 "$log" >&2
      stop_all
      die "$what not ready within ${WAIT_SECONDS}s (log: $log)"
    fi
    sleep 0.1
  done
}

bus_answers() {
  dbus-send --session --print-reply --dest=org.a11y.Bus /org/a11y/bus org.a11y.Bus.GetAddress >/dev/null 2>&1
}

speech_log_ready() {
  # Orca has loaded its script for the desktop and is listening: it greets.
  grep -q "SPEECH OUTPUT: " "$SPEECH_LOG" 2>/dev/null
}

start_all() {
  require_tools
  if running; then
    say "already running (display :$DISPLAY_NUMBER, DevTools 127.0.0.1:$CDP_PORT)"
    return 0
  fi
  stop_all
  if [[ -e $X_SOCKET ]]; then
    die "display :$DISPLAY_NUMBER is taken ($X_SOCKET exists): set WEBMAILLITE_SR_DISPLAY"
  fi
  if port_open "$CDP_PORT"; then
    die "127.0.0.1:$CDP_PORT is taken: set WEBMAILLITE_SR_CDP_PORT"
  fi
  # Orca refuses to start beside another Orca of the same user, and we end only what we started.
  local pid others=()
  for pid in $(pgrep -u "$EUID" -x orca || true); do
    # A zombie (ours, stopped a moment ago, not yet reaped by PID 1) does not count.
    if same_alive "$(identity "$pid")"; then others+=("$pid"); fi
  done
  ((${#others[@]} == 0)) || die "another Orca of this user is running (pid ${others[*]}); it is not ours to stop"

  # Only what this script makes: the directory may be one a developer chose.
  rm -rf "$DIR/home" "$DIR/config" "$DIR/data" "$DIR/cache" "$DIR/runtime" "$DIR/chromium" "$DIR/python" \
    "$SPEECH_LOG" "$DIR"/*.log "$DIR/env"
  mkdir -p "$DIR/home" "$DIR/config" "$DIR/data" "$DIR/cache" "$DIR/runtime" "$DIR/chromium" "$DIR/python"
  chmod 700 "$DIR/runtime"
  cp "$HERE/screen-reader/sitecustomize.py" "$DIR/python/"
  # Chromium's own bubbles (« Save password? », translation) are spoken by Orca as alerts, between the page's lines.
  mkdir -p "$DIR/chromium/Default"
  echo '{"credentials_enable_service":false,"profile":{"password_manager_enabled":false},"translate":{"enabled":false}}' \
    >"$DIR/chromium/Default/Preferences"
  : >"$PIDS"

  # Everything below sees only this private home, display and bus: no trace in the real home, no
  # clash with another rig on another display.
  export HOME=$DIR/home XDG_CONFIG_HOME=$DIR/config XDG_DATA_HOME=$DIR/data XDG_CACHE_HOME=$DIR/cache \
    XDG_RUNTIME_DIR=$DIR/runtime DISPLAY=:$DISPLAY_NUMBER LANG=C.UTF-8 LANGUAGE=fr
  export DBUS_SESSION_BUS_ADDRESS=unix:path=$BUS_SOCKET
  unset SESSION_MANAGER DBUS_SYSTEM_BUS_ADDRESS

  # Fully detached, like the mail servers: no terminal, no inherited pipes.
  Xvfb ":$DISPLAY_NUMBER" -screen 0 1280x1024x24 -nolisten tcp </dev/null >"$DIR/xvfb.log" 2>&1 9>&- &
  record xvfb $!
  wait_for "Xvfb" "$DIR/xvfb.log" test -S "$X_SOCKET"

  dbus-daemon --session --nofork --nopidfile --address="$DBUS_SESSION_BUS_ADDRESS" </dev/null >"$DIR/dbus.log" 2>&1 9>&- &
  record dbus $!
  wait_for "D-Bus session bus" "$DIR/dbus.log" test -S "$BUS_SOCKET"

  /usr/libexec/at-spi-bus-launcher --launch-immediately </dev/null >"$DIR/at-spi.log" 2>&1 9>&- &
  record at-spi $!
  wait_for "AT-SPI bus" "$DIR/at-spi.log" \
    bus_answers

  gsettings set org.gnome.desktop.a11y.applications screen-reader-enabled true
  gsettings set org.gnome.desktop.interface toolkit-accessibility true

  # --replace: no other Orca of this user runs (checked above), but one that died under load can leave its
  # registration behind, and Orca would then refuse to start (« une autre instance … est déjà lancée »).
  PYTHONPATH=$DIR/python WEBMAILLITE_ORCA_SPEECH_LOG=$SPEECH_LOG \
    orca --replace </dev/null >"$DIR/orca.log" 2>&1 9>&- &
  record orca $!
  wait_for "Orca" "$DIR/orca.log" speech_log_ready

  local chromium
  chromium=$(find_chromium)
  # Root needs --no-sandbox. French UI; no first-run, translate, password or sync prompts, which
  # Orca would read out between the page's own lines.
  "$chromium" --force-renderer-accessibility --no-sandbox --disable-gpu --no-first-run --no-default-browser-check \
    --lang=fr --accept-lang=fr-FR,fr --user-data-dir="$DIR/chromium" \
    --remote-debugging-address=127.0.0.1 --remote-debugging-port="$CDP_PORT" \
    --window-position=0,0 --window-size=1280,1000 --disable-quic --disable-background-networking \
    --disable-component-update --disable-sync --disable-features=Translate,PasswordManagerOnboarding,AutofillServerCommunication,MediaRouter \
    --password-store=basic --disable-save-password-bubble --disable-session-crashed-bubble --noerrdialogs \
    about:blank </dev/null >"$DIR/chromium.log" 2>&1 9>&- &
  record chromium $!
  wait_for "Chromium DevTools" "$DIR/chromium.log" port_open "$CDP_PORT"

  local tmp
  tmp=$(mktemp "$DIR/env.XXXXXX")
  {
    printf 'DISPLAY=%q\n' ":$DISPLAY_NUMBER"
    printf 'DBUS_SESSION_BUS_ADDRESS=%q\n' "$DBUS_SESSION_BUS_ADDRESS"
    printf 'WEBMAILLITE_SR_CDP=%q\n' "http://127.0.0.1:$CDP_PORT"
    printf 'WEBMAILLITE_SR_SPEECH_LOG=%q\n' "$SPEECH_LOG"
  } >"$tmp"
  chmod 644 "$tmp"
  mv -f "$tmp" "$DIR/env"
}

lock() {
  mkdir -p "$(dirname "$DIR")"
  # Serialises concurrent callers (scripts/test.sh and the test fixture may both call start).
  exec 9>"$DIR.lock"
  flock -w 120 9 || die "another screen-reader.sh holds $DIR.lock"
}

case ${1:-} in
start)
  lock
  started=$SECONDS
  start_all
  say "ready in $((SECONDS - started)) s: display :$DISPLAY_NUMBER, DevTools 127.0.0.1:$CDP_PORT, speech $SPEECH_LOG"
  ;;
stop)
  lock
  stop_all
  say "stopped"
  ;;
status)
  if running; then
    say "running: display :$DISPLAY_NUMBER, DevTools 127.0.0.1:$CDP_PORT, speech $SPEECH_LOG"
  else
    say "stopped"
    exit 1
  fi
  ;;
*)
  echo "usage: $0 start|stop|status" >&2
  exit 2
  ;;
esac
