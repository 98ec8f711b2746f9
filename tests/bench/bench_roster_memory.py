"""``import-roster-memory``: peak memory of importing a big roster, measured in a subprocess.

A 200,000-row roster (the most one file may hold, ``MAX_ROWS``) laid out as offices send it (see
bench_import_roster) is imported into a fresh township station by ``python main.py import-roster`` in a
child process; its peak resident set size (``ru_maxrss`` of the child) is the value. The baseline is
the 300 MB ceiling issue 11 sets, so the ratio must stay at or below 1. The same child then reads a
500,000-row CSV roster, which is refused before anything is written; its peak is printed on stderr.

``HUIMIN_BENCH_ROSTER_ROWS`` changes the size; the rosters are kept in ``HUIMIN_BENCH_CACHE`` (default
the system temporary folder) between runs.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.bench_import_roster import TOWNSHIP_CODE, write_roster
from tests.bench.harness import BenchResult, benchmark

ROWS = int(os.environ.get("HUIMIN_BENCH_ROSTER_ROWS", "200000"))
REFUSED_ROWS = 500_000
CEILING_MB = 300
ROOT = Path(__file__).resolve().parents[2]


def _cache() -> Path:
    folder = Path(os.environ.get("HUIMIN_BENCH_CACHE", tempfile.gettempdir())) / "huimin-bench-roster"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _big_csv(source: Path, out: Path, rows: int) -> None:
    """A CSV of ``rows`` data rows: the xlsx's rows repeated (the refusal comes before any check)."""
    from openpyxl import load_workbook

    book = load_workbook(source, read_only=True)
    lines = [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    book.close()
    head, body = lines[:5], [r for r in lines[5:] if isinstance(r[0], int)]
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerows(head)
        for number in range(rows):
            writer.writerow(body[number % len(body)])


def _peak_of(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    """Peak RSS in MB of ``command`` run in a fresh child (via a wrapper that reports its own child)."""
    wrapper = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stdout.write(done.stdout); sys.stderr.write(done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(done.returncode)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, cwd=ROOT, timeout=3600
    )
    *_, peak_kb = completed.stderr.strip().splitlines()
    return int(peak_kb) / 1024, completed


@benchmark("import-roster-memory")
def bench_roster_memory() -> BenchResult:
    cache = _cache()
    roster = cache / f"roster-{ROWS}.xlsx"
    if not roster.is_file():
        write_roster(roster, ROWS)
    refused = cache / f"roster-{REFUSED_ROWS}.csv"
    if not refused.is_file():
        _big_csv(roster, refused, REFUSED_ROWS)
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "station"
        main = [sys.executable, str(ROOT / "main.py")]
        init = [*main, "init", "--level", "township", "--name", "马友营蒙古族乡", "--division", TOWNSHIP_CODE]
        subprocess.run([*init, "--data", str(data)], check=True, capture_output=True, cwd=ROOT)
        peak, done = _peak_of([*main, "import-roster", str(roster), "--json", "--data", str(data)])
        if done.returncode != 0 or json.loads(done.stdout)["added"] != ROWS:
            raise RuntimeError(f"the {ROWS:,}-row roster did not import whole: {done.stderr[-500:]}")
        refused_peak, refusal = _peak_of([*main, "import-roster", str(refused), "--data", str(data)])
        if refusal.returncode == 0 or "200,000" not in refusal.stderr:
            raise RuntimeError(f"the {REFUSED_ROWS:,}-row roster was not refused: {refusal.stderr}")
    print(
        f"import-roster-memory: {ROWS:,} rows imported at {peak:.0f} MB peak; "
        f"{REFUSED_ROWS:,} rows refused at {refused_peak:.0f} MB peak "
        f"(parent {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)",
        file=sys.stderr,
    )
    return BenchResult(max(peak, refused_peak), "MB", CEILING_MB)
