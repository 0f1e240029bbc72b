#!/usr/bin/env bash
# Capacity, measured: N people sign in to one app instance (IMAP: a private Dovecot with its process limits raised
# for the run), 5 % of them keep clicking through their inbox, the rest leave without signing out, as on a morning
# in an académie. With Mail:Imap:IdleRelease on (20 s here, 2 min by default) and off: how many imap processes
# Dovecot holds, the app's memory (RSS), the active people's page times (median, p95), and the page of one who
# left and comes back (with the release on, it reconnects first). Run as root after a
# Release build; stops what it started.
#
#   scripts/bench-capacity.sh [sessions…]      (default: 100 1000 5000)
#
# Uses its own mail servers (/tmp/wml-capacity, ports 17243/17687) and app (port 18580, data in /tmp/wml-capacity-app).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SIZES=("$@")
((${#SIZES[@]})) || SIZES=(100 1000 5000)
export WEBMAILLITE_MAIL_DIR=/tmp/wml-capacity WEBMAILLITE_IMAP_PORT=17243 WEBMAILLITE_SMTP_PORT=17687
APP_PORT=18580
APP_DATA=/tmp/wml-capacity-app
PASSWORD='Mesure-capacite-2026'
RELEASE=00:00:20
# A Dovecot and an app holding thousands of sockets each: the default 1,024 descriptors are not enough.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
echo "open files: $(ulimit -n)"

app_pid=
stop_app() {
  if [[ -n $app_pid ]]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
    app_pid=
  fi
}
cleanup() {
  stop_app
  "$ROOT/scripts/mail-servers.sh" stop >/dev/null || true
}
trap cleanup EXIT

max=0
for n in "${SIZES[@]}"; do ((n > max)) && max=$n; done
# Raised for the run, as README « Servir toute une académie » says to: one imap process per open connection.
"$ROOT/scripts/mail-servers.sh" stop >/dev/null || true
mkdir -p "$WEBMAILLITE_MAIL_DIR"
cat >"$WEBMAILLITE_MAIL_DIR/dovecot-local.conf" <<CONF
default_process_limit = $((max + 200))
default_client_limit = $((2 * max + 400))
service imap {
  process_limit = $((max + 200))
}
service anvil {
  client_limit = $((2 * max + 400))
}
service auth {
  client_limit = $((2 * max + 400))
}
CONF
"$ROOT/scripts/mail-servers.sh" start >/dev/null
# N accounts in the passwd-file, {SSHA512} (one hash reused: the salt does not matter to this measure).
hash=$(doveadm pw -s SSHA512 -p "$PASSWORD")
for ((i = 0; i < max; i++)); do printf 'cap%05d:%s::::::\n' "$i" "$hash"; done >"$WEBMAILLITE_MAIL_DIR/users.new"
mv "$WEBMAILLITE_MAIL_DIR/users.new" "$WEBMAILLITE_MAIL_DIR/users"
sleep 1.2

echo "| sessions | idle release | sign-in of all (s) | imap processes after (their RSS) | app RSS (MB) | active page median (ms) | p95 (ms) | a returning person's page (ms) |"
echo "|---:|---|---:|---:|---:|---:|---:|---:|"
for n in "${SIZES[@]}"; do
  for release in "$RELEASE" 00:00:00; do
    stop_app
    rm -rf "$APP_DATA" && mkdir -p "$APP_DATA"
    ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_URLS=http://127.0.0.1:$APP_PORT Logging__LogLevel__Default=Warning \
      Mail__Imap__Host=127.0.0.1 Mail__Imap__Port=$WEBMAILLITE_IMAP_PORT Mail__Imap__Security=None \
      Mail__Imap__IdleRelease=$release Mail__AddressDomain=ac-test.fr Session__SweepInterval=00:00:05 \
      SignIn__MaxFailuresPerAddress=100000 Storage__Path=$APP_DATA/webmaillite.db \
      dotnet "$ROOT/WebmailLite/bin/Release/net10.0/WebmailLite.dll" >"$APP_DATA/app.log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$APP_PORT/sante/vivant" >/dev/null 2>&1 && break; sleep 0.5; done
    python3 - "$APP_PORT" "$n" "$PASSWORD" "$release" "$WEBMAILLITE_MAIL_DIR" "$app_pid" <<'PY'
import http.cookiejar, re, statistics, subprocess, sys, time, urllib.parse, urllib.request
from concurrent.futures import ThreadPoolExecutor
port, sessions, password, release, maildir, pid = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6]
base = f"http://127.0.0.1:{port}"
h, m, s = (float(x) for x in release.split(":"))
release_seconds = h * 3600 + m * 60 + s

class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs): return None

def sign_in(i):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)
    page = opener.open(base + "/").read().decode()
    token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page) or re.search(r'value="([^"]+)" name="__RequestVerificationToken"', page)
    form = urllib.parse.urlencode({"Input.Identifier": f"cap{i:05d}", "Input.Password": password, "Input.Computer": "Shared", "__RequestVerificationToken": token.group(1)}).encode()
    try:
        opener.open(base + "/", form)
        raise SystemExit(f"sign-in {i}: no redirect")
    except urllib.error.HTTPError as e:
        if e.code != 302: raise
    return opener

def imap_processes():
    """Dovecot's own count of imap connections (one process each), and their total resident memory in MB."""
    out = subprocess.run(["doveadm", "-c", f"{maildir}/dovecot.conf", "who", "-1"], capture_output=True, text=True).stdout
    lines = [line for line in out.splitlines()[1:] if " imap " in line]
    rss = 0
    for line in lines:
        for pid_text in line.split()[2:3]:
            try:
                with open(f"/proc/{pid_text}/status") as status:
                    rss += int(next(l for l in status if l.startswith("VmRSS")).split()[1])
            except (FileNotFoundError, StopIteration):
                pass
    return len(lines), rss / 1024

def rss_mb():
    with open(f"/proc/{pid}/status") as status:
        return int(next(l for l in status if l.startswith("VmRSS")).split()[1]) / 1024

started = time.monotonic()
with ThreadPoolExecutor(8) as pool:
    people = list(pool.map(sign_in, range(sessions)))
signed_in = time.monotonic() - started
active = people[: max(1, sessions // 20)]
times = []
def click(opener):
    t = time.monotonic()
    opener.open(base + "/courrier").read()
    return (time.monotonic() - t) * 1000
# Long enough for the release to act on everyone else (1.5 periods and a sweep), at least 45 s.
deadline = time.monotonic() + max(45, release_seconds * 1.5 + 10)
while time.monotonic() < deadline:
    with ThreadPoolExecutor(8) as pool:
        times += list(pool.map(click, active))
    time.sleep(2)
times.sort()
label = "off" if release_seconds == 0 else f"on ({release})"
processes, imap_mb = imap_processes()
# One of those who left comes back: with the release on, this click reconnects first.
back = click(people[-1])
print(f"| {sessions:,} | {label} | {signed_in:.0f} | {processes:,} ({imap_mb:.0f} MB) | {rss_mb():.0f} | {statistics.median(times):.0f} | {times[int(len(times) * 0.95)]:.0f} | {back:.0f} |")
PY
  done
done
