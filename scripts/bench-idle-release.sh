#!/usr/bin/env bash
# Idle release measured end to end: N people sign in to the app (IMAP: a private Dovecot), then only A of them keep
# clicking; after Mail:Imap:IdleRelease, how many IMAP connections does Dovecot hold (its own count, doveadm who)
# and what does the app's /metriques say? Run as root (the mail servers need it), after a Release build.
#
#   scripts/bench-idle-release.sh [sessions] [active] [idle-release]     (defaults: 300 30 00:00:20)
#
# Uses its own mail servers (/tmp/wml-idle, ports 17143/17587) and app (port 18480, data in /tmp/wml-idle-app); stops both.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SESSIONS=${1:-300}
ACTIVE=${2:-30}
IDLE_RELEASE=${3:-00:00:20}
export WEBMAILLITE_MAIL_DIR=/tmp/wml-idle WEBMAILLITE_IMAP_PORT=17143 WEBMAILLITE_SMTP_PORT=17587
APP_PORT=18480
APP_DATA=/tmp/wml-idle-app
PASSWORD='Mesure-inactivite-2026'

"$ROOT/scripts/mail-servers.sh" start >/dev/null
rm -rf "$APP_DATA" && mkdir -p "$APP_DATA"
app_pid=
cleanup() {
  [[ -n $app_pid ]] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null || true
  "$ROOT/scripts/mail-servers.sh" stop >/dev/null || true
}
trap cleanup EXIT

# N accounts in the passwd-file, {SSHA512} (one hash reused: the salt does not matter to this measure).
hash=$(doveadm pw -s SSHA512 -p "$PASSWORD")
for ((i = 0; i < SESSIONS; i++)); do printf 'mesure%04d:%s::::::\n' "$i" "$hash"; done >"$WEBMAILLITE_MAIL_DIR/users.new"
mv "$WEBMAILLITE_MAIL_DIR/users.new" "$WEBMAILLITE_MAIL_DIR/users"
sleep 1.2

ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$APP_PORT \
  Mail__Imap__Host=127.0.0.1 Mail__Imap__Port=$WEBMAILLITE_IMAP_PORT Mail__Imap__Security=None \
  Mail__Imap__IdleRelease=$IDLE_RELEASE Mail__AddressDomain=ac-test.fr Session__SweepInterval=00:00:05 \
  Storage__Path=$APP_DATA/webmaillite.db \
  dotnet "$ROOT/WebmailLite/bin/Release/net10.0/WebmailLite.dll" >"$APP_DATA/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 60); do curl -fsS "http://127.0.0.1:$APP_PORT/sante/vivant" >/dev/null 2>&1 && break; sleep 0.5; done

python3 - "$APP_PORT" "$SESSIONS" "$ACTIVE" "$PASSWORD" "$IDLE_RELEASE" "$WEBMAILLITE_MAIL_DIR" <<'PY'
import http.cookiejar, re, subprocess, sys, time, urllib.parse, urllib.request
from concurrent.futures import ThreadPoolExecutor
port, sessions, active, password, idle, maildir = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5], sys.argv[6]
base = f"http://127.0.0.1:{port}"
h, m, s = (float(x) for x in idle.split(":"))
idle_seconds = h * 3600 + m * 60 + s

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs): return None

def sign_in(i):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(base + "/").read().decode()
    token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page) or re.search(r'value="([^"]+)" name="__RequestVerificationToken"', page)
    form = urllib.parse.urlencode({"Input.Identifier": f"mesure{i:04d}", "Input.Password": password, "Input.Computer": "Shared", "__RequestVerificationToken": token.group(1)}).encode()
    try:
        opener.open(base + "/", form)
        raise SystemExit(f"sign-in {i}: no redirect")
    except urllib.error.HTTPError as e:
        if e.code != 302: raise
    return opener

def connections():
    out = subprocess.run(["doveadm", "-c", f"{maildir}/dovecot.conf", "who", "-1"], capture_output=True, text=True).stdout
    return sum(1 for line in out.splitlines()[1:] if " imap " in line)

def metric(name):
    text = urllib.request.urlopen(base + "/metriques").read().decode()
    found = re.search(rf"^{name}(?:{{[^}}]*}})? ([0-9.e+]+)$", text, re.M)
    return float(found.group(1)) if found else None

started = time.monotonic()
with ThreadPoolExecutor(8) as pool:
    people = list(pool.map(sign_in, range(sessions)))
print(f"{sessions} sessions signed in in {time.monotonic() - started:.1f} s; Dovecot holds {connections()} IMAP connections")
clickers = people[:active]
deadline = time.monotonic() + idle_seconds * 1.5 + 10
while time.monotonic() < deadline:
    with ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda o: o.open(base + "/courrier").read(), clickers))
    time.sleep(3)
print(f"after {idle_seconds * 1.5 + 10:.0f} s with {active} people clicking every 3 s (idle release {idle}):")
print(f"  Dovecot holds {connections()} IMAP connections")
print(f"  /metriques: webmaillite_sessions {metric('webmaillite_sessions'):.0f}, webmaillite_imap_connections {metric('webmaillite_imap_connections'):.0f}")
started = time.monotonic()
people[-1].open(base + "/courrier").read()
print(f"  one released person clicks again: page in {(time.monotonic() - started) * 1000:.0f} ms; Dovecot now holds {connections()}")
PY
