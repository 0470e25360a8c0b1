#!/usr/bin/env bash
# Create .venv and install thesisdesk with its pinned dependencies, the test tools and the
# `train` extra (CPU-only torch): the suite runs tiny training runs of the sentiment model.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null || PY=python3
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# pip (not uv/poetry): only pip sees the CPU build of torch 2.13.0 served here.
.venv/bin/python -m pip install --quiet -e ".[dev,train]"
.venv/bin/python -m pip check
