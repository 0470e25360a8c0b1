#!/usr/bin/env bash
# Fresh machine -> the main job on the bundled demo: set up, import market data and
# instruments, ingest the demo feed, extract claims, cross-check them, print today's digest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export THESISDESK_DB="${THESISDESK_DB:-sqlite:///$PWD/demo.db}"
.venv/bin/thesisdesk demo run
echo
echo "Open the app with:  THESISDESK_DB=$THESISDESK_DB .venv/bin/thesisdesk ui"
