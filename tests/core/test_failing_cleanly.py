"""Exit non-zero means nothing changed: outputs are checked before the transaction (real command line).

Each case compares the database (every table's rows), the attachment store and the target folder
before and after the failed command.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.core.test_cli import assert_failed_cleanly, run, snapshot
from tests.core.test_roster_cli import _township
from tests.core.test_roster_fixtures import sample_rows, write_office_xlsx


def database_dump(data: Path) -> dict[str, list[tuple]]:
    with sqlite3.connect(f"{(data / 'huimin.db').as_uri()}?mode=ro", uri=True) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: sorted(map(repr, connection.execute(f'SELECT * FROM "{t}"'))) for t in sorted(tables)}


def state(data: Path, target: Path) -> tuple:
    return database_dump(data), snapshot(data / "attachments"), snapshot(target)


@pytest.mark.parametrize("where", ["missing/dir/r.xlsx", "folder", "r.txt"])
def test_rejected_out_is_checked_before_the_import_commits(tmp_path: Path, where: str) -> None:
    data = _township(tmp_path / "station")
    rows = [*sample_rows(), ["三家子", "坏人", "男", "汉", 211381198001011234, 1]]
    roster = write_office_xlsx(tmp_path / "roster.xlsx", rows)
    target = tmp_path / "out"
    (target / "folder").mkdir(parents=True)
    before = state(data, target)
    result = run("import-roster", str(roster), "--data", str(data), "--rejected-out", str(target / where))
    assert_failed_cleanly(result)
    assert state(data, target) == before
    english = run(
        "import-roster",
        str(roster),
        "--data",
        str(data),
        "--rejected-out",
        str(target / where),
        "--lang",
        "en",
    )
    assert_failed_cleanly(english)
    assert english.stderr.startswith("Error: ") and state(data, target) == before
