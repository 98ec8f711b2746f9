"""Issue 13, privacy: ID numbers and phones masked for a role without SEE_PERSONAL_DATA, through the one
helper (domain/masking.py), and a full-data roster export needs a reason that the audit log keeps."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from sqlalchemy import select

from huimin_desktop.demo import generate_demo
from huimin_desktop.domain.masking import FULL, MASKED, Masking
from huimin_desktop.errors import PermissionDeniedError, ServiceError
from huimin_desktop.model import AuditEntry, Household, Member
from huimin_desktop.security import roles
from huimin_desktop.services.station import Station
from tests.stations import open_station

ROOT = Path(__file__).resolve().parents[2]
ENTRY_USER, ENTRY_PASSWORD = "wang.li", "wang-pass"
REVIEWER_USER, REVIEWER_PASSWORD = "zhao.min", "zhao-pass"


def test_masking_rule() -> None:
    assert MASKED.id_number("21138119820315003X") == "211381********003X"
    assert MASKED.phone("13912345678") == "139****5678"
    assert FULL.id_number("21138119820315003X") == "21138119820315003X"
    assert FULL.phone("13912345678") == "13912345678"
    assert MASKED.id_number(None) == MASKED.phone("") == ""
    assert MASKED.field("head_id_number", "211381198203150031") == "211381********0031"
    assert MASKED.field("name", "王丽") == "王丽"
    line = "第 3 行：211381198203150031 与 13912345678、0421-2345678 重复，金额 12000 元，包 HM2611290731A3F2"
    masked = MASKED.text(line)
    assert "211381198203150031" not in masked and "13912345678" not in masked and "2345678" not in masked
    assert "211381********0031" in masked and "139****5678" in masked and "12000" in masked
    assert "HM2611290731A3F2" in masked
    assert FULL.text(line) == line


def test_what_the_id_number_carries_is_masked_with_it() -> None:
    """The birth date (digits 7–14) keeps only its year; in free text its compact form loses month and day;
    a record's values are masked field by field, and their free text like any line."""
    import datetime as dt

    assert MASKED.birth_date(dt.date(1982, 3, 15)) == MASKED.birth_date("1982-03-15") == "1982-**-**"
    assert MASKED.field("birth_date", dt.date(1982, 3, 15)) == "1982-**-**"
    assert FULL.birth_date(dt.date(1982, 3, 15)) == "1982-03-15" and MASKED.birth_date(None) == ""
    assert MASKED.field("id_number", 211381198203150031) == "211381********0031"  # a number-typed cell
    assert MASKED.text("王丽 19820315 生，2026-12-03 修改") == "王丽 1982**** 生，2026-12-03 修改"
    warning = "出生日期 1972-02-02 与身份证号（1972年2月3日）不一致，已按身份证号"
    assert MASKED.text(warning) == "出生日期 1972-**-** 与身份证号（1972-**-**）不一致，已按身份证号"
    assert FULL.text(warning) == warning
    row = {
        "name": "王丽",
        "id_number": "211381198203150031",
        "birth_date": "1982-03-15",
        "position": 2,
        "notes": "电话 13912345678",
    }
    assert MASKED.values(row) == {
        "name": "王丽",
        "id_number": "211381********0031",
        "birth_date": "1982-**-**",
        "position": 2,
        "notes": "电话 139****5678",
    }
    assert FULL.values(row) == row


def test_masking_follows_the_role() -> None:
    assert roles.SEE_PERSONAL_DATA == "personal.full"  # the domain's copy of the permission's name
    assert Masking.for_actor(roles.Actor("a", roles.ENTRY)) is MASKED
    assert Masking.for_actor(roles.Actor("b", roles.REVIEWER)) is FULL
    assert Masking.for_actor(roles.SYSTEM) is FULL


@pytest.fixture
def people(station: Station) -> Station:
    generate_demo(station, 12, seed=5)
    station.users.create(ENTRY_USER, "王丽", "entry", password=ENTRY_PASSWORD)
    station.users.create(REVIEWER_USER, "赵敏", "reviewer", password=REVIEWER_PASSWORD)
    return station


def _personal(station: Station) -> tuple[set[str], set[str]]:
    with station.db.reader() as session:
        numbers = set(session.scalars(select(Member.id_number).where(Member.id_number != "")))
        phones = set(session.scalars(select(Member.phone).where(Member.phone != "")))
        phones |= set(session.scalars(select(Household.phone).where(Household.phone != "")))
    assert numbers and phones
    return numbers, phones


def _workbook_text(path: Path) -> str:
    """Every XML part of the .xlsx, decoded: what any program reading the file could find."""
    with zipfile.ZipFile(path) as book:
        return "".join(book.read(name).decode("utf-8") for name in book.namelist())


def _exports(station: Station) -> list[AuditEntry]:
    with station.db.reader() as session:
        entries = session.scalars(select(AuditEntry).where(AuditEntry.action == "export")).all()
        session.expunge_all()
        return list(entries)


def test_an_entry_users_roster_is_masked(people: Station, data_dir: Path, tmp_path: Path) -> None:
    numbers, phones = _personal(people)
    people.close()
    out = tmp_path / "roster.xlsx"
    with open_station(data_dir, user=ENTRY_USER, password=ENTRY_PASSWORD) as entry:
        assert entry.masking is MASKED
        summary = entry.rosters.export(out)
        assert not summary.full_personal_data
        with pytest.raises(PermissionDeniedError):
            entry.rosters.export(tmp_path / "full.xlsx", full=True, reason="核对")
        assert not (tmp_path / "full.xlsx").exists()
        (logged,) = _exports(entry)
    text = _workbook_text(out)
    assert not [n for n in numbers if n in text] and not [p for p in phones if p in text]
    sheet = load_workbook(out).active
    header = [c.value for c in sheet[3]]
    ids = [sheet.cell(r, header.index("身份证号") + 1).value for r in range(5, 5 + summary.members)]
    assert all(value and "********" in value for value in ids)
    assert {MASKED.id_number(n) for n in numbers} == set(ids)
    assert logged.user == ENTRY_USER and logged.details["full_personal_data"] is False


def test_a_full_roster_needs_a_reason_kept_with_the_user(
    people: Station, data_dir: Path, tmp_path: Path
) -> None:
    numbers, _phones = _personal(people)
    people.close()
    out = tmp_path / "roster.xlsx"
    with open_station(data_dir, user=REVIEWER_USER, password=REVIEWER_PASSWORD) as reviewer:
        assert reviewer.masking is FULL
        for blank in (None, "", "  "):
            with pytest.raises(ServiceError) as refused:
                reviewer.rosters.export(out, reason=blank)
            assert refused.value.code == "export.reason_required"
        assert not out.exists() and _exports(reviewer) == []
        summary = reviewer.rosters.export(out, reason="  县民委 年终 核对 ")
        (logged,) = _exports(reviewer)
        masked = reviewer.rosters.export(tmp_path / "masked.xlsx", full=False)
    assert summary.full_personal_data and not masked.full_personal_data
    assert all(n in _workbook_text(out) for n in numbers)
    assert not [n for n in numbers if n in _workbook_text(tmp_path / "masked.xlsx")]
    assert logged.user == REVIEWER_USER
    assert logged.details["reason"] == "县民委 年终 核对" and logged.details["full_personal_data"] is True
    assert "县民委 年终 核对" in logged.summary and "roster.xlsx" in logged.summary


def _cli(data: Path, *args: str, user: str, password: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUIMIN_USER": user, "HUIMIN_PASSWORD": password, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--data", str(data)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )


def test_export_roster_cli_asks_a_reason(people: Station, data_dir: Path, tmp_path: Path) -> None:
    numbers, _phones = _personal(people)
    people.close()
    out = tmp_path / "out.xlsx"
    refused = _cli(
        data_dir, "export-roster", "--out", str(out), user=REVIEWER_USER, password=REVIEWER_PASSWORD
    )
    assert refused.returncode == 1 and "--reason" in refused.stderr and not out.exists()
    assert len(refused.stderr.strip().splitlines()) == 1
    done = _cli(
        data_dir,
        *("export-roster", "--out", str(out), "--reason", "审计抽查", "--json"),
        user=REVIEWER_USER,
        password=REVIEWER_PASSWORD,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["full_personal_data"] is True
    assert all(n in _workbook_text(out) for n in numbers)
    masked = _cli(
        data_dir,
        *("export-roster", "--out", str(tmp_path / "m.xlsx"), "--masked"),
        user=REVIEWER_USER,
        password=REVIEWER_PASSWORD,
    )
    assert masked.returncode == 0 and "已遮盖" in masked.stdout
    entry = _cli(
        data_dir, "export-roster", "--out", str(tmp_path / "e.xlsx"), user=ENTRY_USER, password=ENTRY_PASSWORD
    )
    assert entry.returncode == 0, entry.stderr
    assert not [n for n in numbers if n in _workbook_text(tmp_path / "e.xlsx")]
    with open_station(data_dir) as admin:
        logged = [(e.user, e.details["full_personal_data"], e.details["reason"]) for e in _exports(admin)]
    assert logged == [(REVIEWER_USER, True, "审计抽查"), (REVIEWER_USER, False, ""), (ENTRY_USER, False, "")]


def test_import_roster_output_masks_numbers_for_an_entry_user(
    people: Station, data_dir: Path, tmp_path: Path
) -> None:
    from tests.core.test_roster_fixtures import make_id, write_table_xlsx

    people.close()
    head, wife = make_id("19700101", 11), make_id("19720202", 22)
    header = ["姓名", "与户主关系", "身份证号", "户主身份证号", "村"]
    roster = write_table_xlsx(tmp_path / "r.xlsx", header, [["乌云", "妻", wife, head, "三家子"]])
    for user, password, whole in (
        (ENTRY_USER, ENTRY_PASSWORD, False),
        (REVIEWER_USER, REVIEWER_PASSWORD, True),
    ):
        human = _cli(data_dir, "import-roster", str(roster), "--dry-run", user=user, password=password)
        as_json = _cli(
            data_dir, "import-roster", str(roster), "--dry-run", "--json", user=user, password=password
        )
        assert human.returncode == 0 and as_json.returncode == 0, human.stderr
        reasons = " ".join(note["reason"] for note in json.loads(as_json.stdout)["rejected"])
        assert "户主身份证号" in reasons and "户主身份证号" in human.stdout
        for output in (human.stdout, reasons):
            assert (head in output) is whole
            assert (MASKED.id_number(head) in output) is not whole


@given(
    number=st.from_regex(r"[1-6][0-9]{16}[0-9X]", fullmatch=True),
    mobile=st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True),
    before=st.text(alphabet="户主身份证号电话：，。 第行", max_size=8),
    between=st.sampled_from(["", "，", " ", "、电话 "]),
)
def test_masked_text_never_holds_a_whole_number(number: str, mobile: str, before: str, between: str) -> None:
    """Wherever an ID number and a mobile stand in a line, even glued together, neither stays whole."""
    line = f"{before}{number}{between}{mobile}{before}"
    masked = MASKED.text(line)
    assert number not in masked and mobile not in masked
    if between:
        assert MASKED.id_number(number) in masked and MASKED.phone(mobile) in masked


def _refused_roster(tmp_path: Path) -> tuple[Path, list[str]]:
    """A roster whose two rows are refused (a head not in the table, a number one digit short); the
    personal values they hold, in a mapped column, in an unmapped one and in the reasons."""
    from tests.core.test_roster_fixtures import make_id, write_table_xlsx

    head, wife = make_id("19700101", 11), make_id("19720202", 22)
    short = "21138119800101001"
    header = ["姓名", "与户主关系", "身份证号", "户主身份证号", "出生日期", "联系电话", "村", "其他说明"]
    rows = [
        ["乌云", "妻", wife, head, "1972-02-02", "13912345678", "三家子", f"户主 {head}，电话 13800001111"],
        ["张三", "户主", short, short, "1980-01-01", "0421-2345678", "三家子", ""],
    ]
    personal = [head, wife, short, "13912345678", "13800001111", "2345678", "1972-02-02", "19720202"]
    return write_table_xlsx(tmp_path / "r.xlsx", header, rows), personal


def test_refused_rows_are_masked_for_an_entry_user_and_need_a_reason_in_full(
    people: Station, data_dir: Path, tmp_path: Path
) -> None:
    """The cells the village typed leave the program in the file: masked (by column, and wherever a number
    stands in a cell or a reason) for 录入员; whole for a reviewer only with a reason kept in the log."""
    roster, personal = _refused_roster(tmp_path)
    people.close()
    with open_station(data_dir, user=ENTRY_USER, password=ENTRY_PASSWORD) as entry:
        table = entry.rosters.read(roster)
        outcome = entry.rosters.preview(table)
        assert len(outcome.rejected) == 2
        masked = entry.rosters.save_rejected(table, outcome.rejected, tmp_path / "e.xlsx")
        with pytest.raises(PermissionDeniedError):
            entry.rosters.save_rejected(
                table, outcome.rejected, tmp_path / "f.xlsx", full=True, reason="核对"
            )
    text = _workbook_text(masked)
    assert not [value for value in personal if value in text], text
    assert MASKED.id_number(personal[1]) in text and "1972-**-**" in text and "139****5678" in text
    assert not (tmp_path / "f.xlsx").exists()
    with open_station(data_dir, user=REVIEWER_USER, password=REVIEWER_PASSWORD) as reviewer:
        table = reviewer.rosters.read(roster)
        outcome = reviewer.rosters.preview(table)
        with pytest.raises(ServiceError) as refused:
            reviewer.rosters.save_rejected(table, outcome.rejected, tmp_path / "f.xlsx")
        assert refused.value.code == "export.reason_required" and not (tmp_path / "f.xlsx").exists()
        whole = reviewer.rosters.save_rejected(
            table, outcome.rejected, tmp_path / "f.xlsx", reason="退回村里"
        )
        logged = [(e.user, e.details["full_personal_data"], e.details["reason"]) for e in _exports(reviewer)]
    assert all(value in _workbook_text(whole) for value in personal[:5])
    assert logged == [(ENTRY_USER, False, ""), (REVIEWER_USER, True, "退回村里")]


def test_import_roster_rejected_out_asks_a_reason_before_importing(
    people: Station, data_dir: Path, tmp_path: Path
) -> None:
    roster, personal = _refused_roster(tmp_path)
    with people.db.reader() as session:
        households = len(session.scalars(select(Household)).all())
    people.close()
    out = tmp_path / "refused.xlsx"
    refused = _cli(
        data_dir,
        *("import-roster", str(roster), "--rejected-out", str(out)),
        user=REVIEWER_USER,
        password=REVIEWER_PASSWORD,
    )
    assert refused.returncode == 1 and "--reason" in refused.stderr and not out.exists(), refused.stderr
    with open_station(data_dir) as admin:
        with admin.db.reader() as session:
            assert len(session.scalars(select(Household)).all()) == households  # nothing imported
        assert _exports(admin) == []
    for user, password, extra, whole in (
        (REVIEWER_USER, REVIEWER_PASSWORD, ("--reason", "退回三家子村"), True),
        (REVIEWER_USER, REVIEWER_PASSWORD, ("--masked",), False),
        (ENTRY_USER, ENTRY_PASSWORD, (), False),
    ):
        out.unlink(missing_ok=True)
        done = _cli(
            data_dir,
            *("import-roster", str(roster), "--dry-run", "--rejected-out", str(out), *extra),
            user=user,
            password=password,
        )
        assert done.returncode == 0, done.stderr
        text = _workbook_text(out)
        assert (
            all(value in text for value in personal[:5]) if whole else not [v for v in personal if v in text]
        )
    with open_station(data_dir) as admin:
        logged = [(e.user, e.details["full_personal_data"], e.details["reason"]) for e in _exports(admin)]
    assert logged == [
        (REVIEWER_USER, True, "退回三家子村"),
        (REVIEWER_USER, False, ""),
        (ENTRY_USER, False, ""),
    ]
