#!/usr/bin/env bash
# Real mail servers for the tests, on loopback only: a private Dovecot (IMAP + LMTP) and a
# private Postfix (submission with AUTH, delivering to Dovecot over LMTP), each with its own
# configuration, runtime and state under one directory, beside any system instance.
#
#   scripts/mail-servers.sh start|stop|status|restart-imap|stop-smtp|start-smtp
#
# Environment (all optional):
#   WEBMAILLITE_MAIL_DIR   state directory       (default /tmp/webmaillite-mail)
#   WEBMAILLITE_IMAP_PORT  IMAP port, no TLS     (default 10143)
#   WEBMAILLITE_SMTP_PORT  submission port, AUTH (default 10587)
#
# `start` is idempotent. A start from stopped empties the mailboxes and the passwd-file
# (test accounts are random and per run; 10,000-message benchmarks would otherwise pile up
# in /tmp); restart-imap keeps them. Writes $DIR/env (KEY=VALUE) for the test fixtures.
# When the directory rig (scripts/directory-server.sh, WEBMAILLITE_LDAP_DIR) is running at
# `start`, Dovecot also authenticates its people (LDAP passdb and userdb after the passwd-file).
# Needs root (Dovecot switches to the mail uid, Postfix must start as root).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEMPLATES=$HERE/mail-servers
DIR=${WEBMAILLITE_MAIL_DIR:-/tmp/webmaillite-mail}
IMAP_PORT=${WEBMAILLITE_IMAP_PORT:-10143}
SMTP_PORT=${WEBMAILLITE_SMTP_PORT:-10587}
DOMAIN=ac-test.fr
# Mailboxes belong to Debian's base-passwd user "mail" (uid/gid 8): always present, not root.
MAIL_USER=mail
WAIT_SECONDS=20

DOVECOT_CONF=$DIR/dovecot.conf
DOVECOT_RUN=$DIR/dovecot-run
DOVECOT_PIDFILE=$DOVECOT_RUN/master.pid
POSTFIX_DIR=$DIR/postfix
POSTFIX_QUEUE=$DIR/postfix-queue
POSTFIX_PIDFILE=$POSTFIX_QUEUE/pid/master.pid

RIG=mail-servers
# shellcheck source=lib/rig.sh
source "$HERE/lib/rig.sh"

# Prints "pid:starttime" for each child of process $1 (the start time guards against a
# PID being reused before we signal it).
children_of() {
  local stat pid
  for stat in /proc/[0-9]*/stat; do
    pid=${stat#/proc/}
    pid=${pid%/stat}
    if read_stat "$pid" && [[ ${STAT[1]} == "$1" ]]; then
      echo "$pid:${STAT[19]}"
    fi
  done
}

# True while the process recorded as "pid:starttime" is the same live process.
same_alive() {
  read_stat "${1%%:*}" && [[ ${STAT[19]} == "${1#*:}" && ${STAT[0]} != Z && ${STAT[0]} != X ]]
}

# Ends processes recorded as "pid:starttime" (SIGTERM, then SIGKILL after 5 s), by PID.
end_processes() {
  local entry left deadline=$((SECONDS + 5))
  for entry in "$@"; do
    if same_alive "$entry"; then kill -TERM "${entry%%:*}" 2>/dev/null || true; fi
  done
  while true; do
    left=()
    for entry in "$@"; do
      if same_alive "$entry"; then left+=("$entry"); fi
    done
    ((${#left[@]} > 0)) || return 0
    if ((SECONDS >= deadline)); then
      for entry in "${left[@]}"; do kill -KILL "${entry%%:*}" 2>/dev/null || true; done
      return 0
    fi
    sleep 0.05
  done
}


dovecot_pid() { live_pid "$DOVECOT_PIDFILE" dovecot; }
postfix_pid() { live_pid "$POSTFIX_PIDFILE" master; }


require_root() {
  [[ $EUID -eq 0 ]] || die "must run as root (Dovecot switches to the '$MAIL_USER' uid, Postfix starts as root)"
  local bin
  for bin in dovecot doveconf postfix postconf; do
    command -v "$bin" >/dev/null || [[ -x /usr/sbin/$bin ]] ||
      die "$bin not found: apt-get install dovecot-imapd dovecot-lmtpd postfix (scripts/test.sh does it)"
  done
  export PATH=$PATH:/usr/sbin:/sbin
  getent passwd "$MAIL_USER" >/dev/null || die "system user '$MAIL_USER' is missing"
  getent passwd postfix >/dev/null || die "system user 'postfix' is missing (is postfix installed?)"
}

# Renders template $1 into $2 (extra sed expressions may follow); replaces $2 only when the
# content changed, because Postfix stalls about 2.5 s after main.cf is rewritten. Sets
# CHANGED=1 when it wrote.
render() {
  local template=$1 dest=$2 tmp
  tmp=$(mktemp "$dest.XXXXXX")
  sed -e "s|@DIR@|$DIR|g" \
    -e "s|@IMAP_PORT@|$IMAP_PORT|g" \
    -e "s|@SMTP_ADDRESS@|127.0.0.1:$SMTP_PORT|g" \
    -e "s|@DOMAIN@|$DOMAIN|g" \
    "${@:3}" "$template" >"$tmp"
  chmod 644 "$tmp"
  if cmp -s "$tmp" "$dest"; then
    rm -f "$tmp"
  else
    mv -f "$tmp" "$dest"
    CHANGED=1
  fi
}

DOVECOT_CHANGED=0
POSTFIX_CHANGED=0

generate_config() {
  [[ $IMAP_PORT =~ ^[0-9]+$ && $SMTP_PORT =~ ^[0-9]+$ ]] || die "ports must be numbers"
  [[ $DIR == /?* && $DIR != *'|'* ]] || die "WEBMAILLITE_MAIL_DIR must be an absolute path without '|'"
  mkdir -p "$DIR" "$DIR/dovecot-state" "$POSTFIX_DIR" "$POSTFIX_QUEUE" "$DIR/postfix-data"
  # Daemons running as dovecot/postfix/mail must traverse it.
  chmod 755 "$DIR"
  # Postfix's master takes its lock file there as the mail_owner (postfix start does not
  # create or fix it; only `postfix set-permissions` would).
  chown postfix: "$DIR/postfix-data"
  chmod 700 "$DIR/postfix-data"
  ensure_data_dirs

  CHANGED=0
  render "$TEMPLATES/dovecot.conf.in" "$DOVECOT_CONF"
  configure_directory
  DOVECOT_CHANGED=$CHANGED
  CHANGED=0
  render "$TEMPLATES/main.cf.in" "$POSTFIX_DIR/main.cf"
  render "$TEMPLATES/master.cf.in" "$POSTFIX_DIR/master.cf"
  POSTFIX_CHANGED=$CHANGED

  local tmp
  tmp=$(mktemp "$DIR/env.XXXXXX")
  {
    printf 'WEBMAILLITE_MAIL_DIR=%q\n' "$DIR"
    printf 'WEBMAILLITE_IMAP_PORT=%q\n' "$IMAP_PORT"
    printf 'WEBMAILLITE_SMTP_PORT=%q\n' "$SMTP_PORT"
    printf 'WEBMAILLITE_MAIL_DOMAIN=%q\n' "$DOMAIN"
    printf 'WEBMAILLITE_PASSWD_FILE=%q\n' "$DIR/users"
    # Whether Dovecot also authenticates against the directory rig (and which one).
    if ((DIRECTORY)); then printf 'WEBMAILLITE_MAIL_LDAP_ENV=%q\n' "$LDAP_ENV"; fi
  } >"$tmp"
  chmod 644 "$tmp"
  if cmp -s "$tmp" "$DIR/env"; then rm -f "$tmp"; else mv -f "$tmp" "$DIR/env"; fi
}

# The académie's directory (scripts/directory-server.sh): Dovecot's LDAP passdb and userdb are
# configured when that rig is running now, from its env file; otherwise their files are removed
# and Dovecot knows the passwd-file only, as before issue 14. Decided at each start: a
# directory started later is picked up by the next `start` (which restarts Dovecot when its
# configuration changed), so scripts/test.sh starts the directory first.
LDAP_ENV=${WEBMAILLITE_LDAP_DIR:-/tmp/webmaillite-ldap}/env
DIRECTORY=0
LDAP_FILES=(dovecot-ldap.conf dovecot-ldap-passdb.conf.ext dovecot-ldap-userdb.conf.ext)

directory_running() {
  [[ -r $LDAP_ENV ]] || return 1
  # Our own file, written by directory-server.sh with printf %q.
  # shellcheck disable=SC1090
  . "$LDAP_ENV"
  [[ ${WEBMAILLITE_LDAP_PORT:-} =~ ^[0-9]+$ ]] && port_open "$WEBMAILLITE_LDAP_PORT"
}

configure_directory() {
  local file
  if directory_running; then
    DIRECTORY=1
    local values=(
      -e "s|@LDAP_ENV@|$LDAP_ENV|g"
      -e "s|@LDAP_URL@|$WEBMAILLITE_LDAP_URL|g"
      -e "s|@LDAP_DOVECOT_DN@|$WEBMAILLITE_LDAP_DOVECOT_DN|g"
      -e "s|@LDAP_DOVECOT_PASSWORD@|$WEBMAILLITE_LDAP_DOVECOT_PASSWORD|g"
      -e "s|@LDAP_PEOPLE_DN@|$WEBMAILLITE_LDAP_PEOPLE_DN|g"
    )
    for file in "${LDAP_FILES[@]}"; do
      render "$TEMPLATES/$file.in" "$DIR/$file" "${values[@]}"
    done
  else
    DIRECTORY=0
    for file in "${LDAP_FILES[@]}"; do
      if [[ -e $DIR/$file ]]; then
        rm -f "$DIR/$file"
        CHANGED=1
      fi
    done
  fi
}

ensure_data_dirs() {
  mkdir -p "$DIR/mail"
  chown "$MAIL_USER:$MAIL_USER" "$DIR/mail"
  chmod 770 "$DIR/mail"
  # Read by Dovecot's auth process (user dovecot); holds only test accounts' hashes.
  [[ -e $DIR/users ]] || : >"$DIR/users"
  chmod 644 "$DIR/users"
}

# Test accounts are random per run: a cold start begins with no accounts and no mail.
reset_data() {
  rm -rf "$DIR/mail" "$DIR/users"
  ensure_data_dirs
}

# Waits until port $1 accepts connections; on timeout shows the logs and fails.
wait_port_open() {
  local port=$1 name=$2
  shift 2
  local deadline=$((SECONDS + WAIT_SECONDS))
  until port_open "$port"; do
    if ((SECONDS >= deadline)); then
      show_logs "$@"
      die "$name did not accept connections on 127.0.0.1:$port within ${WAIT_SECONDS}s"
    fi
    sleep 0.05
  done
}

# Waits until process $1 has exited (it is not our child, so `wait` cannot be used).
wait_pid_gone() {
  local pid=$1 deadline=$((SECONDS + $2))
  while proc_alive "$pid"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.05
  done
}

wait_port_closed() {
  local port=$1 name=$2 deadline=$((SECONDS + 10))
  while port_open "$port"; do
    if ((SECONDS >= deadline)); then
      echo "mail-servers: warning: 127.0.0.1:$port ($name) still accepts connections after stop" >&2
      return 0
    fi
    sleep 0.05
  done
}

fail_if_port_taken() {
  local port=$1 name=$2
  if port_open "$port"; then
    die "127.0.0.1:$port is already in use by another process, so $name cannot listen there" \
      "(another state directory? set WEBMAILLITE_${name^^}_PORT or stop it):" \
      "$(ss -ltnpH "sport = :$port" 2>/dev/null || true)"
  fi
}

start_dovecot() {
  if dovecot_pid >/dev/null; then
    return 0
  fi
  fail_if_port_taken "$IMAP_PORT" imap
  rm -f "$DOVECOT_PIDFILE"
  # Fully detached: no terminal, no inherited pipes (a caller reading our output would
  # otherwise wait for the daemon), and not the lock descriptor 9.
  if ! dovecot -c "$DOVECOT_CONF" </dev/null >"$DIR/dovecot.start.log" 2>&1 9>&-; then
    show_logs "$DIR/dovecot.start.log" "$DIR/dovecot.log"
    die "dovecot failed to start"
  fi
  wait_port_open "$IMAP_PORT" "Dovecot IMAP" "$DIR/dovecot.start.log" "$DIR/dovecot.log"
  # Postfix needs both sockets; they are created with the listeners, but check anyway.
  local deadline=$((SECONDS + WAIT_SECONDS))
  until [[ -S $DOVECOT_RUN/lmtp && -S $DOVECOT_RUN/auth-postfix ]]; do
    ((SECONDS < deadline)) || {
      show_logs "$DIR/dovecot.log"
      die "Dovecot's lmtp/auth-postfix sockets did not appear in $DOVECOT_RUN"
    }
    sleep 0.05
  done
}

start_postfix() {
  if postfix_pid >/dev/null; then
    return 0
  fi
  fail_if_port_taken "$SMTP_PORT" smtp
  if ! postfix -c "$POSTFIX_DIR" start </dev/null >"$DIR/postfix.start.log" 2>&1 9>&-; then
    show_logs "$DIR/postfix.start.log" "$DIR/postfix.log"
    die "postfix failed to start"
  fi
  wait_port_open "$SMTP_PORT" "Postfix submission" "$DIR/postfix.start.log" "$DIR/postfix.log"
}

# Stops the daemon whose master PID is in $1 (by PID only, never by name) and waits for it.
stop_daemon() {
  local name=$1 pid=$2 port=$3 children
  children=$(children_of "$pid")
  kill -TERM "$pid" 2>/dev/null || true
  if ! wait_pid_gone "$pid" 15; then
    echo "mail-servers: warning: $name (pid $pid) ignored SIGTERM for 15 s, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait_pid_gone "$pid" 5 || die "$name (pid $pid) did not exit"
  fi
  # Dovecot's master exits without waiting for its client processes: an idle imap process
  # would keep serving its connection across a restart-imap (and keep its log and auth
  # processes alive). A real restart closes every connection, so end the master's former
  # children too, by the PIDs recorded before the signal.
  # shellcheck disable=SC2086 # one "pid:starttime" word per child
  end_processes $children
  wait_port_closed "$port" "$name"
}

stop_dovecot() {
  local pid
  if pid=$(dovecot_pid); then
    # About 1 s: Dovecot's master waits for its log process to drain.
    stop_daemon Dovecot "$pid" "$IMAP_PORT"
  fi
}

stop_postfix() {
  local pid
  if pid=$(postfix_pid); then
    stop_daemon Postfix "$pid" "$SMTP_PORT"
  fi
}

lock() {
  mkdir -p "$DIR"
  # Serialises concurrent callers (test.sh and a test fixture may both call `start`).
  exec 9>"$DIR/.lock"
  flock -w 120 9 || die "another mail-servers.sh holds $DIR/.lock"
}

describe() {
  local pid=$1 port=$2
  if [[ -n $pid ]]; then printf 'running (pid %s)' "$pid"; else printf 'stopped'; fi
  if port_open "$port"; then printf ', 127.0.0.1:%s up' "$port"; else printf ', 127.0.0.1:%s down' "$port"; fi
}

report() {
  local dpid ppid
  dpid=$(dovecot_pid) || dpid=
  ppid=$(postfix_pid) || ppid=
  say "dovecot (IMAP): $(describe "$dpid" "$IMAP_PORT")"
  say "postfix (submission): $(describe "$ppid" "$SMTP_PORT")"
  [[ -n $dpid && -n $ppid ]] && port_open "$IMAP_PORT" && port_open "$SMTP_PORT"
}

cmd=${1:-}
case $cmd in
start)
  require_root
  lock
  t0=$(now_ms)
  generate_config
  if ! dovecot_pid >/dev/null; then
    reset_data
  elif ((DOVECOT_CHANGED)); then
    say "dovecot.conf changed: restarting Dovecot"
    stop_dovecot
  fi
  if ((POSTFIX_CHANGED)); then
    stop_postfix
  fi
  start_dovecot
  start_postfix
  say "ready in $(($(now_ms) - t0)) ms: IMAP 127.0.0.1:$IMAP_PORT, submission 127.0.0.1:$SMTP_PORT, state $DIR"
  ;;
stop)
  require_root
  lock
  t0=$(now_ms)
  # Postfix first: it depends on Dovecot's sockets.
  stop_postfix
  stop_dovecot
  say "stopped in $(($(now_ms) - t0)) ms"
  ;;
status)
  report
  ;;
restart-imap)
  require_root
  lock
  generate_config
  stop_dovecot
  start_dovecot
  say "Dovecot restarted"
  ;;
stop-smtp)
  require_root
  lock
  stop_postfix
  say "Postfix stopped"
  ;;
start-smtp)
  require_root
  lock
  generate_config
  start_postfix
  say "Postfix started"
  ;;
*)
  echo "usage: $0 start|stop|status|restart-imap|stop-smtp|start-smtp" >&2
  exit 2
  ;;
esac
