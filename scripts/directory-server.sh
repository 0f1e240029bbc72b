#!/usr/bin/env bash
# The académie's directory for the tests, on loopback only: a private OpenLDAP slapd (Debian's
# slapd 2.5) with its own cn=config, an mdb database for dc=ac-test,dc=fr, the ppolicy overlay
# with a default policy, and a tree of staff — beside any system slapd, which is never used.
#
#   scripts/directory-server.sh start|stop|status|populate N
#
# Environment (all optional):
#   WEBMAILLITE_LDAP_DIR   state directory   (default /tmp/webmaillite-ldap)
#   WEBMAILLITE_LDAP_PORT  LDAP port, no TLS (default 10389)
#
# `start` is idempotent. A start from stopped rebuilds cn=config from
# scripts/directory-server/config.ldif.in and the data from tree.ldif.in + staff.txt: a fresh
# tree each time (test people are random and per run). `populate N` adds N synthetic staff
# (offline: slapd is stopped for the load and started again, keeping the data).
# Writes $DIR/env (KEY=VALUE) for the test fixtures and scripts/mail-servers.sh (Dovecot).
# Needs root (slapd drops to the Debian user openldap).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TEMPLATES=$HERE/directory-server
DIR=${WEBMAILLITE_LDAP_DIR:-/tmp/webmaillite-ldap}
PORT=${WEBMAILLITE_LDAP_PORT:-10389}
# LDAPS beside plain LDAP (StartTLS works on the plain port too), with a certificate of the
# rig's own CA for « localhost » and 127.0.0.1: clients trust it only when told (LDAPTLS_CACERT).
TLS_PORT=${WEBMAILLITE_LDAPS_PORT:-10636}
TLS_DIR=${WEBMAILLITE_LDAP_DIR:-/tmp/webmaillite-ldap}/tls
WAIT_SECONDS=20

DOMAIN=ac-test.fr
BASE_DN=dc=ac-test,dc=fr
PEOPLE_DN=ou=people,$BASE_DN
ADMIN_DN=cn=admin,$BASE_DN
APP_DN=cn=webmail,ou=services,$BASE_DN
DOVECOT_DN=cn=dovecot,ou=services,$BASE_DN
POLICY_DN=cn=default,ou=policies,$BASE_DN
# Test-rig secrets, on loopback only; a real deployment takes them from its own vault.
ADMIN_PASSWORD=admin-ac-test
APP_PASSWORD=webmail-ac-test
DOVECOT_PASSWORD=dovecot-ac-test
SEED_PASSWORD=Bienvenue-2026

CONFIG_DIR=$DIR/slapd.d
DATA_DIR=$DIR/data
RUN_DIR=$DIR/run
PIDFILE=$RUN_DIR/slapd.pid
LOG=$DIR/slapd.log

RIG=directory-server
# shellcheck source=lib/rig.sh
source "$HERE/lib/rig.sh"



# The PID in the pid file if that process is alive and is a slapd (guards against reuse).
slapd_pid() { live_pid "$PIDFILE" slapd; }

require_root() {
  [[ $EUID -eq 0 ]] || die "must run as root (slapd binds as root and drops to the 'openldap' user)"
  export PATH=$PATH:/usr/sbin:/sbin
  local bin
  for bin in slapd slapadd slappasswd ldapsearch; do
    command -v "$bin" >/dev/null ||
      die "$bin not found: apt-get install slapd ldap-utils (scripts/test.sh does it)"
  done
  getent passwd openldap >/dev/null || die "system user 'openldap' is missing (is slapd installed?)"
  [[ -e /usr/lib/ldap/ppolicy.so ]] || die "/usr/lib/ldap/ppolicy.so missing (Debian's slapd 2.5 ships it)"
}

check_settings() {
  [[ $PORT =~ ^[0-9]+$ ]] || die "WEBMAILLITE_LDAP_PORT must be a number"
  [[ $DIR == /?* && $DIR != *'|'* ]] || die "WEBMAILLITE_LDAP_DIR must be an absolute path without '|'"
}

lock() {
  mkdir -p "$DIR"
  chmod 755 "$DIR"
  # Serialises concurrent callers (test.sh and a test fixture may both call `start`).
  exec 9>"$DIR/.lock"
  flock -w 300 9 || die "another directory-server.sh holds $DIR/.lock"
}

ssha() { slappasswd -h '{SSHA}' -s "$1"; }

# Template $1 with the rig's values, on stdout. Hashes come as extra sed expressions.
render() {
  sed -e "s|@DIR@|$DIR|g" \
    -e "s|@TEMPLATES@|$TEMPLATES|g" \
    -e "s|@BASE_DN@|$BASE_DN|g" \
    -e "s|@ADMIN_DN@|$ADMIN_DN|g" \
    -e "s|@APP_DN@|$APP_DN|g" \
    -e "s|@DOVECOT_DN@|$DOVECOT_DN|g" \
    -e "s|@POLICY_DN@|$POLICY_DN|g" \
    -e "s|@SEED_PASSWORD@|$SEED_PASSWORD|g" \
    "${@:2}" "$1"
}

# The staff of staff.txt, or N synthetic ones numbered from $2 with -v count, as LDIF.
people_ldif() {
  # Options (-v count=… -v first=…) may follow -f: they still come before the operands.
  awk -v base="$BASE_DN" -v domain="$DOMAIN" -v hash="$SEED_HASH" -f "$TEMPLATES/people.awk" "$@"
}

# KEY='VALUE' lines: single quotes, which both `.` (mail-servers.sh) and the fixtures'
# RepositoryScript.ReadEnvFile understand (printf %q would backslash the commas of DNs).
kv() {
  [[ $2 != *"'"* ]] || die "a value of the env file may not contain a single quote: $1"
  printf "%s='%s'\n" "$1" "$2"
}

write_env() {
  local tmp
  tmp=$(mktemp "$DIR/env.XXXXXX")
  {
    kv WEBMAILLITE_LDAP_DIR "$DIR"
    kv WEBMAILLITE_LDAP_PORT "$PORT"
    kv WEBMAILLITE_LDAP_URL "ldap://127.0.0.1:$PORT"
    kv WEBMAILLITE_LDAPS_URL "ldaps://localhost:$TLS_PORT"
    kv WEBMAILLITE_LDAP_STARTTLS_URL "ldap://localhost:$PORT"
    kv WEBMAILLITE_LDAP_CA "$TLS_DIR/ca.pem"
    kv WEBMAILLITE_LDAP_BASE_DN "$BASE_DN"
    kv WEBMAILLITE_LDAP_PEOPLE_DN "$PEOPLE_DN"
    kv WEBMAILLITE_LDAP_MAIL_DOMAIN "$DOMAIN"
    kv WEBMAILLITE_LDAP_APP_DN "$APP_DN"
    kv WEBMAILLITE_LDAP_APP_PASSWORD "$APP_PASSWORD"
    kv WEBMAILLITE_LDAP_DOVECOT_DN "$DOVECOT_DN"
    kv WEBMAILLITE_LDAP_DOVECOT_PASSWORD "$DOVECOT_PASSWORD"
    kv WEBMAILLITE_LDAP_ADMIN_DN "$ADMIN_DN"
    kv WEBMAILLITE_LDAP_ADMIN_PASSWORD "$ADMIN_PASSWORD"
    kv WEBMAILLITE_LDAP_POLICY_DN "$POLICY_DN"
    kv WEBMAILLITE_LDAP_SEED_PASSWORD "$SEED_PASSWORD"
    # The search filter for an identifier and the attribute names, as Accounts:Ldap:* expects them.
    kv WEBMAILLITE_LDAP_USER_FILTER '(&(objectClass=inetOrgPerson)(uid={0}))'
    kv WEBMAILLITE_LDAP_ATTR_IDENTIFIER uid
    kv WEBMAILLITE_LDAP_ATTR_ADDRESS mail
    kv WEBMAILLITE_LDAP_ATTR_CONTACT acContactMail
    kv WEBMAILLITE_LDAP_ATTR_DISPLAY_NAME displayName
    kv WEBMAILLITE_LDAP_ATTR_SCHOOL ou
    kv WEBMAILLITE_LDAP_ATTR_STATE acAccountState
  } >"$tmp"
  chmod 644 "$tmp"
  if cmp -s "$tmp" "$DIR/env"; then rm -f "$tmp"; else mv -f "$tmp" "$DIR/env"; fi
}

# A CA of the rig's own and a server certificate it signed, for localhost and 127.0.0.1.
make_certificates() {
  rm -rf "$TLS_DIR"
  mkdir -p "$TLS_DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=WebmailLite test directory CA" \
    -keyout "$TLS_DIR/ca.key" -out "$TLS_DIR/ca.pem" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=localhost" -keyout "$TLS_DIR/server.key" -out "$TLS_DIR/server.csr" 2>/dev/null
  # libldap checks the name 127.0.0.1 resolves back to (getnameinfo), which /etc/hosts may give as
  # the machine's name rather than « localhost »: every loopback name goes in the certificate.
  local names name
  names="DNS:localhost,DNS:$(hostname)"
  for name in $(awk '$1 == "127.0.0.1" { for (i = 2; i <= NF; i++) print $i }' /etc/hosts); do
    [[ $name =~ ^[A-Za-z0-9.-]+$ ]] && names+=",DNS:$name"
  done
  printf 'subjectAltName=%s,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n' "$names" >"$TLS_DIR/server.ext"
  openssl x509 -req -in "$TLS_DIR/server.csr" -CA "$TLS_DIR/ca.pem" -CAkey "$TLS_DIR/ca.key" -CAcreateserial -days 30 \
    -extfile "$TLS_DIR/server.ext" -out "$TLS_DIR/server.pem" 2>/dev/null
  rm -f "$TLS_DIR/ca.key" "$TLS_DIR/server.csr" "$TLS_DIR/server.ext"
  chown -R openldap:openldap "$TLS_DIR"
  chmod 600 "$TLS_DIR/server.key"
  chmod 644 "$TLS_DIR/ca.pem" "$TLS_DIR/server.pem"
  chmod 755 "$TLS_DIR"
}

# A fresh cn=config and a fresh tree (slapd stopped).
reset_data() {
  rm -rf "$CONFIG_DIR" "$DATA_DIR" "$RUN_DIR" "$DIR/populated"
  mkdir -p "$CONFIG_DIR" "$DATA_DIR" "$RUN_DIR"
  local admin_hash app_hash dovecot_hash
  admin_hash=$(ssha "$ADMIN_PASSWORD")
  app_hash=$(ssha "$APP_PASSWORD")
  dovecot_hash=$(ssha "$DOVECOT_PASSWORD")
  SEED_HASH=$(ssha "$SEED_PASSWORD")
  echo "$SEED_HASH" >"$DIR/seed-hash"

  make_certificates
  render "$TEMPLATES/config.ldif.in" -e "s|@ADMIN_PW_HASH@|$admin_hash|g" >"$DIR/config.ldif"
  if ! slapadd -n0 -F "$CONFIG_DIR" -l "$DIR/config.ldif" >"$DIR/slapadd.log" 2>&1; then
    show_logs "$DIR/slapadd.log"
    die "slapadd -n0 (cn=config) failed"
  fi
  {
    render "$TEMPLATES/tree.ldif.in" -e "s|@APP_PW_HASH@|$app_hash|g" -e "s|@DOVECOT_PW_HASH@|$dovecot_hash|g"
    echo
    people_ldif "$TEMPLATES/staff.txt"
  } >"$DIR/tree.ldif"
  if ! slapadd -q -n1 -F "$CONFIG_DIR" -l "$DIR/tree.ldif" >>"$DIR/slapadd.log" 2>&1; then
    show_logs "$DIR/slapadd.log"
    die "slapadd -n1 (the tree) failed"
  fi
  chown -R openldap:openldap "$CONFIG_DIR" "$DATA_DIR" "$RUN_DIR"
  chmod 700 "$CONFIG_DIR" "$DATA_DIR"
}

start_slapd() {
  if slapd_pid >/dev/null; then
    return 0
  fi
  if port_open "$PORT"; then
    die "127.0.0.1:$PORT is already in use by another process (set WEBMAILLITE_LDAP_PORT or stop it):" \
      "$(ss -ltnpH "sport = :$PORT" 2>/dev/null || true)"
  fi
  rm -f "$PIDFILE"
  # slapd forks into the background itself; detached from our stdio and lock descriptor so a
  # caller reading our output does not wait for the daemon. Loopback only, no ldapi socket.
  if ! slapd -h "ldap://127.0.0.1:$PORT/ ldaps://127.0.0.1:$TLS_PORT/" -F "$CONFIG_DIR" -u openldap -g openldap \
    </dev/null >"$LOG" 2>&1 9>&-; then
    show_logs "$LOG"
    die "slapd failed to start"
  fi
  local deadline=$((SECONDS + WAIT_SECONDS))
  until port_open "$PORT" && slapd_pid >/dev/null; do
    if ((SECONDS >= deadline)); then
      show_logs "$LOG"
      die "slapd did not accept connections on 127.0.0.1:$PORT within ${WAIT_SECONDS}s"
    fi
    sleep 0.05
  done
}

# Stops slapd by the PID in its pid file (never by name) and waits for it to exit: mdb is
# consistent after a clean exit, which `populate` needs before slapadd.
stop_slapd() {
  local pid deadline
  pid=$(slapd_pid) || return 0
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + 15))
  while proc_alive "$pid"; do
    if ((SECONDS >= deadline)); then
      echo "directory-server: warning: slapd (pid $pid) ignored SIGTERM for 15 s, sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.05
  done
  deadline=$((SECONDS + 10))
  while port_open "$PORT" && ((SECONDS < deadline)); do sleep 0.05; done
}

report() {
  local pid
  pid=$(slapd_pid) || pid=
  if [[ -n $pid ]]; then printf 'directory-server: slapd running (pid %s)' "$pid"; else printf 'directory-server: slapd stopped'; fi
  if port_open "$PORT"; then echo ", 127.0.0.1:$PORT up"; else echo ", 127.0.0.1:$PORT down"; fi
  if [[ -n $pid ]] && [[ -r $DIR/populated ]]; then say "synthetic staff added: $(cat "$DIR/populated")"; fi
  [[ -n $pid ]] && port_open "$PORT"
}

cold_start() {
  if ! slapd_pid >/dev/null; then
    reset_data
  fi
  write_env
  start_slapd
}

populate() {
  local count=$1 first t0 t1 ldif
  [[ $count =~ ^[0-9]+$ ]] && ((count > 0)) || die "populate needs a positive number of people"
  slapd_pid >/dev/null || cold_start
  [[ -r $DIR/seed-hash ]] || die "$DIR/seed-hash missing: stop and start the directory again"
  SEED_HASH=$(cat "$DIR/seed-hash")
  first=1
  [[ -r $DIR/populated ]] && first=$(($(cat "$DIR/populated") + 1))
  t0=$(now_ms)
  ldif=$DIR/populate.ldif
  people_ldif -v count="$count" -v first="$first" </dev/null >"$ldif"
  t1=$(now_ms)
  # Offline load: slapadd -q writes the mdb and its indexes directly, an order of magnitude
  # faster than ldapadd through the protocol (no ppolicy or ACL per entry: the entries are
  # already hashed). slapd must not run meanwhile.
  stop_slapd
  if ! slapadd -q -n1 -F "$CONFIG_DIR" -l "$ldif" >"$DIR/populate.log" 2>&1; then
    chown -R openldap:openldap "$DATA_DIR"
    start_slapd
    show_logs "$DIR/populate.log"
    die "slapadd of $count people failed (slapd restarted with the previous data)"
  fi
  chown -R openldap:openldap "$DATA_DIR"
  start_slapd
  echo $((first + count - 1)) >"$DIR/populated"
  rm -f "$ldif"
  say "added $count people (uids numbered $first–$((first + count - 1))) in $(($(now_ms) - t0)) ms" \
    "(LDIF $((t1 - t0)) ms, load and restart $(($(now_ms) - t1)) ms); password $SEED_PASSWORD"
}

cmd=${1:-}
case $cmd in
start)
  require_root
  check_settings
  lock
  t0=$(now_ms)
  cold_start
  say "ready in $(($(now_ms) - t0)) ms: ldap://127.0.0.1:$PORT, base $BASE_DN, state $DIR"
  ;;
stop)
  require_root
  check_settings
  lock
  t0=$(now_ms)
  stop_slapd
  say "stopped in $(($(now_ms) - t0)) ms"
  ;;
status)
  check_settings
  report
  ;;
populate)
  require_root
  check_settings
  lock
  populate "${2:-}"
  ;;
*)
  echo "usage: $0 start|stop|status|populate N" >&2
  exit 2
  ;;
esac
