"""The benchmark registry and the one-line report format of DESIGN.md §5.

A benchmark is a function decorated with ``@benchmark("name")`` in a ``tests/bench/bench_*.py`` module;
it does its own setup in a temporary folder, measures, and returns a ``BenchResult``. The harness finds
the modules, runs the benchmarks asked for, and prints one line per benchmark::

    NAME: VALUE UNIT (baseline BASELINE UNIT, ratio RATIO)
    NAME: VALUE UNIT (no baseline)
"""

from __future__ import annotations

import importlib
import pkgutil
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TextIO


@dataclass(frozen=True)
class BenchResult:
    value: float
    unit: str
    baseline: float | None = None
    baseline_unit: str | None = None  # defaults to ``unit``

    @property
    def ratio(self) -> float | None:
        """value ÷ baseline, both in the same unit (s vs ms and the like are converted); None if unknown."""
        if self.baseline is None or self.baseline == 0:
            return None
        unit, baseline_unit = self.unit, self.baseline_unit or self.unit
        if unit == baseline_unit:
            return self.value / self.baseline
        if unit in _SCALE and baseline_unit in _SCALE and _SCALE[unit][0] == _SCALE[baseline_unit][0]:
            return (self.value * _SCALE[unit][1]) / (self.baseline * _SCALE[baseline_unit][1])
        return None


# Units a ratio can convert between: unit → (dimension, factor to the base unit).
_SCALE: dict[str, tuple[str, float]] = {
    "s": ("time", 1.0),
    "ms": ("time", 1e-3),
    "us": ("time", 1e-6),
    "µs": ("time", 1e-6),
    "B": ("bytes", 1.0),
    "KB": ("bytes", 1024.0),
    "MB": ("bytes", 1024.0**2),
    "GB": ("bytes", 1024.0**3),
}


BenchFunction = Callable[[], BenchResult]

_REGISTRY: dict[str, BenchFunction] = {}


def benchmark(name: str) -> Callable[[BenchFunction], BenchFunction]:
    """Register ``function`` under ``name`` (the name printed and accepted on the command line)."""

    def register(function: BenchFunction) -> BenchFunction:
        if name in _REGISTRY and _REGISTRY[name] is not function:
            raise ValueError(f"benchmark {name!r} is registered twice")
        _REGISTRY[name] = function
        return function

    return register


def registered() -> dict[str, BenchFunction]:
    """Every benchmark, after importing all ``bench_*`` modules of this package (in name order)."""
    package = sys.modules[__package__] if __package__ else None
    if package is not None:
        for module in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
            if module.name.startswith("bench_"):
                importlib.import_module(f"{__package__}.{module.name}")
    return dict(_REGISTRY)


def format_number(value: float) -> str:
    """Three significant figures or so, never scientific notation: 41.2, 3.07, 0.0123, 1534."""
    magnitude = abs(value)
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1 or magnitude == 0:
        return f"{value:.2f}"
    return f"{value:.3g}"


def format_result(name: str, result: BenchResult) -> str:
    head = f"{name}: {format_number(result.value)} {result.unit}"
    if result.baseline is None:
        return f"{head} (no baseline)"
    baseline_unit = result.baseline_unit or result.unit
    ratio = result.ratio
    ratio_text = format_number(ratio) if ratio is not None else "n/a"
    return f"{head} (baseline {format_number(result.baseline)} {baseline_unit}, ratio {ratio_text})"


def run(names: Sequence[str], out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Run the named benchmarks (all when ``names`` is empty); 0 when every one ran, else 1 (2: unknown)."""
    available = registered()
    unknown = [n for n in names if n not in available]
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; known: {', '.join(sorted(available))}", file=err)
        return 2
    status = 0
    for name in names or sorted(available):
        try:
            result = available[name]()
        except Exception:
            print(f"{name}: failed", file=err)
            traceback.print_exc(file=err)
            status = 1
            continue
        print(format_result(name, result), file=out, flush=True)
    return status


# -- helpers the benchmarks share -------------------------------------------------------------


def timed(function: Callable[[], object]) -> float:
    """Seconds ``function`` took (wall clock, high resolution)."""
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def median_process_seconds(
    command: Sequence[str], *, runs: int, env: dict[str, str] | None = None, warmup: int = 1
) -> float:
    """Median wall time of ``command`` run to its exit; a failing run raises with its stderr."""

    def once() -> float:
        started = time.perf_counter()
        completed = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        elapsed = time.perf_counter() - started
        if completed.returncode != 0:
            tail = (completed.stderr or completed.stdout).strip().splitlines()[-5:]
            raise RuntimeError(f"{' '.join(command)} exited {completed.returncode}: " + " | ".join(tail))
        return elapsed

    for _ in range(warmup):  # the first run pays for a cold file cache; both sides get the same
        once()
    return statistics.median(once() for _ in range(runs))
