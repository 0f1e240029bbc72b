#!/usr/bin/env bash
# Benchmarks (not tests): server time of the inbox page with 100 and 10,000 messages in the loopback Dovecot.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/mail-servers.sh start
dotnet run -c Release --project benchmarks/WebmailLite.Benchmarks "$@"
