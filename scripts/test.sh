#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite: lint and types, then pytest (core and GUI,
# offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
.venv/bin/ruff check .
.venv/bin/mypy  # huimin_desktop/ and ui/, as configured in pyproject.toml
.venv/bin/python -m pytest -q "$@"
