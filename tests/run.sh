#!/usr/bin/env bash
# The whole test suite on a fresh machine: a virtual environment with the pinned test
# requirements, Debian's Chromium for the browser tests and PostgreSQL for the server-store
# tests when they are missing, then pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=${FRONTLINE_VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-test.txt

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
if [ ! -x /usr/bin/chromium ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# The PostgreSQL store tests start a throwaway cluster with the server's own initdb and pg_ctl.
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >/dev/null
fi

export HYPOTHESIS_PROFILE=${HYPOTHESIS_PROFILE:-ci}
set +e
"$VENV/bin/python" -m pytest -q -p no:cacheprovider "$@"
status=$?
set -e
if [ "$status" = 5 ]; then
  echo "pytest collected no tests: treating as a failure" >&2
  exit 1
fi
exit "$status"
