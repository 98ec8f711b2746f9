"""Importing rosters as offices send them: every rule checked on what ends up in the database."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import func, select

from huimin_desktop.errors import ServiceError
from huimin_desktop.model import AuditEntry, Division, Household, Member, Survey
from huimin_desktop.progress import Cancelled, TaskState
from huimin_desktop.services.station import Station
from tests.core.test_roster_fixtures import (
    make_id,
    sample_rows,
    write_office_csv,
    write_office_xls,
    write_office_xlsx,
    write_table_xlsx,
)
from tests.stations import new_station

HEADER = ["序号", "村", "姓名", "性别", "民族", "身份证号", "出生日期", "人口数", "工资性收入", "转移性收入"]


def households(station: Station) -> dict[str, dict[str, object]]:
    """Every live household by head ID number: village, head facts, member count and the survey."""
    found: dict[str, dict[str, object]] = {}
    with station.db.reader() as session:
        villages = {d.id: d.name for d in session.scalars(select(Division))}
        for household in session.scalars(select(Household).where(Household.deleted.is_(False))):
            survey = session.scalars(select(Survey).where(Survey.household_id == household.id)).first()
            head = next(m for m in household.members if m.id_number == household.head_id_number)
            found[household.head_id_number] = {
                "village": villages[household.division_id],
                "name": head.name,
                "sex": head.sex,
                "ethnicity": head.ethnicity,
                "relationship": head.relationship,
                "members": household.member_count,
                "phone": household.phone,
                "size": survey.household_size if survey else None,
                "income": (
                    (
                        survey.income_wage,
                        survey.income_business,
                        survey.income_property,
                        survey.income_transfer,
                    )
                    if survey
                    else None
                ),
                "year": survey.year if survey else None,
            }
    return found


def counts(station: Station) -> tuple[int, int, int, int, int]:
    with station.db.reader() as session:
        return tuple(
            session.scalar(select(func.count()).select_from(model))
            for model in (Household, Member, Survey, Division, AuditEntry)
        )  # type: ignore[return-value]


def _assert_sample_imported(station: Station) -> None:
    found = households(station)
    assert len(found) == 4
    bao = found[make_id("19650302", 11)]
    assert bao == {
        "village": "三家子村",
        "name": "宝音",
        "sex": "1",
        "ethnicity": "02",
        "relationship": "02",
        "members": 1,
        "phone": "13904211234",
        "size": 4,
        "income": (3500, 4200, 0, 1200),  # "3,500", "4200元", "0", "１２００"
        "year": 2025,
    }
    wang = found[make_id("19780915", 22)]  # typed with a lowercase x
    assert wang["name"] == "王芳" and wang["ethnicity"] == "01" and wang["income"] == (8000, 2500, 0, 600)
    bai = found[make_id("19590101", 42)]
    assert bai["ethnicity"] == "02" and bai["village"] == "东营子" and bai["phone"] == "04213456789"
    wu = found["211381197005123111"]  # 15-digit 211381700512311 upgraded
    assert wu["ethnicity"] == "02" and wu["village"] == "东营子"  # 东营子村 and 东营子 are one village


@pytest.mark.parametrize(
    "writer", [write_office_xlsx, write_office_xls, write_office_csv], ids=["xlsx", "xls", "csv"]
)
def test_office_roster_imports(station: Station, tmp_path: Path, writer) -> None:
    suffix = {"write_office_xlsx": ".xlsx", "write_office_xls": ".xls", "write_office_csv": ".csv"}[
        writer.__name__
    ]
    path = writer(tmp_path / f"roster{suffix}", sample_rows())
    outcome = station.rosters.import_file(path)
    assert (outcome.added, outcome.updated, outcome.unchanged, outcome.rejected) == (4, 0, 0, ())
    assert sorted(outcome.villages_created) == ["三家子村", "东营子"]
    _assert_sample_imported(station)
    with station.db.reader() as session:
        township = session.scalars(select(Division).where(Division.code == "211381204000")).one()
        created = session.scalars(select(Division).where(Division.level == "village")).all()
        assert {d.name for d in created} == {"三家子村", "东营子"}
        assert {d.parent_id for d in created} == {township.id}
    notes = {(n.row, n.reason) for n in outcome.warnings}
    first_data_row = 6 if suffix != ".csv" else 5
    assert (first_data_row, "村“三家子村”不在区划中，已在“马友营蒙古族乡”下新建") in notes
    assert any("15 位旧身份证号" in n.reason for n in outcome.warnings)


def test_utf8_csv_imports(station: Station, tmp_path: Path) -> None:
    path = write_office_csv(tmp_path / "roster.csv", sample_rows(), encoding="utf-8-sig")
    assert station.rosters.import_file(path).added == 4
    _assert_sample_imported(station)


def test_importing_the_same_file_again_adds_nothing(station: Station, tmp_path: Path) -> None:
    path = write_office_xlsx(tmp_path / "roster.xlsx", sample_rows())
    station.rosters.import_file(path)
    before = counts(station)
    again = station.rosters.import_file(path)
    assert (again.added, again.updated, again.unchanged, again.villages_created) == (0, 0, 4, ())
    assert counts(station) == before

    rows = sample_rows()
    rows[1][7] = "9,000"  # 王芳's wage changes
    changed = station.rosters.import_file(write_office_xlsx(tmp_path / "changed.xlsx", rows))
    assert (changed.added, changed.updated, changed.unchanged) == (0, 1, 3)
    assert households(station)[make_id("19780915", 22)]["income"] == (9000, 2500, 0, 600)
    assert counts(station)[:4] == before[:4]
    with station.db.reader() as session:
        survey = session.scalars(
            select(Survey).join(Household).where(Household.head_id_number == make_id("19780915", 22))
        ).one()
        assert set(survey.field_stamps or {}) == {"income_wage"}  # change capture stamped just that field


def test_refused_rows_say_row_and_reason_and_are_not_written(station: Station, tmp_path: Path) -> None:
    good = make_id("19800101", 11)
    future = "211381" + "20991231" + "123"
    rows = [
        [1, "三家子", "张三", "男", "汉族", good, "1980年1月1日", 3, 1000, 0],  # row 3: fine
        [2, "三家子", "李四", "男", "汉族", None, None, 2, 0, 0],  # missing ID
        [
            3,
            "三家子",
            "赵五",
            "男",
            "汉族",
            good[:17] + ("0" if good[17] != "0" else "1"),
            None,
            2,
            0,
            0,
        ],  # check
        [4, "三家子", "钱六", "男", "汉族", 211381198001011234, None, 2, 0, 0],  # ID stored as a number
        [5, "三家子", "孙七", "男", "汉族", future + "0", None, 2, 0, 0],  # future birth in the ID
        [6, "三家子", "周八", "男", "火星族", make_id("19700101", 31), None, 2, 0, 0],  # unknown ethnicity
        [7, "三家子", "吴九", "男", "汉族", make_id("19700101", 51), None, 2, "-300", 0],  # negative income
        [
            8,
            "三家子",
            "郑十",
            "男",
            "汉族",
            make_id("19700101", 71),
            "1970年2月30日",
            2,
            0,
            0,
        ],  # no such date
        [9, "三家子", "冯一", "女", "汉族", make_id("19900101", 12), None, 2, 0, 0],  # duplicate …
        [10, "三家子", "陈二", "女", "汉族", make_id("19900101", 12), None, 2, 0, 0],  # … of row 11
        [
            11,
            "三家子",
            "褚三",
            "女",
            "汉族",
            make_id("19910101", 22),
            "2200-01-01",
            2,
            0,
            0,
        ],  # future birth date
    ]
    path = write_table_xlsx(tmp_path / "bad.xlsx", HEADER, rows)
    outcome = station.rosters.import_file(path)
    assert outcome.added == 1
    reasons = {n.row: n.reason for n in outcome.rejected}
    assert sorted(reasons) == list(range(4, 14))
    assert reasons[4] == "缺少身份证号"
    assert "校验位" in reasons[5]
    assert "Excel" in reasons[6] and "丢失" in reasons[6]
    assert "晚于今天" in reasons[7]
    assert reasons[8] == "民族“火星族”无法识别"
    assert "不能为负数" in reasons[9] and "工资性收入" in reasons[9]
    assert "不存在" in reasons[10]
    assert "重复" in reasons[11] and "12" in reasons[11] and "11" in reasons[12]
    assert "晚于今天" in reasons[13]
    assert list(households(station)) == [good]


def test_warnings_import_the_row(station: Station, tmp_path: Path) -> None:
    woman = make_id("19800101", 22)
    rows = [
        [1, "新村", "刘英", "男", "满", woman, None, 1, 150000, 0],  # sex disagrees; per capita above 10万
    ]
    outcome = station.rosters.import_file(write_table_xlsx(tmp_path / "w.xlsx", HEADER, rows))
    assert outcome.added == 1 and outcome.villages_created == ("新村",)
    reasons = [n.reason for n in outcome.warnings]
    assert all(n.row == 3 for n in outcome.warnings)
    assert any("与身份证号不一致" in r and "女" in r for r in reasons)
    assert any("年人均纯收入" in r for r in reasons)
    assert any("新村" in r and "新建" in r for r in reasons)
    stored = households(station)[woman]
    assert stored["sex"] == "2" and stored["ethnicity"] == "11"


def test_dry_run_and_preview_write_nothing(station: Station, tmp_path: Path) -> None:
    path = write_office_xlsx(tmp_path / "roster.xlsx", sample_rows())
    before = counts(station)
    preview = station.rosters.import_file(path, dry_run=True)
    assert (preview.added, len(preview.added_entries), preview.written) == (4, 4, False)
    assert [e.name for e in preview.added_entries] == ["宝音", "王芳", "白玉兰", "吴国军"]
    assert counts(station) == before
    assert not (station.data_dir / "roster_mappings.json").exists()


def test_cancel_leaves_the_database_untouched(station: Station, tmp_path: Path) -> None:
    path = write_office_xlsx(tmp_path / "roster.xlsx", sample_rows())
    before = counts(station)
    task = TaskState()
    task._on_progress = lambda done, total, message: task.cancel() if message == "提交" else None
    with pytest.raises(Cancelled):
        station.rosters.import_file(path, task=task)
    assert counts(station) == before
    assert station.rosters.import_file(path).added == 4  # the search index trigger is back, all usable
    assert station.households.count() == 4


def test_member_roster_grouped_by_relationship(station: Station, tmp_path: Path) -> None:
    header = ["序号", "村", "姓名", "与户主关系", "民族", "身份证号", "工资性收入"]
    head, wife, son = make_id("19700101", 11), make_id("19720202", 22), make_id("19950303", 31)
    other = make_id("19600101", 51)
    rows = [
        [1, "三家子", "宝山", "户主", "蒙古族", head, 5000],
        [2, None, "乌云", "妻子", "蒙古族", wife, None],
        [3, None, "宝龙", "儿子", "蒙古族", son, None],
        [4, "三家子", "韩福", "户主", "汉族", other, 0],
    ]
    outcome = station.rosters.import_file(write_table_xlsx(tmp_path / "m.xlsx", header, rows))
    assert (outcome.added, outcome.rejected) == (2, ())
    with station.db.reader() as session:
        household = session.scalars(select(Household).where(Household.head_id_number == head)).one()
        members = sorted(((m.name, m.relationship) for m in household.members), key=lambda t: t[1])
        assert members == [("宝山", "02"), ("乌云", "12"), ("宝龙", "20")]
        assert household.member_count == 3


def test_member_roster_grouped_by_head_id_number_and_bad_member_refuses_household(
    station: Station, tmp_path: Path
) -> None:
    header = ["姓名", "与户主关系", "身份证号", "户主身份证号", "村"]
    head, wife = make_id("19700101", 11), make_id("19720202", 22)
    head2 = make_id("19650101", 31)
    rows = [
        ["乌云", "妻", wife, head, None],
        ["韩福", "户主", head2, head2, "东山"],
        ["宝山", "户主", head, head, "三家子"],
        ["韩小", "子", "12345", head2, None],  # bad ID: the whole 韩福 household goes back
    ]
    outcome = station.rosters.import_file(write_table_xlsx(tmp_path / "h.xlsx", header, rows))
    assert outcome.added == 1
    assert {n.row for n in outcome.rejected} == {4, 6}
    assert "同户第 6 行有错误" in next(n.reason for n in outcome.rejected if n.row == 4)
    with station.db.reader() as session:
        household = session.scalars(select(Household)).one()
        assert household.head_id_number == head and household.member_count == 2


def test_corrected_mapping_is_remembered_for_the_same_shape(station: Station, tmp_path: Path) -> None:
    header = ["序号", "村", "姓名", "身份证号", "种养殖收入"]  # no usual name for the business income
    rows = [[1, "三家子", "张三", make_id("19800101", 11), 3000]]
    path = write_table_xlsx(tmp_path / "a.xlsx", header, rows)
    table = station.rosters.read(path)
    assert "income_business" not in table.mapping
    mapping = {**table.mapping, "income_business": 4}
    station.rosters.import_table(table, mapping)
    assert households(station)[make_id("19800101", 11)]["income"] == (0, 3000, 0, 0)
    second = write_table_xlsx(
        tmp_path / "b.xlsx", header, [[1, "三家子", "李四", make_id("19810101", 31), 5]]
    )
    assert station.rosters.read(second).mapping == mapping


def test_mapping_without_id_column_is_refused(station: Station, tmp_path: Path) -> None:
    path = write_table_xlsx(
        tmp_path / "a.xlsx", HEADER, [[1, "三家子", "张三", "男", "汉", make_id("19800101", 11)]]
    )
    table = station.rosters.read(path)
    with pytest.raises(ServiceError, match="身份证号"):
        station.rosters.preview(table, {"name": 2})


def test_refused_rows_saved_for_the_village(station: Station, tmp_path: Path) -> None:
    rows = [
        [1, "三家子", "张三", "男", "汉族", make_id("19800101", 11), None, 3, 1000, 0],
        [2, "三家子", "钱六", "男", "汉族", 211381198001011234, None, 2, 0, 0],
        [3, "三家子", "周八", "男", "火星族", make_id("19700101", 31), None, 2, 0, 0],
    ]
    path = write_table_xlsx(tmp_path / "bad.xlsx", HEADER, rows)
    table = station.rosters.read(path)
    outcome = station.rosters.preview(table)
    out = station.rosters.save_rejected(table, outcome.rejected, tmp_path / "退回.xlsx", reason="退回修改")
    from openpyxl import load_workbook

    sheet = load_workbook(out).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[1][0] == "原行号" and values[1][-1] == "退回原因" and values[1][3] == "姓名"
    assert [v[0] for v in values[2:]] == [4, 5]
    assert values[2][3] == "钱六" and "Excel" in values[2][-1]
    assert values[3][5] == "火星族" and values[3][-1] == "民族“火星族”无法识别"
    assert sheet.cell(3, 7).number_format == "@"
    # Corrected and sent again, the file imports.
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    for row in values:
        ws.append(row)
    ws.cell(3, 7).value = make_id("19800101", 33)
    ws.cell(4, 6).value = "蒙古族"
    book.save(tmp_path / "fixed.xlsx")
    again = station.rosters.import_file(tmp_path / "fixed.xlsx")
    assert (again.added, again.rejected) == (2, ())


def test_dates_in_chinese_forms_and_excel_serials(station: Station, tmp_path: Path) -> None:
    from huimin_desktop.spreadsheet.cells import CellError, parse_date

    expected = dt.date(2025, 3, 5)
    for value in ("2025年3月5日", "2025.3.5", "2025/03/05", "2025-3-5", "20250305", 45721, "45721", 20250305):
        assert parse_date(value) == expected, value
    assert parse_date("2025年3月") == dt.date(2025, 3, 1)
    assert parse_date(dt.datetime(2025, 3, 5, 0, 0)) == expected
    with pytest.raises(CellError, match="不存在"):
        parse_date("2025年2月30日")
    header = ["姓名", "身份证号", "村", "调查日期", "工资性收入"]
    rows = [["张三", make_id("19800101", 11), "三家子", 45721, 100]]
    station.rosters.import_file(write_table_xlsx(tmp_path / "d.xlsx", header, rows))
    with station.db.reader() as session:
        assert session.scalars(select(Survey.survey_date)).one() == expected


def test_city_station_needs_a_township(tmp_path: Path) -> None:
    with new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300") as city:
        header = ["乡镇", "村", "姓名", "身份证号"]
        rows = [
            ["马友营蒙古族乡", "三家子", "张三", make_id("19800101", 11)],
            [
                None,
                "三家子",
                "李四",
                make_id("19810101", 31),
            ],  # only one 三家子 in the city by now … still new
            ["火星乡", "三家子", "王五", make_id("19820101", 51)],
        ]
        outcome = city.rosters.import_file(write_table_xlsx(tmp_path / "c.xlsx", header, rows))
        reasons = {n.row: n.reason for n in outcome.rejected}
        assert outcome.added == 1
        assert "乡镇" in reasons[4] and "火星乡" in reasons[5]


@pytest.mark.parametrize(
    ("writer", "suffix", "stored"),
    [
        (write_office_xlsx, ".xlsx", 211381198001011234),
        (write_office_xls, ".xls", 211381198001011234),
        (write_office_csv, ".csv", "2.11381E+17"),  # what Excel writes to a CSV for such a cell
    ],
    ids=["xlsx", "xls", "csv"],
)
def test_id_number_stored_as_number_is_refused_in_every_format(
    station: Station, tmp_path: Path, writer, suffix: str, stored: object
) -> None:
    rows = [*sample_rows(), ["三家子", "钱六", "男", "汉", stored, 2, None, "1,000"]]
    outcome = station.rosters.import_file(writer(tmp_path / f"roster{suffix}", rows))
    assert outcome.added == 4
    (refused,) = outcome.rejected
    assert refused.row == (10 if suffix != ".csv" else 9)
    assert "Excel" in refused.reason and "丢失" in refused.reason
    assert len(households(station)) == 4


def test_spaces_and_full_width_in_id_numbers_and_subtotal_rows(station: Station, tmp_path: Path) -> None:
    number = make_id("19800101", 11)
    spaced = f"{number[:6]} {number[6:14]}\u3000{number[14:]}"
    wide = "".join(chr(ord(c) + 0xFEE0) for c in make_id("19810101", 31))
    rows = [
        [1, "三家子", "张三", "男", "汉", spaced, None, "2 人", "1 200", None],
        ["小计", None, None, None, None, None, None, 2, 1200, None],
        [2, "三家子", "李四", "男", "汉", wide, None, "３", "８００元", None],
        ["总 计", None, None, None, None, None, None, 5, 2000, None],
    ]
    outcome = station.rosters.import_file(write_table_xlsx(tmp_path / "s.xlsx", HEADER, rows))
    assert (outcome.added, outcome.rejected) == (2, ())
    found = households(station)
    assert found[number]["income"] == (1200, 0, 0, 0) and found[number]["size"] == 2
    assert (
        found[make_id("19810101", 31)]["income"] == (800, 0, 0, 0)
        and found[make_id("19810101", 31)]["size"] == 3
    )


def test_refused_head_row_takes_only_its_own_household_back(station: Station, tmp_path: Path) -> None:
    header = ["村", "姓名", "与户主关系", "身份证号"]
    rows = [
        ["三家子", "宝山", "户主", make_id("19700101", 11)],
        [None, "乌云", "妻", make_id("19720202", 22)],
        ["三家子", "韩福", "户主", 211381196501010312],  # refused: stored as a number
        [None, "韩小", "子", make_id("19900101", 31)],
        ["三家子", "白玉", "户主", make_id("19600101", 42)],
    ]
    outcome = station.rosters.import_file(write_table_xlsx(tmp_path / "r.xlsx", header, rows))
    assert outcome.added == 2
    assert [n.row for n in outcome.rejected] == [5, 6]
    found = households(station)
    assert found[make_id("19700101", 11)]["members"] == 2
    assert found[make_id("19600101", 42)]["members"] == 1


def test_member_roster_with_head_name_column_takes_the_member_names(station: Station, tmp_path: Path) -> None:
    header = ["户主", "姓名", "与户主关系", "身份证号", "村"]
    head, son = make_id("19700101", 11), make_id("19950303", 31)
    rows = [["宝山", "宝山", "户主", f"'{head}", "三家子"], ["宝山", "宝龙", "子", son, None]]
    outcome = station.rosters.import_file(write_table_xlsx(tmp_path / "n.xlsx", header, rows))
    assert (outcome.added, outcome.rejected) == (1, ())
    with station.db.reader() as session:
        names = sorted(m.name for m in session.scalars(select(Member)))
    assert names == ["宝山", "宝龙"]


def test_streamed_roster_gives_what_a_cached_one_gives(
    station: Station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above CACHED_ROWS the rows are read again from the file for every pass, and households go in
    batches: the member roster grouped by 户主身份证号, out of order, still imports whole households."""
    from huimin_desktop.spreadsheet import roster_rows, table

    monkeypatch.setattr(table, "CACHED_ROWS", 2)
    monkeypatch.setattr(roster_rows, "BATCH_HOUSEHOLDS", 1)
    header = ["姓名", "与户主关系", "身份证号", "户主身份证号", "村"]
    head, wife = make_id("19700101", 11), make_id("19720202", 22)
    head2, son2 = make_id("19650101", 31), make_id("19900101", 51)
    rows = [
        ["乌云", "妻", wife, head, None],
        ["韩福", "户主", head2, head2, "东山"],
        ["宝山", "户主", head, head, "三家子"],
        ["韩小", "子", son2, head2, None],
        ["白玉", "户主", make_id("19600101", 42), None, "三家子"],
    ]
    path = write_table_xlsx(tmp_path / "h.xlsx", header, rows)
    read = station.rosters.read(path)
    assert read.rows.cached is None and len(read.rows) == 5  # type: ignore[union-attr]
    outcome = station.rosters.import_file(path)
    assert (outcome.added, outcome.rejected) == (3, ())
    with station.db.reader() as session:
        sizes = {h.head_id_number: h.member_count for h in session.scalars(select(Household))}
    assert sizes == {head: 2, head2: 2, make_id("19600101", 42): 1}
    again = station.rosters.import_file(path)
    assert (again.added, again.unchanged) == (0, 3)


def test_roster_over_the_row_limit_is_refused_before_anything_is_written(
    station: Station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huimin_desktop.spreadsheet import table

    monkeypatch.setattr(table, "MAX_ROWS", 3)
    path = write_office_xlsx(tmp_path / "roster.xlsx", sample_rows())
    before = counts(station)
    with pytest.raises(ServiceError, match=r"超过 3 行.*拆分"):
        station.rosters.import_file(path)
    assert counts(station) == before


def test_rows_without_a_household_are_refused_in_every_batch(
    station: Station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from huimin_desktop.spreadsheet import roster_rows

    monkeypatch.setattr(roster_rows, "BATCH_HOUSEHOLDS", 1)
    header = ["姓名", "与户主关系", "身份证号", "户主身份证号", "村"]
    lonely, head = make_id("19720202", 22), make_id("19700101", 11)
    rows = [
        ["宝山", "户主", head, head, "三家子"],
        ["乌云", "妻", lonely, make_id("19500101", 31), None],  # her head is in no row
        ["白玉", "户主", make_id("19600101", 42), None, "三家子"],
    ]
    outcome = station.rosters.import_file(write_table_xlsx(tmp_path / "o.xlsx", header, rows))
    assert outcome.added == 2
    assert [(n.row, "找不到户主" in n.reason) for n in outcome.rejected] == [(4, True)]
