"""The audit log's before/after values hold ID numbers, birth dates and phones: the listing (the viewer,
``audit`` in text and --json) masks them for a role without SEE_PERSONAL_DATA, and an .xlsx export with
them whole needs a reason and is itself logged with it (issue 13)."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest
from sqlalchemy import select

from huimin_desktop import cli
from huimin_desktop.domain.masking import MASKED
from huimin_desktop.errors import ServiceError
from huimin_desktop.model import Member
from huimin_desktop.security import roles
from huimin_desktop.services.audit import AuditFilter
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household, set_household
from tests.stations import open_station

HEAD_ID, NEW_ID = "211381199001011234", "21138119850505002X"
PHONE, NEW_PHONE = "13800000000", "13911112222"
BIRTH = dt.date(1990, 1, 1)
WHOLE = (HEAD_ID, NEW_ID, PHONE, NEW_PHONE, "1990-01-01", "19900101", "1985-05-05", "19850505")


@pytest.fixture
def logged(station: Station) -> Station:
    """A household whose head's ID number, birth date and phone were written, then changed."""
    household = add_household(station, "宝斯鲁", HEAD_ID)
    with station.db.session() as session:
        member = session.scalars(select(Member).where(Member.household_id == household)).one()
        member.birth_date, member.phone = BIRTH, PHONE
    with station.db.session() as session:
        member = session.scalars(select(Member).where(Member.household_id == household)).one()
        member.id_number, member.birth_date, member.phone = NEW_ID, dt.date(1985, 5, 5), NEW_PHONE
    set_household(station, household, phone=NEW_PHONE, notes=f"户主原身份证号 {HEAD_ID}")
    station.users.create("wang.li", "王丽", roles.ENTRY, password="wang-pass")
    station.users.create("zhao.min", "赵敏", roles.REVIEWER, password="zhao-pass")
    return station


def _whole_in(text: str) -> list[str]:
    return [value for value in WHOLE if value in text]


def _listing(station: Station) -> str:
    lines = station.audit.lines()
    return "\n".join(
        [json.dumps([line.as_json() for line in lines], ensure_ascii=False)]
        + [f"{line.record_id} {line.summary} {line.changes_text}" for line in lines]
    )


def _workbook_text(path: Path) -> str:
    with zipfile.ZipFile(path) as book:
        return "".join(book.read(name).decode("utf-8") for name in book.namelist())


def test_a_reviewer_sees_the_values_whole_in_the_listing(logged: Station) -> None:
    text = _listing(logged)
    assert not [value for value in (HEAD_ID, NEW_ID, PHONE, NEW_PHONE, "1990-01-01") if value not in text]


def test_the_listing_masks_the_values_for_a_role_without_the_right(
    logged: Station, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Should an office let 录入员 read the log, it reads every value masked: the listing, the CLI's lines
    and JSON, and an export, which needs no reason then."""
    monkeypatch.setitem(roles.LOWEST_ROLE, roles.READ_AUDIT, roles.ENTRY)
    logged.close()
    with open_station(data_dir, user="wang.li", password="wang-pass") as entry:
        assert not entry.masking.full
        text = _listing(entry)
        assert not _whole_in(text), _whole_in(text)
        assert MASKED.id_number(NEW_ID) in text and MASKED.phone(NEW_PHONE) in text and "1985-**-**" in text
        out = data_dir.parent / "audit.xlsx"
        assert entry.audit.export_xlsx(out) > 0
        assert not _whole_in(_workbook_text(out))
        (line,) = entry.audit.lines(AuditFilter(action="export", kind="audit_log"))
        assert line.user == "wang.li" and line.details["full_personal_data"] is False
    monkeypatch.setenv("HUIMIN_USER", "wang.li")
    monkeypatch.setenv("HUIMIN_PASSWORD", "wang-pass")
    for extra in ((), ("--json",)):
        status = cli.main(["audit", "--data", str(data_dir), *extra])
        out_text, err = capsys.readouterr()
        assert status == 0, err
        assert not _whole_in(out_text) and MASKED.id_number(NEW_ID) in out_text


def test_a_whole_export_needs_a_reason_and_is_logged_with_it(logged: Station, tmp_path: Path) -> None:
    logged.close()
    with open_station(logged.data_dir, user="zhao.min", password="zhao-pass") as reviewer:
        out = tmp_path / "audit.xlsx"
        for blank in (None, " "):
            with pytest.raises(ServiceError) as refused:
                reviewer.audit.export_xlsx(out, reason=blank)
            assert refused.value.code == "export.reason_required"
        assert not out.exists()
        count = reviewer.audit.export_xlsx(out, reason="核对户主身份证号的修改")
        assert count > 0 and not [v for v in (HEAD_ID, NEW_ID, NEW_PHONE) if v not in _workbook_text(out)]
        masked = tmp_path / "masked.xlsx"
        reviewer.audit.export_xlsx(masked, full=False)
        assert not _whole_in(_workbook_text(masked))
        exports = reviewer.audit.lines(AuditFilter(action="export", kind="audit_log"))
    assert [(e.user, e.details["full_personal_data"], e.details["reason"]) for e in reversed(exports)] == [
        ("zhao.min", True, "核对户主身份证号的修改"),
        ("zhao.min", False, ""),
    ]
    assert "核对户主身份证号的修改" in exports[-1].summary and "audit.xlsx" in exports[-1].summary
