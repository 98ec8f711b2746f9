"""Exit non-zero means nothing changed: outputs are checked before the transaction (real command line).

Each case compares the database (every table's rows), the attachment store and the target folder
before and after the failed command.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.sync_helpers import add_household, deliver, make_package, set_household
from tests.core.test_cli import assert_failed_cleanly, run, snapshot
from tests.core.test_roster_cli import _township
from tests.core.test_roster_fixtures import sample_rows, write_office_xlsx
from tests.stations import connect_db


def database_dump(data: Path) -> dict[str, list[tuple]]:
    with connect_db(f"{(data / 'huimin.db').as_uri()}?mode=ro", uri=True) as connection:
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


def _three_conflicts(network) -> tuple[Path, list[int]]:
    """Two field conflicts at the city (phone, notes) and one duplicate ID number; (city folder, ids)."""
    city, a, b = network
    first = add_household(a, "宝斯鲁", "211381198001010019")
    second = add_household(a, "乌力吉", "211381198502020028")
    deliver(make_package(a, city), city)
    set_household(a, first, phone="13922222222")
    set_household(city, first, phone="13911111111")
    set_household(a, second, notes="乡里写的")
    set_household(city, second, notes="市里写的")
    deliver(make_package(a, city), city)
    add_household(b, "宝斯鲁", "211381198001010019")
    deliver(make_package(b, city), city)
    conflicts = city.sync.conflicts()
    assert sorted(c.kind for c in conflicts) == ["duplicate-id", "field", "field"]
    by_kind = sorted(conflicts, key=lambda c: (c.kind != "field", c.id))
    return city.data_dir, [c.id for c in by_kind]


@pytest.mark.parametrize(
    ("choice", "named"),
    [
        (("--keep", "A", "--other", "A"), "A"),  # one conflict named twice
        (("--keep", "A", "--other", "D"), "D"),  # the duplicate ID has no other value
        (("--keep", "A", "--keep", "999"), "999"),  # unknown id
        (("--other", "B", "--keep", "A", "--keep", "A"), "A"),
    ],
)
def test_deciding_conflicts_is_all_or_nothing(
    network, tmp_path: Path, choice: tuple[str, ...], named: str
) -> None:
    data, (a_id, b_id, duplicate) = _three_conflicts(network)
    ids = {"A": str(a_id), "B": str(b_id), "D": str(duplicate)}
    before = state(data, tmp_path / "nothing")
    result = run("conflicts", "--data", str(data), *(ids.get(word, word) for word in choice))
    assert_failed_cleanly(result)
    assert state(data, tmp_path / "nothing") == before
    assert ids.get(named, named) in result.stderr


def test_several_conflicts_are_decided_together(network, tmp_path: Path) -> None:
    data, (a_id, b_id, _duplicate) = _three_conflicts(network)
    result = run("conflicts", "--data", str(data), "--keep", str(a_id), "--other", str(b_id), "--json")
    assert result.returncode == 0, result.stderr
    city = network[0]
    assert [c.kind for c in city.sync.conflicts()] == ["duplicate-id"]
    again = run("conflicts", "--data", str(data), "--keep", str(a_id))
    assert_failed_cleanly(again)
    assert str(a_id) in again.stderr
