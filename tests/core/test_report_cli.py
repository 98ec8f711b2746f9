"""``report``: the workbook, ``--json``, the scope options, and output paths refused before any work."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.core.test_cli import assert_failed_cleanly, run, snapshot


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report-cli") / "city"
    made = run(
        "init", "--data", str(folder), "--level", "city", "--name", "朝阳市民委", "--division", "211300"
    )
    assert made.returncode == 0, made.stderr
    demo = run("demo", "--households", "300", "--seed", "3", "--data", str(folder))
    assert demo.returncode == 0, demo.stderr
    return folder


def test_report_writes_the_five_tables(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "2026.xlsx"
    result = run("report", "--year", "2026", "--out", str(out), "--json", "--data", str(city))
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["path"] == str(out) and payload["year"] == 2026 and payload["scope"] == "朝阳市"
    assert len(payload["sheets"]) == 5 and payload["rows"] > 5
    assert load_workbook(out).sheetnames == [
        "项目统计表",
        "农户增收情况表",
        "培训情况表",
        "绩效考核进度表",
        "资金使用情况表",
    ]


def test_county_option_by_name_and_code(city: Path, tmp_path: Path) -> None:
    for county in ("朝阳县", "211321"):
        out = tmp_path / f"{county}.xlsx"
        result = run(
            "report", "--year", "2026", "--county", county, "--out", str(out), "--json", "--data", str(city)
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["scope"] == "朝阳县"
        names = {c.value for c in load_workbook(out)["农户增收情况表"]["A"]}
        assert "建平县" not in names and "合计" in names


def test_unknown_county_and_both_scopes(city: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    unknown = run("report", "--year", "2026", "--county", "火星县", "--out", str(out), "--data", str(city))
    assert_failed_cleanly(unknown)
    assert "火星县" in unknown.stderr and not out.exists()
    both = run(
        "report",
        "--year",
        "2026",
        "--county",
        "朝阳县",
        "--township",
        "x",
        "--out",
        str(out),
        "--data",
        str(city),
    )
    assert_failed_cleanly(both, usage=True)
    assert not out.exists()


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("root cannot make a read-only folder here (no chmod effect, no mount)")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_output_checked_before_any_work(city: Path, tmp_path: Path, read_only_folder: Path) -> None:
    before = snapshot(city)
    (tmp_path / "a-file").write_text("x")
    cases = {
        "missing folder": tmp_path / "nowhere" / "r.xlsx",
        "folder given": tmp_path,
        "inside a file": tmp_path / "a-file" / "r.xlsx",
        "read-only": read_only_folder / "r.xlsx",
        "not xlsx": tmp_path / "r.csv",
    }
    for case, out in cases.items():
        result = run("report", "--year", "2026", "--out", str(out), "--data", str(city))
        assert_failed_cleanly(result)
        assert str(out.parent.name) in result.stderr or str(out.name) in result.stderr, case
    assert snapshot(city) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "ro"]
    assert list(read_only_folder.iterdir()) == []
