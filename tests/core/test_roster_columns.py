"""No column lost on import: a county roster saved by LibreOffice with a merged heading over short
sub-headings, 拟扶持项目 and 备注; every filled column is imported or named as unmapped, totals are
checked, the year's choice is explained, and a property test over random header spellings."""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from huimin_desktop.model import Household, Survey
from huimin_desktop.services.station import Station
from tests.core.test_cli import run
from tests.core.test_roster_cli import _township
from tests.core.test_roster_fixtures import make_id
from tests.stations import new_station, open_station

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

UPPER = (
    ["序号", "村", "户主", "身份证号码", "人口"]
    + ["2015年家庭收入（元）"] * 5
    + [
        "生产经营性支出（元）",
        "2015年家庭纯收入",
        "拟扶持项目",
        "备注",
    ]
)
LOWER = [None] * 5 + ["工资性", "经营性", "财产性", "转移性", "其他"] + [None] * 4
BAO, WANG = make_id("19650302", 11), make_id("19780915", 22)
ROWS = [
    # 其他 −300 is in no field: the 纯收入 5,400 is 300 less than the parts the import takes.
    [1, "三家子村", "宝音", BAO, 4, 3000, 2000, 0, 1200, -300, 500, 5400, "养牛", "低保户"],
    [2, "三家子村", "王芳", WANG, 3, 8000, 0, 0, 600, None, 0, 8600, "务工培训", None],
]


def county_roster(folder: Path, convert_to: str) -> Path:
    """The county's roster as LibreOffice writes it (``convert_to``: xlsx or xls), merged cells and all."""
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.append(["2016年度马友营蒙古族乡惠民工程农户花名册"])
    ws.merge_cells("A1:N1")
    ws.append(["填报单位：马友营蒙古族乡人民政府"])
    ws.append(UPPER)
    ws.append(LOWER)
    for column, lower in enumerate(LOWER, start=1):
        if lower is None:
            ws.merge_cells(start_row=3, start_column=column, end_row=4, end_column=column)
    ws.merge_cells("F3:J3")
    for row in ROWS:
        ws.append(row)
    ws.append(["合计", None, None, None, 7, 11000, 2000, 0, 1800, -300, 500, 14000])
    ws.append(["填表人：张三"])
    source = folder / "source" / "county.xlsx"
    source.parent.mkdir()
    book.save(source)
    assert SOFFICE is not None
    subprocess.run(
        [SOFFICE, "--headless", "--convert-to", convert_to, "--outdir", str(folder), str(source)],
        check=True,
        capture_output=True,
        timeout=180,
    )
    converted = folder / f"county.{convert_to}"
    assert converted.is_file()
    return converted


def _survey(station: Station, id_number: str) -> tuple[Household, Survey]:
    with station.db.reader() as session:
        household = session.scalars(select(Household).where(Household.head_id_number == id_number)).one()
        survey = session.scalars(select(Survey).where(Survey.household_id == household.id)).one()
        session.expunge_all()
        return household, survey


@needs_soffice
@pytest.mark.parametrize("convert_to", ["xlsx", "xls"])
def test_libreoffice_roster_loses_no_column(station: Station, tmp_path: Path, convert_to: str) -> None:
    path = county_roster(tmp_path, convert_to)
    table = station.rosters.read(path)
    assert table.header_rows == (3, 4)
    mapped = {key: table.columns[index].letter for key, index in table.mapping.items()}
    assert mapped == {
        "village": "B",
        "name": "C",
        "id_number": "D",
        "household_size": "E",
        "income_wage": "F",
        "income_business": "G",
        "income_property": "H",
        "income_transfer": "I",
        "expense_business": "K",
        "needs": "M",
        "notes": "N",
    }
    outcome = station.rosters.import_file(path)
    assert (outcome.added, outcome.rejected) == (2, ())
    # Every column with data is imported, checked (the 纯收入) or named; 其他 with its −300 is named.
    assert [c.as_json() for c in outcome.unmapped_columns] == [
        {"column": "J", "header": "2015年家庭收入（元）/其他", "filled_rows": 1}
    ]
    mismatch = [w for w in outcome.warnings if "家庭纯收入" in w.reason]
    assert [w.row for w in mismatch] == [5]
    assert "第 J 列“2015年家庭收入（元）/其他”" in mismatch[0].reason and "-300" in mismatch[0].reason
    # The headings say 2015, the title 2016: the incomes' year wins, and the reason says both.
    assert outcome.year == 2015 and "2015" in outcome.year_reason and "2016" in outcome.year_reason
    household, survey = _survey(station, BAO)
    assert (survey.year, survey.income_wage, survey.income_business, survey.income_transfer) == (
        2015,
        3000,
        2000,
        1200,
    )
    assert (survey.expense_business, survey.needs, household.notes) == (500, "养牛", "低保户")
    assert _survey(station, WANG)[1].needs == "务工培训"


@needs_soffice
def test_cli_names_unmapped_columns_and_the_year(tmp_path: Path) -> None:
    data = _township(tmp_path / "station")
    path = county_roster(tmp_path, "xlsx")
    result = run("import-roster", str(path), "--dry-run", "--json", "--data", str(data))
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert {"added", "updated", "unchanged", "rejected", "warnings", "villages_created"} <= payload.keys()
    assert payload["unmapped_columns"] == [
        {"column": "J", "header": "2015年家庭收入（元）/其他", "filled_rows": 1}
    ]
    assert payload["year"] == 2015 and "2016" in payload["year_reason"]
    human = run("import-roster", str(path), "--year", "2016", "--data", str(data))
    assert human.returncode == 0, human.stderr
    assert "第 J 列“2015年家庭收入（元）/其他”：1 行有值" in human.stdout
    assert "年度：2016（按指定的 2016 年度导入（文件中写的是 2015 年））" in human.stdout
    with open_station(data) as station:
        assert _survey(station, BAO)[1].year == 2016


def test_totals_name_the_probably_missing_column(station: Station, tmp_path: Path) -> None:
    from tests.core.test_roster_fixtures import write_table_xlsx

    header = ["姓名", "身份证号", "村", "工资性收入", "转移性收入", "低保金", "家庭总收入", "人口"]
    first, second, third = make_id("19700101", 11), make_id("19710101", 31), make_id("19720101", 51)
    rows = [
        ["张三", first, "三家子", 1000, 200, 300, 1500, 2],  # 低保金 is the missing 300
        ["李四", second, "三家子", 1000, 200, None, 1200, 2],  # adds up
        ["王五", third, "三家子", 1000, 200, None, 9999, 2],  # off, and no column explains it
    ]
    outcome = station.rosters.import_file(write_table_xlsx(tmp_path / "t.xlsx", header, rows))
    assert outcome.added == 3
    totals = {w.row: w.reason for w in outcome.warnings if "家庭总收入" in w.reason}
    assert sorted(totals) == [3, 5]
    assert "第 F 列“低保金”" in totals[3] and "相差 300 元" in totals[3]
    assert "请核对" in totals[5]
    assert [c.column for c in outcome.unmapped_columns] == ["F"]


# -- the property: a roster of random spellings never loses a filled column silently -----------------

SPELLING_CHOICES: dict[str, list[str]] = {
    "name": ["姓名", "姓 名", "户主姓名", "户主"],
    "id_number": ["身份证号", "身份证号码", "公民身份号码", "身份证号码（18位）"],
    "village": ["村", "所在村", "行政村", "村名"],
    "income_wage": ["工资性收入", "工资性收入（元）", "务工收入", "2015年工资性收入"],
    "income_business": ["生产经营性收入", "经营性收入（元）", "家庭经营性收入"],
    "income_transfer": ["转移性收入", "转移性收入(元)", "转移收入"],
    "needs": ["拟扶持项目", "发展需求", "帮扶需求"],
    "notes": ["备注", "备 注", "说明"],
}
EXTRA_HEADINGS = ["其他收入", "低保金", "年龄", "耕地面积（亩）", "帮扶责任人", "是否低保户", "养老保险", ""]


@st.composite
def random_roster(draw: st.DrawFn) -> tuple[list[str], list[str | None], list[list[object]]]:
    optional = sorted(set(SPELLING_CHOICES) - {"name", "id_number", "village"})
    fields = ["name", "id_number", "village", *draw(st.lists(st.sampled_from(optional), unique=True))]
    extras = draw(st.lists(st.sampled_from(EXTRA_HEADINGS), max_size=3))
    columns: list[str | None] = [*fields, *[None] * len(extras)]
    order = draw(st.permutations(range(len(columns))))
    headings = [draw(st.sampled_from(SPELLING_CHOICES[f])) for f in fields] + extras
    headings = [headings[i] for i in order]
    columns = [columns[i] for i in order]
    seed = draw(st.integers(0, 10_000))
    rng = random.Random(seed)
    rows = []
    for number in range(3):
        row: list[object] = []
        for key in columns:
            if key == "name":
                row.append(f"张{number}")
            elif key == "id_number":
                row.append(make_id(f"19{70 + number}0101", 11 + 2 * (seed % 400)))
            elif key == "village":
                row.append("三家子")
            elif key in ("needs", "notes"):
                row.append(rng.choice([None, "养牛", "低保"]))
            elif key is not None:
                row.append(rng.choice([None, 0, 1200, "3,500"]))
            else:
                row.append(rng.choice([None, -300, 42, "有"]))
        rows.append(row)
    return headings, columns, rows


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(roster=random_roster())
def test_random_spellings_never_lose_a_filled_column(tmp_path_factory, roster) -> None:  # type: ignore[no-untyped-def]
    from tests.core.test_roster_fixtures import write_table_xlsx

    headings, columns, rows = roster
    folder = tmp_path_factory.mktemp("random")
    path = write_table_xlsx(folder / "r.xlsx", headings, rows)
    with new_station(
        folder / "station", level="township", name="马友营蒙古族乡", division_code="211381204000"
    ) as station:
        table = station.rosters.read(path)
        outcome = station.rosters.import_file(path)
        listed = {c.index for c in outcome.unmapped_columns}
        by_column = {index: key for key, index in table.mapping.items()}
        with station.db.reader() as session:
            surveys = session.scalars(select(Survey)).all()
            households = session.scalars(select(Household)).all()
            stored = {
                "needs": {s.needs for s in surveys},
                "notes": {h.notes for h in households},
                **{k: {getattr(s, k) for s in surveys} for k in SPELLING_CHOICES if k.startswith("income")},
            }
        for index, key in enumerate(columns):
            filled = [row[index] for row in rows if row[index] not in (None, "")]
            if not filled:
                continue
            if index in listed:
                continue
            # Not listed: it must be a field the import took, whose values are in the database.
            assert by_column.get(index) == key or (key == "name" and by_column.get(index) == "name"), (
                headings[index],
                table.mapping,
            )
            if key in stored:
                expected = {int(str(v).replace(",", "")) if key.startswith("income") else v for v in filled}
                assert expected <= stored[key], (headings[index], stored[key])
        assert outcome.added == 3


def test_amounts_in_wan_yuan_are_converted_and_said(station: Station, tmp_path: Path) -> None:
    from tests.core.test_roster_fixtures import write_table_xlsx

    header = ["姓名", "身份证号", "村", "工资性收入（万元）", "转移性收入(元)", "家庭纯收入（万元）"]
    rows = [["张三", make_id("19700101", 11), "三家子", 1.25, 500, 1.3]]
    outcome = station.rosters.import_file(write_table_xlsx(tmp_path / "w.xlsx", header, rows))
    assert (outcome.added, outcome.unmapped_columns) == (1, ())
    _, survey = _survey(station, make_id("19700101", 11))
    assert (survey.income_wage, survey.income_transfer) == (12_500, 500)
    notes = [w.reason for w in outcome.warnings if w.row == 2]
    assert "第 D 列“工资性收入（万元）”以万元填写，已换算为元" in notes
    assert not any("家庭纯收入" in w.reason and "不符" in w.reason for w in outcome.warnings)  # 13,000
