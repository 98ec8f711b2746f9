"""Exporting the station's households as a roster, and the round trip back into an empty station."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from huimin_desktop.demo import generate_demo
from huimin_desktop.model import Division, Household, Survey
from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.stations import new_station

MEMBER_FIELDS = (
    "name", "id_number", "sex", "birth_date", "ethnicity", "relationship", "education", "health", "labour",
    "school_status", "work_away_months", "phone",
)  # fmt: skip
SURVEY_FIELDS = (
    "year", "household_size", "income_wage", "income_business", "income_property", "income_transfer",
    "expense_business", "hardship_causes", "surveyor", "needs", "survey_date",
)  # fmt: skip


def snapshot(station: Station, year: int) -> dict[str, object]:
    """Everything the roster carries, per household, keyed by the head's ID number."""
    with station.db.reader() as session:
        names = {d.id: d.name for d in session.scalars(select(Division))}
        found: dict[str, object] = {}
        for household in session.scalars(select(Household).where(Household.deleted.is_(False))):
            survey = session.scalars(
                select(Survey).where(Survey.household_id == household.id, Survey.year == year)
            ).first()
            members = sorted(
                tuple(getattr(m, f) for f in MEMBER_FIELDS) for m in household.members if not m.deleted
            )
            found[household.head_id_number] = (
                names[household.division_id],
                household.household_no,
                household.address,
                household.notes,
                household.head_name,
                household.ethnicity,
                household.member_count,
                household.latest_net_income if household.latest_year == year else None,
                tuple(members),
                tuple(getattr(survey, f) for f in SURVEY_FIELDS) if survey else None,
            )
        return found


def test_round_trip_gives_identical_households(station: Station, tmp_path: Path) -> None:
    generate_demo(station, 60, seed=7)
    out = tmp_path / "roster.xlsx"
    summary = station.rosters.export(out, reason="测试往返")
    assert summary.households == 60
    with new_station(
        tmp_path / "empty", level="township", name="马友营蒙古族乡", division_code=TOWNSHIP_CODE
    ) as empty:
        outcome = empty.rosters.import_file(out)
        assert outcome.rejected == ()
        assert outcome.added == 60 and outcome.year == summary.year
        assert snapshot(empty, summary.year) == snapshot(station, summary.year)
        again = empty.rosters.import_file(out)
        assert (again.added, again.updated, again.unchanged) == (0, 0, 60)


def test_export_layout_is_what_offices_print(station: Station, tmp_path: Path) -> None:
    generate_demo(station, 5, seed=3)
    out = tmp_path / "roster.xlsx"
    summary = station.rosters.export(out, reason="测试往返")
    sheet = load_workbook(out).active
    assert sheet["A1"].value.startswith("马友营蒙古族乡") and f"{summary.year}年度" in sheet["A1"].value
    assert sheet["A2"].value.startswith("填报单位：马友营蒙古族乡")
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A3:A4" in merged and any(r.endswith("3") and ":" in r and r[0] != "A" for r in merged)
    header = [c.value for c in sheet[3]]
    lower = [c.value for c in sheet[4]]
    assert "家庭收入情况（元）" in header and "工资性收入" in lower and "身份证号" in header
    id_column = header.index("身份证号") + 1
    data = [row for row in sheet.iter_rows(min_row=5) if isinstance(row[0].value, int)]
    assert len(data) == summary.members
    for row in data:
        cell = row[id_column - 1]
        assert isinstance(cell.value, str) and len(cell.value) == 18 and cell.number_format == "@"
    total_row = data[-1][0].row + 1
    assert sheet.cell(total_row, 1).value == "合计"
    wage_column = lower.index("工资性收入") + 1
    assert sheet.cell(total_row, wage_column).value == sum(r[wage_column - 1].value or 0 for r in data)
    assert sheet.cell(total_row + 2, 1).value.startswith("填表人")
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.print_title_rows == "$3:$4"
