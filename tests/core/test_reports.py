"""报表: every figure of the five tables computed again here, in plain Python over the demo's rows, and
compared with the workbook's cells read back with openpyxl; the layout, print setup and footer too."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from huimin_desktop.errors import PermissionDeniedError, ServiceError
from huimin_desktop.services.reports import OWN_LEVEL, ReportService
from huimin_desktop.services.station import Station
from huimin_desktop.spreadsheet.report_tables import HEADER_FIRST, NUMBER_FORMATS
from tests.stations import connect_db, new_station, open_station

YEAR = 2026
SHEETS = ("项目统计表", "农户增收情况表", "培训情况表", "绩效考核进度表", "资金使用情况表")
FIRST_DATA = HEADER_FIRST + 3  # under the two header rows and the column numbers


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Station, Path]]:
    folder = tmp_path_factory.mktemp("reports") / "city"
    station = new_station(folder, level="city", name="朝阳市民委", division_code="211300")
    station.generate_demo(1500, seed=7)
    station.reports = ReportService(station.db, today=lambda: dt.date(2026, 12, 3))
    try:
        yield station, folder
    finally:
        station.close()


@pytest.fixture(scope="module")
def workbook(city: tuple[Station, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    station, _ = city
    out = tmp_path_factory.mktemp("out") / "报表.xlsx"
    station.reports.export(out, YEAR)
    return out


# -- the rows, read plainly ---------------------------------------------------------------------------


@dataclass
class Rows:
    parent: dict[str, str | None]
    name: dict[str, str]
    level: dict[str, str]
    households: list[Any]
    members: list[Any]
    surveys: list[Any]
    projects: list[Any]
    beneficiaries: list[Any]
    trainings: list[Any]
    attendees: list[Any]
    indicators: list[Any]
    progress: list[Any]

    def subtree(self, division_id: str) -> set[str]:
        found = {division_id}
        changed = True
        while changed:
            changed = False
            for child, parent in self.parent.items():
                if parent in found and child not in found:
                    found.add(child)
                    changed = True
        return found


def read_rows(folder: Path) -> Rows:
    db = connect_db(folder / "huimin.db")
    try:

        def q(sql: str) -> list[Any]:
            return db.execute(sql).fetchall()

        divisions = q("SELECT id, parent_id, name, level FROM division WHERE deleted = 0")
        return Rows(
            parent={d[0]: d[1] for d in divisions},
            name={d[0]: d[2] for d in divisions},
            level={d[0]: d[3] for d in divisions},
            households=q("SELECT id, division_id FROM household WHERE deleted = 0"),
            members=q("SELECT household_id FROM member WHERE deleted = 0"),
            surveys=q(
                "SELECT household_id, year, income_wage, income_business, income_property, income_transfer,"
                " expense_business, household_size, stamp, id FROM survey WHERE deleted = 0"
            ),
            projects=q(
                "SELECT id, division_id, year, category, stage, fund_provincial, fund_local,"
                " fund_integrated, fund_self FROM project WHERE deleted = 0"
            ),
            beneficiaries=q("SELECT project_id, household_id FROM project_beneficiary WHERE deleted = 0"),
            trainings=q(
                "SELECT id, division_id, date, hours, project_id, extra_attendees FROM training"
                " WHERE deleted = 0"
            ),
            attendees=q("SELECT training_id, household_id FROM training_attendee WHERE deleted = 0"),
            indicators=q(
                "SELECT id, division_id, year, code, name, target_value, max_score FROM indicator"
                " WHERE deleted = 0"
            ),
            progress=q(
                "SELECT indicator_id, date, created_stamp, id, value FROM indicator_progress"
                " WHERE deleted = 0 AND value IS NOT NULL"
            ),
        )
    finally:
        db.close()


def sheet_rows(ws: Worksheet) -> dict[tuple[str, ...], list[Any]]:
    """Data rows by their path of names from the first level (合计 is ``()``), through the indent."""
    found: dict[tuple[str, ...], list[Any]] = {}
    path: list[str] = []
    for number in range(FIRST_DATA, ws.max_row + 1):
        first = ws.cell(number, 1)
        if first.border.left.style != "thin":  # past the table: 说明 and the signatures
            break
        values = [c.value for c in ws[number][: ws.max_column]]
        if first.value == "合计":
            found[()] = values
            continue
        depth = int(first.alignment.indent) + 1
        path = [*path[: depth - 1], str(first.value)]
        found[tuple(path)] = values
    return found


def division_of(rows: Rows, path: tuple[str, ...], root: str) -> tuple[str, bool]:
    """The division a row's path names, and whether the row is its （本级） line."""
    current = root
    for name in path:
        if name == OWN_LEVEL:
            return current, True
        if name.endswith(OWN_LEVEL):
            return root, True
        current = next(i for i, p in rows.parent.items() if p == current and rows.name[i] == name)
    return current, False


def covered(rows: Rows, path: tuple[str, ...], root: str) -> set[str]:
    division, own = division_of(rows, path, root)
    return {division} if own else rows.subtree(division)


def root_id(rows: Rows, name: str = "朝阳市") -> str:
    return next(i for i, n in rows.name.items() if n == name)


# -- the figures, computed again ----------------------------------------------------------------------


def expected_projects(rows: Rows, places: set[str]) -> list[int]:
    mine = [p for p in rows.projects if p[1] in places and p[2] == YEAR]
    by_category = [sum(p[3] == c for p in mine) for c in "1234"]
    by_stage = [sum(p[4] not in tuple("12345") for p in mine)] + [
        sum(p[4] == s for p in mine) for s in "12345"
    ]
    year_projects = {p[0] for p in rows.projects if p[2] == YEAR}
    home = {h[0]: h[1] for h in rows.households}
    helped = {b[1] for b in rows.beneficiaries if b[0] in year_projects and home.get(b[1]) in places}
    return [len(mine), *by_category, *by_stage, len(helped)]


def net(survey: Any) -> int:
    return survey[2] + survey[3] + survey[4] + survey[5] - survey[6]


def half_up(value: float) -> int:
    return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def expected_income(rows: Rows, places: set[str]) -> list[Any]:
    """户均增收 from each household's baseline-year survey to its newest up to the year (the one changed
    last when a household has two of one year), as services/figures.py defines it."""
    homes = [h[0] for h in rows.households if h[1] in places]
    people = sum(1 for m in rows.members if m[0] in set(homes))
    picked: dict[tuple[str, int], Any] = {}
    for s in sorted(rows.surveys, key=lambda s: (s[8], s[9])):
        picked[(s[0], s[1])] = s  # the last changed wins
    baseline = min(s[1] for s in rows.surveys)
    surveyed = [h for h in homes if (h, YEAR) in picked]
    size = sum(picked[(h, YEAR)][7] for h in surveyed)
    income_now = sum(net(picked[(h, YEAR)]) for h in surveyed)
    pairs = []
    for h in homes:
        later = [y for (hh, y) in picked if hh == h and baseline < y <= YEAR]
        if (h, baseline) in picked and later:
            pairs.append((net(picked[(h, baseline)]), net(picked[(h, max(later))])))
    base = sum(b for b, _ in pairs)
    newest = sum(n for _, n in pairs)
    average = half_up((newest - base) / len(pairs)) if pairs else None
    return [
        len(homes),
        people,
        len(surveyed),
        round(income_now / size) if size else None,
        len(pairs),
        round(base / len(pairs)) if pairs else None,
        round(newest / len(pairs)) if pairs else None,
        average,
        1000,
        pytest.approx(average / 1000) if average is not None else None,
        sum(n - b >= 1000 for b, n in pairs),
    ]


def expected_training(rows: Rows, places: set[str]) -> list[Any]:
    mine = [t for t in rows.trainings if t[1] in places and str(t[2]).startswith(str(YEAR))]
    listed = {t[0]: 0 for t in mine}
    for a in rows.attendees:
        if a[0] in listed:
            listed[a[0]] += 1
    year_sessions = {t[0] for t in rows.trainings if str(t[2]).startswith(str(YEAR))}
    home = {h[0]: h[1] for h in rows.households}
    households = {a[1] for a in rows.attendees if a[0] in year_sessions and home.get(a[1]) in places}
    extra = sum(t[5] for t in mine)
    return [
        len(mine),
        sum(t[4] is not None for t in mine),
        pytest.approx(sum(t[3] for t in mine)),
        sum(listed.values()) + extra,
        sum(listed.values()),
        extra,
        len(households),
    ]


def expected_funds(rows: Rows, places: set[str]) -> list[Any]:
    mine = [p for p in rows.projects if p[1] in places and p[2] == YEAR]
    sources = [sum(p[i] for p in mine) for i in (5, 6, 7, 8)]
    planned = sum(sources)
    accepted = [p for p in mine if p[4] == "5"]
    accepted_funds = sum(sum(p[5:9]) for p in accepted)
    wan = [pytest.approx(v / 10000) for v in (planned, *sources)]
    rate = pytest.approx(accepted_funds / planned) if planned else None
    return [len(mine), *wan, len(accepted), pytest.approx(accepted_funds / 10000), rate]


EXPECTED = {
    "项目统计表": expected_projects,
    "农户增收情况表": expected_income,
    "培训情况表": expected_training,
    "资金使用情况表": expected_funds,
}


# -- the tests -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", list(EXPECTED))
def test_every_figure_matches_the_rows(city: tuple[Station, Path], workbook: Path, sheet: str) -> None:
    rows = read_rows(city[1])
    root = root_id(rows)
    found = sheet_rows(load_workbook(workbook)[sheet])
    assert () in found and len(found) > 7  # 合计 and at least the seven counties
    for path, values in found.items():
        assert values[2:] == EXPECTED[sheet](rows, covered(rows, path, root)), (sheet, path)


def test_the_tables_hold_real_figures(city: tuple[Station, Path], workbook: Path) -> None:
    """The demo gives every table something to count (else the comparisons above prove little)."""
    book = load_workbook(workbook)
    totals = {name: sheet_rows(book[name])[()] for name in SHEETS}
    assert totals["项目统计表"][2] > 0 and totals["项目统计表"][-1] > 0
    assert totals["农户增收情况表"][2] == 1500 and totals["农户增收情况表"][6] > 1000
    assert totals["培训情况表"][2] > 0 and totals["培训情况表"][-1] > 0
    assert totals["资金使用情况表"][3] > 0
    assert totals["绩效考核进度表"][7] > 0  # 得分


def test_every_row_is_the_sum_of_the_rows_under_it(workbook: Path) -> None:
    ws = load_workbook(workbook)["资金使用情况表"]
    found = sheet_rows(ws)
    firsts = [values for path, values in found.items() if len(path) == 1]
    assert found[()][2] == sum(v[2] for v in firsts)
    for path, values in found.items():
        children = [v for p, v in found.items() if len(p) == len(path) + 1 and p[: len(path)] == path]
        if path and children:
            assert values[2] == sum(v[2] for v in children), path


def test_assessment_scores_each_indicator(city: tuple[Station, Path], workbook: Path) -> None:
    rows = read_rows(city[1])
    ws = load_workbook(workbook)["绩效考核进度表"]
    latest: dict[str, Any] = {}
    for p in sorted(rows.progress, key=lambda p: (str(p[1]), p[2], p[3])):
        latest[p[0]] = p[4]
    mine = [i for i in rows.indicators if i[2] == YEAR]
    grid = city[0].assessment.grid(YEAR, today=dt.date(2026, 12, 3))
    scores = {i.id: i for county_row in grid.counties for i in county_row.indicators}
    methods: set[str] = set()
    seen, county = 0, None
    for number in range(FIRST_DATA, ws.max_row + 1):
        name, code = ws.cell(number, 1).value, ws.cell(number, 2).value
        if rows.level.get(next((i for i, n in rows.name.items() if n == name), ""), "") == "county":
            county = root_id(rows, str(name))
            continue
        indicator = next((i for i in mine if (i[1], i[4], i[3]) == (county, name, code)), None)
        if indicator is None:
            continue
        seen += 1
        target, max_score = indicator[5], indicator[6]
        scored = scores[indicator[0]]
        done = scored.latest_value
        if not scored.figure:  # entered by hand: the latest entry, read here from the rows
            assert done == latest.get(indicator[0])
        assert ws.cell(number, 4).value == target and ws.cell(number, 5).value == done
        if done is not None:
            assert ws.cell(number, 6).value == pytest.approx(done / target)
        assert ws.cell(number, 7).value == max_score
        # the 考核 page's points (services/assessment.py, its methods tested on hand-made cases)
        assert ws.cell(number, 8).value == pytest.approx(scored.score.points, abs=0.005)
        methods.add(scored.method)
    assert seen == len(mine) > 0
    assert len(methods) >= 3  # the demo's plan scores by several methods
    total = next(r for r in range(FIRST_DATA, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    assert ws.cell(total, 7).value == pytest.approx(sum(i[6] for i in mine))


def test_layout_as_offices_print_it(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book.sheetnames == list(SHEETS)
    for number, name in enumerate(SHEETS, start=1):
        ws = book[name]
        last = ws.max_column
        letter = ws.cell(1, last).column_letter
        assert ws["A1"].value == f"附件{number}"
        assert ws["A2"].value == f"朝阳市{YEAR}年惠民工程{name}"
        merged = {str(r) for r in ws.merged_cells.ranges}
        assert f"A2:{letter}2" in merged
        assert str(ws["A3"].value).startswith("填报单位：朝阳市民委")
        unit_cell = next(c for c in ws[3] if isinstance(c.value, str) and c.value.startswith("单位："))
        assert unit_cell.value.startswith("单位：")
        assert f"A{HEADER_FIRST}:A{HEADER_FIRST + 1}" in merged  # 单位名称 over both header rows
        numbers = [ws.cell(HEADER_FIRST + 2, c).value for c in range(1, last + 1)]
        letters = 3 if name == "绩效考核进度表" else 2  # 计量单位 is text too: 丙
        assert numbers == [*"甲乙丙"[:letters], *[str(n) for n in range(1, last - letters + 1)]]
        assert ws.cell(FIRST_DATA, 1).value == "合计" and ws.cell(FIRST_DATA, 1).font.b
        footer = [c.value for row in ws.iter_rows(min_row=ws.max_row - 1) for c in row if c.value]
        assert footer == ["单位负责人：", "统计负责人：", "填表人：", "联系电话：", "报送日期：2026年12月3日"]
        assert ws.page_setup.orientation == "landscape"
        assert int(ws.page_setup.paperSize) == 9  # A4
        assert ws.page_setup.fitToWidth == 1 and ws.page_setup.fitToHeight == 0
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == f"${HEADER_FIRST}:${HEADER_FIRST + 2}"


def test_grouped_headers_are_merged_across_their_columns(workbook: Path) -> None:
    ws = load_workbook(workbook)["项目统计表"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert f"C{HEADER_FIRST}:G{HEADER_FIRST}" in merged  # 项目个数（个） over 合计 … 农业实用科技培训
    assert ws.cell(HEADER_FIRST, 3).value == "项目个数（个）"
    assert [ws.cell(HEADER_FIRST + 1, c).value for c in range(3, 8)] == [
        "合计",
        "生产发展",
        "惠及民生",
        "基层政权建设",
        "农业实用科技培训",
    ]
    assert f"N{HEADER_FIRST}:N{HEADER_FIRST + 1}" in merged  # 受益农户 over both rows


def test_number_formats(workbook: Path) -> None:
    book = load_workbook(workbook)
    funds = book["资金使用情况表"]
    assert funds.cell(FIRST_DATA, 3).number_format == NUMBER_FORMATS["count"]
    assert funds.cell(FIRST_DATA, 4).number_format == "#,##0.00"  # 万元
    assert funds.cell(FIRST_DATA, 11).number_format == "0.0%"
    income = book["农户增收情况表"]
    assert income.cell(FIRST_DATA, 6).number_format == "#,##0"  # 元
    assert income.cell(FIRST_DATA, 2).number_format == "@"  # codes stay text


def test_a_county_report_holds_only_that_county(city: tuple[Station, Path], tmp_path: Path) -> None:
    station, folder = city
    rows = read_rows(folder)
    scope = station.reports.resolve_scope(county="朝阳县")
    out = tmp_path / "county.xlsx"
    station.reports.export(out, YEAR, scope)
    county = root_id(rows, "朝阳县")
    inside = rows.subtree(county)
    book = load_workbook(out)
    for name, expected in EXPECTED.items():
        ws = book[name]
        assert ws["A2"].value == f"朝阳县{YEAR}年惠民工程{name}"
        found = sheet_rows(ws)
        for path, values in found.items():
            division, _ = division_of(rows, path, county)
            assert division in inside
            assert values[2:] == expected(rows, covered(rows, path, county)), (name, path)
        assert found[()][2:] == expected(rows, inside)
    assessment = [c.value for c in book["绩效考核进度表"]["A"]]
    assert "朝阳县" in assessment
    others = {rows.name[i] for i, level in rows.level.items() if level == "county" and i != county}
    assert not others & set(assessment)


def test_scope_by_code_and_refusals(city: tuple[Station, Path]) -> None:
    station, _ = city
    assert station.reports.resolve_scope(county="211321").name == "朝阳县"
    with pytest.raises(ServiceError, match="没有县"):
        station.reports.resolve_scope(county="不存在县")
    with pytest.raises(ServiceError, match="2000 到 2100"):
        station.reports.build(1999)


def test_entry_clerks_may_not_print_reports(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    station = new_station(folder, level="township", name="马友营蒙古族乡", division_code="211381204000")
    station.users.create("clerk", "录入员", "entry", password="clerk-password-1")
    station.users.create("chief", "审核员", "reviewer", password="chief-password-1")
    station.close()
    with (
        open_station(folder, user="clerk", password="clerk-password-1") as clerk,
        pytest.raises(PermissionDeniedError),
    ):
        clerk.reports.export(tmp_path / "no.xlsx", YEAR)
    assert not (tmp_path / "no.xlsx").exists()
    with open_station(folder, user="chief", password="chief-password-1") as chief:
        chief.reports.export(tmp_path / "yes.xlsx", YEAR)
    assert load_workbook(tmp_path / "yes.xlsx").sheetnames == list(SHEETS)


def test_two_surveys_of_a_year_and_a_deleted_household(tmp_path: Path) -> None:
    """What a merge can leave: two live surveys of one household and year (the one changed last
    counts), and a tombstoned household (counted nowhere)."""
    folder = tmp_path / "city"
    station = new_station(folder, level="city", name="朝阳市民委", division_code="211300")
    station.generate_demo(300, seed=11)
    db = connect_db(folder / "huimin.db")
    try:
        columns = [c[1] for c in db.execute("PRAGMA table_info(survey)")]
        twice = db.execute("SELECT household_id FROM survey WHERE year = ? LIMIT 1", (YEAR,)).fetchone()[0]
        copied = ", ".join(
            {"id": "'copy-of-a-survey'", "stamp": "'zzzz'", "income_wage": "income_wage + 50000"}.get(c, c)
            for c in columns
        )
        db.execute(
            f"INSERT INTO survey ({', '.join(columns)}) SELECT {copied} FROM survey"
            " WHERE household_id = ? AND year = ?",
            (twice, YEAR),
        )
        gone = db.execute("SELECT id FROM household WHERE id != ? LIMIT 1", (twice,)).fetchone()[0]
        db.execute("UPDATE household SET deleted = 1 WHERE id = ?", (gone,))
        db.commit()
    finally:
        db.close()
    out = tmp_path / "r.xlsx"
    station.reports.export(out, YEAR)
    station.close()
    rows = read_rows(folder)
    assert sum(1 for s in rows.surveys if s[0] == twice and s[1] == YEAR) == 2
    found = sheet_rows(load_workbook(out)["农户增收情况表"])
    assert found[()][2] == 299
    root = root_id(rows)
    for path, values in found.items():
        assert values[2:] == expected_income(rows, covered(rows, path, root)), path
