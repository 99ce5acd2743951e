#!/usr/bin/env bash
# What both front-door commands need before they run: node_modules matching the lockfile
# and the Temporal binaries. Each part is skipped when already up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$major" -lt 20 ] || [ "$major" -gt 22 ]; then
  echo "Relance needs Node 20 or 22 (found $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# npm ci is skipped when node_modules was installed after the lockfile last changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/install-temporal.sh
