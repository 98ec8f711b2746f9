#!/usr/bin/env bash
# Set up a machine for running and testing Huimin Desktop: system libraries (Debian/Ubuntu), a virtual
# environment in .venv with the pinned packages. Safe to run again: it only installs what is missing.
# With --build-tools it also installs what scripts/build.sh needs (requirements-build.txt: PyInstaller),
# which the full test run wants before pytest too: tests of build.spec read PyInstaller's own tables.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  fonts-noto-cjk                      # Chinese text renders as boxes without a CJK font
  libgl1 libegl1 libfontconfig1 libdbus-1-3 libxkbcommon0 libglib2.0-0
  xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0
  libpulse0                           # QtMultimedia (audio/video in the archive)
  libreoffice-calc-nogui              # roster tests convert workbooks the way offices save them
  poppler-utils                       # report tests read the PDFs LibreOffice prints (pdftoppm, pdfinfo)
)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for package in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing system packages (apt-get, a few minutes the first time): ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3.11}"
command -v "$PYTHON" >/dev/null 2>&1 || PYTHON=python3
if [ ! -x .venv/bin/python ]; then
  echo "Creating the Python environment (.venv) with $("$PYTHON" --version)"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.requirements.sha256
wanted=$(sha256sum requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
  echo "Installing the pinned Python packages (requirements.txt; the first time takes a minute or two)"
  started=$(date +%s)
  # pipefail: a failing pip fails the script; a grep that filters every line out does not
  .venv/bin/python -m pip install --disable-pip-version-check --progress-bar on -r requirements.txt \
    | { grep -v "^Requirement already satisfied" || true; }
  echo "Python packages ready ($(( $(date +%s) - started )) s)"
  echo "$wanted" > "$stamp"
fi

if [ "${1:-}" = "--build-tools" ]; then
  stamp=.venv/.requirements-build.sha256
  wanted=$(sha256sum requirements-build.txt | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    echo "Installing the build tools (requirements-build.txt)"
    .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-build.txt
    echo "$wanted" > "$stamp"
  fi
fi
