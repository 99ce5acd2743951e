#!/usr/bin/env bash
# What both front-door commands need before they run: node_modules matching the lockfile
# and the Temporal binaries. Each part is skipped when already up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

# Nest 12 is ESM-only and loads through require(esm): Node 20.19+ or 22.12+.
if ! node -e 'const [M, m] = process.versions.node.split(".").map(Number); process.exit((M === 20 && m >= 19) || (M === 22 && m >= 12) ? 0 : 1)' 2>/dev/null; then
  echo "Relance needs Node 20.19+ or 22.12+ (found $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

# npm ci is skipped when node_modules was installed after the lockfile last changed.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/install-temporal.sh
