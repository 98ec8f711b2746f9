#!/usr/bin/env bash
# Set up (first time only) and run the whole test suite: lint and types, then pytest (core and GUI,
# offscreen), then build the one-folder program and run its smoke test (scripts/build.sh), so a build
# that cannot start cannot land. With arguments (pytest's: a file, -k …) only pytest runs, on those.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
if [ $# -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
bash scripts/setup.sh --build-tools  # the build below needs them, and so do the tests of build.spec
.venv/bin/ruff check .
.venv/bin/mypy  # huimin_desktop/ and ui/, as configured in pyproject.toml
# One worker per core, each taking whole files (a file's fixtures are built once); the slowest tests are
# listed, to keep CI well under 15 minutes.
.venv/bin/python -m pytest -q -n "$(nproc)" --dist loadfile --durations=15
bash scripts/build.sh
