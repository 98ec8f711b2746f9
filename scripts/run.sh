#!/usr/bin/env bash
# Set up (first time only) and start Huimin Desktop. With no arguments it opens a demo data folder
# (demo-data/, 2,000 generated households at the city level) so there is something to look at;
# pass --data DIR to open a real station instead, or any sub-command to use the command line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ $# -eq 0 ]; then
  if [ ! -f demo-data/huimin.db ]; then
    echo "Generating the demo data folder (demo-data/)..."
    .venv/bin/python main.py demo --data demo-data --households 2000
  fi
  set -- --data demo-data
fi
exec .venv/bin/python main.py "$@"
