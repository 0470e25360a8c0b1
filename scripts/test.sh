#!/usr/bin/env bash
# The whole test suite (fast and slow tests, both store engines, the browser test when
# Debian's chromium is installed). Sets up .venv first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/pytest ] || bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
