#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite: lint, then pytest (core and GUI, offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/python -m pytest -q "$@"
