"""``indicators list|add|edit|remove|import|copy``: the city's scripts over the same service as 考核."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from huimin_desktop.cli.indicator_commands import ACTIONS
from tests.core.test_cli import assert_failed_cleanly, run, snapshot
from tests.core.test_indicator_import import good_rows, workbook

YEAR = dt.date.today().year


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("indicators-cli") / "city"
    made = run(
        "init", "--data", str(folder), "--level", "city", "--name", "朝阳市民委", "--division", "211300"
    )
    assert made.returncode == 0, made.stderr
    return folder


def listed(city: Path, *options: str) -> list[dict]:
    result = run("indicators", "list", "--json", "--data", str(city), *options)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["indicators"]


def test_add_edit_list_and_remove(city: Path) -> None:
    added = run(
        "indicators", "add", "--data", str(city), "--county", "北票市", "--year", str(YEAR),
        "--code", "7", "--name", "培训人次", "--target-value", "500", "--unit", "人次", "--max-score", "5",
        "--milestone", "6=250:过半", "--milestone", "12=500", "--deadline", f"{YEAR}-12-31", "--json",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    [row] = json.loads(added.stdout)["added"]
    assert (row["county"], row["code"], row["name"], row["target_value"]) == (
        "北票市",
        "7",
        "培训人次",
        500.0,
    )
    edited = run(
        "indicators", "edit", "7", "--data", str(city), "--target-value", "600", "--responsible", "王"
    )
    assert edited.returncode == 0, edited.stderr
    assert "已修改" in edited.stdout
    [row] = listed(city, "--county", "211381", "--year", str(YEAR))
    assert (row["target_value"], row["name"]) == (600.0, "培训人次")  # the rest kept
    everyone = run("indicators", "add", "--data", str(city), "--county", "all", "--year", str(YEAR),
                   "--code", "8", "--name", "项目验收")  # fmt: skip
    assert everyone.returncode == 0, everyone.stderr
    assert len([r for r in listed(city) if r["code"] == "8"]) == 7
    english = run("--lang", "en", "indicators", "list", "--data", str(city), "--year", str(YEAR))
    assert english.returncode == 0 and "8 indicators" in english.stdout and "county\tyear" in english.stdout
    removed = run("indicators", "remove", row["id"], "--data", str(city))
    assert removed.returncode == 0, removed.stderr
    assert [r["code"] for r in listed(city, "--county", "北票市")] == ["8"]


def test_refusals_change_nothing(city: Path, tmp_path: Path) -> None:
    before = snapshot(city)
    for command in (
        ["indicators", "add", "--county", "北票市", "--year", str(YEAR), "--name", ""],
        ["indicators", "add", "--county", "火星县", "--year", str(YEAR), "--name", "x"],
        ["indicators", "add", "--county", "北票市", "--year", "1999", "--name", "x"],
        [
            "indicators",
            "add",
            "--county",
            "北票市",
            "--year",
            str(YEAR),
            "--name",
            "x",
            "--milestone",
            "六月=1",
        ],
        ["indicators", "edit", "no-such-code"],
        ["indicators", "import", str(tmp_path / "missing.xlsx")],
    ):
        assert_failed_cleanly(run(*command, "--data", str(city)))
    rows = good_rows()
    rows[2][3] = "明年"
    bad = run("indicators", "import", str(workbook(tmp_path / "bad.xlsx", rows)), "--data", str(city))
    assert_failed_cleanly(bad)
    assert "第 5 行“年度”" in bad.stderr
    assert snapshot(city) == before


def test_import_a_workbook(city: Path, tmp_path: Path) -> None:
    path = workbook(tmp_path / "plan.xlsx", good_rows()[:2])
    result = run("indicators", "import", str(path), "--data", str(city), "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"path": str(path), "created": 2, "updated": 0}
    codes = {(r["county"], r["code"]) for r in listed(city, "--year", str(YEAR))}
    assert {("北票市", "1"), ("朝阳县", "2")} <= codes


def test_help_is_all_one_language(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.core.test_cli_language import CJK, english_words
    from tests.core.test_cli_language import run as run_here

    zh = run_here(["indicators", "--help"], capsys, monkeypatch)[1]
    # the command's own words: its actions, 'all' and the method and figure keys it takes as values
    literal = {*ACTIONS, "all", "xlsx", "proportional", "all_or_nothing", "milestone_deduction"}
    literal |= {"shortfall_deduction", "households_covered"}
    assert "考核指标" in zh
    shown = english_words(zh)
    assert not [w for w in shown if not any(w in word for word in literal)], shown
    en = run_here(["--lang", "en", "indicators", "--help"], capsys, monkeypatch)[1]
    assert "assessment indicators" in en and not CJK.search(en), CJK.findall(en)
