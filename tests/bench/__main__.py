"""``python -m tests.bench [NAME...]``: run the benchmarks (all of them without names), one line each."""

from __future__ import annotations

import os
import sys

# Before anything imports Qt (the start-up bench's children inherit it too).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.bench.harness import run

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
