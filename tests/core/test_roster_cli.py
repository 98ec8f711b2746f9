"""``import-roster`` and ``export-roster``: JSON keys, exit codes, failures change nothing."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import TOWNSHIP_CODE
from tests.core.test_cli import assert_failed_cleanly, run, snapshot
from tests.core.test_roster_fixtures import sample_rows, write_office_xlsx


def _township(folder: Path) -> Path:
    result = run(
        "init",
        "--data",
        str(folder),
        "--level",
        "township",
        "--name",
        "马友营蒙古族乡",
        "--division",
        TOWNSHIP_CODE,
    )
    assert result.returncode == 0, result.stderr
    return folder


def test_import_roster_json_and_round_trip(tmp_path: Path) -> None:
    data = _township(tmp_path / "station")
    rows = [*sample_rows(), ["三家子", "坏人", "男", "汉", 211381198001011234, 1]]
    roster = write_office_xlsx(tmp_path / "roster.xlsx", rows)

    dry = run("import-roster", str(roster), "--dry-run", "--json", "--data", str(data))
    assert dry.returncode == 0, dry.stderr
    preview = json.loads(dry.stdout)
    assert preview["added"] == 4 and preview["dry_run"] is True

    result = run(
        "import-roster",
        str(roster),
        "--json",
        "--data",
        str(data),
        "--rejected-out",
        str(tmp_path / "r.xlsx"),
        "--reason",  # an administrator's refused rows hold whole ID numbers
        "退回村里",
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert {"added", "updated", "unchanged", "rejected", "warnings", "villages_created"} <= payload.keys()
    assert (payload["added"], payload["updated"], payload["unchanged"]) == (4, 0, 0)
    assert (
        payload["rejected"] == [{"row": 10, "reason": next(r["reason"] for r in payload["rejected"])}]
        and "Excel" in payload["rejected"][0]["reason"]
    )
    assert all(set(w) == {"row", "reason"} for w in payload["warnings"])
    assert sorted(payload["villages_created"]) == ["三家子村", "东营子"]
    assert (tmp_path / "r.xlsx").is_file()

    again = json.loads(run("import-roster", str(roster), "--json", "--data", str(data)).stdout)
    assert (again["added"], again["unchanged"], again["villages_created"]) == (0, 4, [])

    exported = run(
        "export-roster",
        "--out",
        str(tmp_path / "out.xlsx"),
        "--reason",
        "往返",
        "--json",
        "--data",
        str(data),
    )
    assert exported.returncode == 0, exported.stderr
    assert json.loads(exported.stdout)["households"] == 4
    empty = _township(tmp_path / "empty")
    back = json.loads(run("import-roster", str(tmp_path / "out.xlsx"), "--json", "--data", str(empty)).stdout)
    assert (back["added"], back["rejected"]) == (4, [])

    human = run("import-roster", str(roster), "--data", str(data))
    assert human.returncode == 0 and "第 10 行" in human.stdout


def test_import_roster_failures_change_nothing(tmp_path: Path) -> None:
    data = _township(tmp_path / "station")
    before = snapshot(data)
    assert_failed_cleanly(run("import-roster", str(tmp_path / "missing.xlsx"), "--data", str(data)))
    not_a_roster = tmp_path / "notes.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["会议记录"])
    book.save(not_a_roster)
    assert_failed_cleanly(run("import-roster", str(not_a_roster), "--data", str(data)))
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a zip file")
    assert_failed_cleanly(run("import-roster", str(broken), "--data", str(data)))
    assert_failed_cleanly(run("export-roster", "--out", str(tmp_path / "x.txt"), "--data", str(data)))
    assert_failed_cleanly(run("import-roster", "--data", str(data)), usage=True)
    assert snapshot(data) == before
