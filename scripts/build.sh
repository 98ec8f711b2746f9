#!/usr/bin/env bash
# Build the one-folder program with PyInstaller (build.spec) into dist/huimin-desktop-VERSION/, then
# run the smoke test on what was built (scripts/smoke_built.py). Set HUIMIN_BUILD_NO_SMOKE=1 to skip it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --build-tools
echo "Building (PyInstaller, a few minutes)…"
started=$(date +%s)
.venv/bin/pyinstaller --noconfirm --log-level ERROR build.spec
folder=$(.venv/bin/python -c 'from huimin_desktop import APP_ID, __version__; print(f"dist/{APP_ID}-{__version__}")')
echo "Built $folder in $(( $(date +%s) - started )) s: $(du -sh "$folder" | cut -f1)"
if [ "${HUIMIN_BUILD_NO_SMOKE:-}" != "1" ]; then
  QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/smoke_built.py "$folder"
fi
