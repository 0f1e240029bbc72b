#!/usr/bin/env bash
# The one test command (CI runs it through .ci/run). On a fresh Debian 12, as root: installs
# the mail servers, the directory (OpenLDAP), PostgreSQL, HAProxy, Chromium and the screen
# reader (Orca under Xvfb) when missing, starts the private PostgreSQL, directory, mail servers
# and screen-reader rig (the cluster tests start their own HAProxy), runs the whole suite, stops
# what it started, and exits with the suite's exit code.
# Extra arguments go to `dotnet test` (e.g. --filter "FullyQualifiedName~Infrastructure").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
run_started=$SECONDS

say() { echo "test.sh: $*"; }

# --- System packages --------------------------------------------------------------------
PACKAGES=(dovecot-imapd dovecot-lmtpd postfix chromium)
# The académie's directory (scripts/directory-server.sh) and Dovecot authenticating against it.
PACKAGES+=(slapd ldap-utils dovecot-ldap)
# PostgreSQL for Storage:Provider=PostgreSQL (scripts/postgres-server.sh runs a private cluster).
PACKAGES+=(postgresql)
# HAProxy in front of several instances (scripts/load-balancer.sh, started by the cluster tests).
PACKAGES+=(haproxy)
# Orca, the display it runs on, the accessibility bus and real key events (scripts/screen-reader.sh).
# Without their recommends: no speech synthesizer, no sound (Orca's speech goes to a log file).
SCREEN_READER_PACKAGES=(orca xvfb at-spi2-core python3-pyatspi dbus-x11 xdotool)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for package in "${PACKAGES[@]}"; do
  installed "$package" || missing+=("$package")
done
missing_screen_reader=()
for package in "${SCREEN_READER_PACKAGES[@]}"; do
  installed "$package" || missing_screen_reader+=("$package")
done

POLICY_RC=/usr/sbin/policy-rc.d
policy_created=0
remove_policy() {
  if ((policy_created)); then
    rm -f "$POLICY_RC"
    policy_created=0
  fi
}

if ((${#missing[@]} + ${#missing_screen_reader[@]} > 0)); then
  if [[ $EUID -ne 0 ]]; then
    echo "test.sh: missing packages: ${missing[*]} ${missing_screen_reader[*]} (run as root to install them)" >&2
    exit 1
  fi
  say "installing ${missing[*]} ${missing_screen_reader[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # The tests run their own Postfix; the system one stays unconfigured.
  echo "postfix postfix/main_mailer_type select No configuration" | debconf-set-selections
  # Likewise no system directory: the tests build their own cn=config and database.
  echo "slapd slapd/no_configuration boolean true" | debconf-set-selections
  # Exit code 101 tells the packages' maintainer scripts not to start the system Dovecot,
  # Postfix and slapd (they would only take ports and memory); the tests run private instances.
  if [[ ! -e $POLICY_RC ]]; then
    printf '#!/bin/sh\nexit 101\n' >"$POLICY_RC"
    chmod 755 "$POLICY_RC"
    policy_created=1
    trap remove_policy EXIT
  fi
  apt-get update -q
  if ((${#missing[@]} > 0)); then
    apt-get install -y -q "${missing[@]}"
  fi
  if ((${#missing_screen_reader[@]} > 0)); then
    apt-get install -y -q --no-install-recommends "${missing_screen_reader[@]}"
  fi
  remove_policy
  trap - EXIT
fi

command -v dotnet >/dev/null || {
  echo "test.sh: the .NET SDK (dotnet) is not on PATH" >&2
  exit 1
}
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

# --- Directory, mail servers and screen reader -----------------------------------------
# The private slapd, the private Dovecot (authenticating against it too) and Postfix, and Orca
# following Chromium on a private display (for the ScreenReader tests). The directory starts
# first: Dovecot gets its LDAP passdb only when the directory is up when the mail servers
# start, and stops last, since an unreachable LDAP passdb turns every refused login into a
# temporary failure (see scripts/mail-servers/dovecot-ldap.conf.in). Rigs that were already running (a developer's session) are left running
# afterwards; the others are stopped, last started first.
started_rigs=()
start_rig() {
  if ! "$1" status >/dev/null 2>&1; then
    started_rigs=("$1" "${started_rigs[@]}")
  fi
  "$1" start
}
stop_rigs() {
  local rig
  for rig in "${started_rigs[@]}"; do
    "$rig" stop || true
  done
  started_rigs=()
}
trap stop_rigs EXIT
trap 'exit 130' INT TERM
start_rig scripts/postgres-server.sh
start_rig scripts/directory-server.sh
start_rig scripts/mail-servers.sh
start_rig scripts/screen-reader.sh

# --- Tests ------------------------------------------------------------------------------
results=$(mktemp -d /tmp/webmaillite-test-results.XXXXXX)
tests_started=$SECONDS
rc=0
dotnet test WebmailLite.sln -c Release --blame-hang-timeout 5m \
  --logger "console;verbosity=normal" --logger trx --results-directory "$results" "$@" || rc=$?
tests_seconds=$((SECONDS - tests_started))

stop_rigs

# Sum the TRX counters of every test project into one plain closing line.
passed=0 failed=0 skipped=0 found=0
counter() {
  local value
  value=$(sed -n "s/.*<Counters [^>]*\b$1=\"\([0-9]*\)\".*/\1/p" "$2" | head -n 1)
  echo "${value:-0}"
}
while IFS= read -r -d '' trx; do
  found=1
  passed=$((passed + $(counter passed "$trx")))
  failed=$((failed + $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx")))
  # xunit's skipped tests are counted in total but not in executed (nor in notExecuted).
  skipped=$((skipped + $(counter total "$trx") - $(counter executed "$trx")))
done < <(find "$results" -name '*.trx' -print0)
rm -rf "$results"

say "dotnet test took ${tests_seconds} s (whole run $((SECONDS - run_started)) s), exit code $rc"
if ((found)); then
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
fi
exit "$rc"
