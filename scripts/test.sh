#!/usr/bin/env bash
# Lint, type-check, then the whole test suite (fast and slow tests, both store engines, the
# browser test when Debian's chromium is installed). Sets up .venv first if needed.
set -euo pipefail
cd "$(dirname "$0")/.."
{ [ -x .venv/bin/pytest ] && [ -x .venv/bin/mypy ]; } || bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/mypy  # packages and strictness: [tool.mypy] in pyproject.toml
.venv/bin/python -m pytest -n 2 --dist loadgroup "$@"
