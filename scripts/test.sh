#!/usr/bin/env bash
# Installs everything the test suite needs and runs it: lint, types, migrations check, and
# pytest on SQLite and (when reachable, always in CI) on PostgreSQL, browser tests included.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3.11}"
POSTGRES_URL="${DWARSVERBAND_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

step() { printf '\n==> %s\n' "$*"; }

mkdir -p artifacts

step "Python environment (.venv)"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip==25.3"
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'

step "Chromium for the browser tests"
if ! command -v chromium >/dev/null 2>&1 && [ -z "${CHROMIUM_PATH:-}" ]; then
  if [ "$(id -u)" = "0" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo DEBIAN_FRONTEND=noninteractive apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing and cannot be installed here; browser tests will be skipped." >&2
  fi
fi
command -v chromium >/dev/null 2>&1 && chromium --version || true

step "Lint and format (ruff)"
.venv/bin/ruff check src tests bench
.venv/bin/ruff format --check src tests bench

step "Types (mypy with django-stubs)"
DJANGO_SETTINGS_MODULE=dwarsverband.conf.test .venv/bin/mypy

step "Migrations are complete"
DJANGO_SETTINGS_MODULE=dwarsverband.conf.test .venv/bin/python -m django makemigrations --check --dry-run

step "OpenAPI document is valid and complete"
DJANGO_SETTINGS_MODULE=dwarsverband.conf.test .venv/bin/python -m django spectacular \
  --validate --fail-on-warn --format openapi-json --file artifacts/openapi.json

run_pytest() {
  # pytest exits 5 when it collected no tests: that is a failure too.
  local status=0
  .venv/bin/python -m pytest "$@" || status=$?
  if [ "$status" -eq 5 ]; then
    echo "pytest collected no tests" >&2
    return 1
  fi
  return "$status"
}

step "Tests on SQLite"
unset DATABASE_URL
run_pytest

step "Tests on PostgreSQL"
if .venv/bin/python - "$POSTGRES_URL" <<'PY'
import sys
import psycopg
try:
    psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://", 1), connect_timeout=3).close()
except Exception as error:  # noqa: BLE001
    print(f"PostgreSQL not reachable: {error}", file=sys.stderr)
    sys.exit(1)
PY
then
  DATABASE_URL="$POSTGRES_URL" run_pytest
elif [ -n "${CI:-}" ]; then
  echo "CI requires PostgreSQL at $POSTGRES_URL" >&2
  exit 1
else
  echo "PostgreSQL is not reachable: the PostgreSQL leg is skipped on this machine."
fi

step "All checks passed"
