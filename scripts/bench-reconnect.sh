#!/usr/bin/env bash
# What idle release (Mail:Imap:IdleRelease) costs a person at their next click: one IMAP reconnection (connect,
# greeting, AUTHENTICATE PLAIN, SELECT INBOX), timed against a private Dovecot for a password stored as {SSHA512}
# (the test rig's) and as {BLF-CRYPT} cost 12 (what « Mot de passe oublié » writes, Accounts:PasswordHashCost).
#
#   scripts/bench-reconnect.sh [rounds]      (default 15; as root, like scripts/mail-servers.sh)
#
# Uses its own mail servers (WEBMAILLITE_MAIL_DIR=/tmp/wml-reconnect, ports 16143/16587 unless set) and stops them.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
export WEBMAILLITE_MAIL_DIR=${WEBMAILLITE_MAIL_DIR:-/tmp/wml-reconnect}
export WEBMAILLITE_IMAP_PORT=${WEBMAILLITE_IMAP_PORT:-16143}
export WEBMAILLITE_SMTP_PORT=${WEBMAILLITE_SMTP_PORT:-16587}
ROUNDS=${1:-15}
PASSWORD='Mesure-de-reconnexion-2026'

"$HERE/mail-servers.sh" start >/dev/null
trap '"$HERE/mail-servers.sh" stop >/dev/null' EXIT
{
  echo "mesure-ssha:$(doveadm pw -s SSHA512 -p "$PASSWORD")::::::"
  echo "mesure-blf:$(doveadm pw -s BLF-CRYPT -r 12 -p "$PASSWORD")::::::"
} >"$WEBMAILLITE_MAIL_DIR/users.new"
mv "$WEBMAILLITE_MAIL_DIR/users.new" "$WEBMAILLITE_MAIL_DIR/users"
# Dovecot re-reads the passwd-file when its whole-second mtime changes.
sleep 1.2

python3 - "$WEBMAILLITE_IMAP_PORT" "$ROUNDS" "$PASSWORD" <<'PY'
import imaplib, statistics, sys, time
port, rounds, password = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
for user, scheme in (("mesure-ssha", "{SSHA512}"), ("mesure-blf", "{BLF-CRYPT} cost 12")):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        client = imaplib.IMAP4("127.0.0.1", port)
        client.authenticate("PLAIN", lambda _: f"\0{user}\0{password}".encode())
        client.select("INBOX", readonly=True)
        times.append((time.perf_counter() - start) * 1000)
        client.logout()
    times.sort()
    print(f"{scheme:>20}: reconnection median {statistics.median(times):.1f} ms, p90 {times[int(len(times) * 0.9) - 1]:.1f} ms ({rounds} rounds)")
PY
