"""The benchmarks (tests/bench, not in the default run) open station databases the way the program does:
every station is encrypted, so a baseline that opened ``huimin.db`` with plain ``sqlite3.connect`` failed
("file is not a database") and nothing in the test run noticed. Checked in the source."""

from __future__ import annotations

import ast
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench"


def plain_sqlite_opens(source: str) -> list[int]:
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "connect"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "sqlite3"
    ]


def test_no_benchmark_opens_a_database_with_plain_sqlite3() -> None:
    assert plain_sqlite_opens("import sqlite3\nsqlite3.connect('x')\nconnect('y', key)\n") == [2]
    found = {
        path.name: lines
        for path in sorted(BENCH.glob("*.py"))
        if (lines := plain_sqlite_opens(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "open it with huimin_desktop.store.engine.connect(path, key)"
