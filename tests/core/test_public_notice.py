"""公示 (services/public_notice.py): the cells of the workbook, its print setup, and that no ID number,
phone, health or bank data appears anywhere in its bytes; ``public-notice`` on the command line."""

from __future__ import annotations

import json
import zipfile
from collections import Counter
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from huimin_desktop.demo import generate_demo
from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.model import Household, Member, Project, ProjectBeneficiary
from huimin_desktop.services.station import Station
from huimin_desktop.spreadsheet.public_notice import NOTICE_COLUMNS
from tests.core.test_cli import run
from tests.stations import new_station

FORBIDDEN_HEADERS = ("身份证", "电话", "手机", "健康", "残疾", "疾病", "银行", "账号", "卡号", "收入")


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("notice") / "city"
    with new_station(folder, level="city", name="朝阳市民委", division_code="211300") as station:
        generate_demo(station, 120, seed=13)
    return folder


@pytest.fixture
def station(city: Path) -> Station:
    from tests.stations import open_station

    opened = open_station(city)
    yield opened
    opened.close()


def _year_with_most_beneficiaries(station: Station) -> int:
    with station.db.reader() as session:
        return session.execute(
            select(Project.year, func.count())
            .join(ProjectBeneficiary, ProjectBeneficiary.project_id == Project.id)
            .where(Project.deleted.is_(False), ProjectBeneficiary.deleted.is_(False))
            .group_by(Project.year)
            .order_by(func.count().desc())
        ).first()[0]


def _workbook_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return "".join(book.read(name).decode("utf-8") for name in book.namelist())


def _personal_values(station: Station) -> set[str]:
    """Every ID number and phone in the station, in full: none may reach a notice."""
    with station.db.reader() as session:
        values = set(session.scalars(select(Member.id_number)))
        values |= set(session.scalars(select(Member.phone)))
        values |= set(session.scalars(select(Household.phone)))
        values |= set(session.scalars(select(Household.head_id_number)))
    values.discard("")
    assert len(values) > 100
    return values


def test_the_notice_lists_each_beneficiary_once_per_project(station: Station, tmp_path: Path) -> None:
    year = _year_with_most_beneficiaries(station)
    notice = station.public_notice.build(year)
    with station.db.reader() as session:
        expected = session.execute(
            select(
                Household.head_name,
                Project.name,
                Project.fund_provincial + Project.fund_local + Project.fund_integrated,
            )
            .join(ProjectBeneficiary, ProjectBeneficiary.household_id == Household.id)
            .join(Project, Project.id == ProjectBeneficiary.project_id)
            .where(Project.year == year, Project.deleted.is_(False), ProjectBeneficiary.deleted.is_(False))
            .where(Household.deleted.is_(False))
            .distinct()
        ).all()
    assert Counter((line.name, line.project) for line in notice.lines) == Counter(
        (n, p) for n, p, _ in expected
    )
    funds = {project: total for _name, project, total in expected}
    for project, total in funds.items():  # the shares add up to the project's public funds exactly
        shares = [line.amount for line in notice.lines if line.project == project]
        assert sum(shares) == total and max(shares) - min(shares) <= 1
    assert notice.total == sum(funds.values())


def test_the_workbook_cells_and_print_setup(station: Station, tmp_path: Path) -> None:
    year = _year_with_most_beneficiaries(station)
    out = tmp_path / "公示.xlsx"
    summary = station.public_notice.export(out, year)
    notice = station.public_notice.build(year)
    sheet = load_workbook(out).active
    assert sheet.title == "公示名单"
    assert sheet["A1"].value == f"朝阳市{year}年度惠民工程受益农户公示"
    assert "公示期" in sheet["A2"].value
    assert [c.value for c in sheet[3]] == [header for header, _ in NOTICE_COLUMNS]
    first = notice.lines[0]
    assert [c.value for c in sheet[4]] == [
        1,
        first.township,
        first.village,
        first.name,
        first.project,
        first.amount,
    ]
    total_row = 4 + len(notice.lines)
    assert sheet.cell(total_row, 1).value == "合计" and sheet.cell(total_row, 6).value == summary.total
    assert sheet.cell(total_row - 1, 1).value == len(notice.lines) == summary.lines
    assert sheet.cell(total_row + 2, 1).value.startswith("公示单位（盖章）：朝阳市民委")
    assert int(sheet.page_setup.paperSize) == 9 and sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$3:$3"
    assert "A1:F1" in {str(r) for r in sheet.merged_cells.ranges}


def test_nothing_personal_anywhere_in_the_workbook(station: Station, tmp_path: Path) -> None:
    out = tmp_path / "公示.xlsx"
    station.public_notice.export(out, _year_with_most_beneficiaries(station))
    text = _workbook_text(out)
    raw = out.read_bytes()
    leaked = [value for value in _personal_values(station) if value in text or value.encode() in raw]
    assert leaked == []
    for word in FORBIDDEN_HEADERS:
        assert word not in text, word
    health = [name for name in code_lists().health.names() if name != "健康"]  # 残疾, 长期慢性病 …
    assert health and not [name for name in health if name in text]
    headers = [c.value for c in load_workbook(out).active[3]]
    assert not [h for h in headers if any(word in h for word in FORBIDDEN_HEADERS)]


def test_a_township_notice_holds_its_own_households_only(station: Station, tmp_path: Path) -> None:
    year = _year_with_most_beneficiaries(station)
    whole = station.public_notice.build(year)
    township = Counter(line.township for line in whole.lines).most_common(1)[0][0]
    scope = station.reports.resolve_scope(township=township)
    part = station.public_notice.build(year, scope)
    assert part.lines and {line.township for line in part.lines} == {township}
    assert set(part.lines) == {line for line in whole.lines if line.township == township}
    assert part.sheet.title.startswith(township)


def test_public_notice_command(city: Path, tmp_path: Path) -> None:
    from tests.stations import open_station

    with open_station(city) as station:
        year = _year_with_most_beneficiaries(station)
        personal = _personal_values(station)
        county = station.reports.scopes()[1]
    out = tmp_path / "notice.xlsx"
    done = run("public-notice", "--year", str(year), "--out", str(out), "--json", "--data", str(city))
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["path"] == str(out) and payload["year"] == year and payload["lines"] > 0
    assert not [value for value in personal if value in _workbook_text(out)]
    by_county = run(
        "public-notice",
        "--year",
        str(year),
        "--county",
        county.name,
        "--out",
        str(tmp_path / "c.xlsx"),
        "--data",
        str(city),
    )
    assert by_county.returncode == 0 and county.name in by_county.stdout
    for refused in (
        ("--year", str(year), "--out", str(tmp_path / "x.txt")),
        ("--year", str(year), "--out", str(tmp_path / "missing" / "x.xlsx")),
        ("--year", str(year), "--township", "没有这个乡", "--out", str(tmp_path / "t.xlsx")),
    ):
        failed = run("public-notice", *refused, "--data", str(city))
        assert failed.returncode == 1 and len(failed.stderr.strip().splitlines()) == 1, failed.stderr
    assert not (tmp_path / "t.xlsx").exists() and not (tmp_path / "x.txt").exists()
    usage = run("public-notice", "--year", str(year), "--county", "a", "--township", "b", "--out", "x.xlsx")
    assert usage.returncode == 2
