#!/usr/bin/env bash
# Builds the Teams app package (manifest + icons, zipped at the root) with the bot id filled in.
# Usage: scripts/package-teams-app.sh --bot-id <guid> [--domain <host>] [--app-id <guid>] [--version <x.y.z>]
#                                     [--out artifacts/MentorBot.zip]
# Details: manifest/README.md. The work happens in tools/package-teams-app.mjs.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v node >/dev/null 2>&1; then
  echo "error: node is required (the tools in tools/ run on Node.js 20 or later)" >&2
  exit 2
fi
if [[ ! -d "$root/tools/node_modules/ajv-draft-04" || ! -d "$root/tools/node_modules/@microsoft/app-manifest" ]]; then
  echo "error: tools/node_modules is missing the manifest schemas; run: (cd tools && npm ci)" >&2
  exit 2
fi

exec node "$root/tools/package-teams-app.mjs" "$@"
