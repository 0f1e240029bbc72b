#!/usr/bin/env bash
# Benchmarks (not tests): server time of the inbox page with 100 and 10,000 messages in the loopback Dovecot,
# and of the recovery steps for a known and an unknown identifier (`scripts/bench.sh recovery`: those only);
# `scripts/bench.sh long-message`: page bytes, time and memory of opening a 20 MB HTML and text/plain message;
# `scripts/bench.sh search [sizes…]`: search time in an INBOX of 10,000 and 100,000 messages (default scope and text);
# `scripts/bench.sh directory [people]`: the académie's LDAP directory filled to 50,000 people: a lookup, the staff
# directory's full read and memory, suggestion queries (needs the directory rig, scripts/directory-server.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/directory-server.sh start
scripts/mail-servers.sh start
dotnet run -c Release --project benchmarks/WebmailLite.Benchmarks "$@"
