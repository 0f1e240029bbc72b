#!/usr/bin/env bash
# Runs WebmailLite on http://127.0.0.1:5080 with the embedded practice mailbox (no mail server needed).
# Any configuration key can be given as an environment variable, e.g. Mail__Imap__Host=imap.ac-exemple.fr.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

if ! command -v dotnet >/dev/null 2>&1; then
  echo "WebmailLite needs the .NET 10 SDK (dotnet) on the PATH." >&2
  exit 1
fi

# Published output: fingerprinted, Brotli/gzip-precompressed static files, exactly what users receive.
dotnet publish WebmailLite/WebmailLite.csproj -c Release -o artifacts/publish --nologo -v quiet

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export Storage__Path="${Storage__Path:-$root/data/webmaillite.db}"
# No mail server given: the practice mailbox, asked for by name (the app refuses to start in it otherwise).
if [ -z "${Mail__Imap__Host:-}" ]; then
  export Practice__Enabled=true
fi

url=${ASPNETCORE_URLS%%;*}
cat <<MSG

  WebmailLite démarre sur ${url}
  Ouvrez cette adresse dans un navigateur.
MSG
if [ -z "${Mail__Imap__Host:-}" ]; then
  cat <<MSG
  Mode entraînement (aucun serveur IMAP configuré) :
    identifiant académique : camille.martin
    mot de passe           : entrainement
MSG
fi
echo "  Arrêt : Ctrl+C"
echo

cd artifacts/publish
exec dotnet WebmailLite.dll
