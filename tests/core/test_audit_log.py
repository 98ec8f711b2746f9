"""The audit log: every audited action has its line, with the real user, the record and the changed fields'
values before and after; it is append-only, and the services never change a line once written."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from huimin_desktop.errors import AuthenticationError
from huimin_desktop.model import AuditEntry
from huimin_desktop.security.roles import ENTRY, REVIEWER, SYSTEM
from huimin_desktop.services.audit import AuditFilter, changed_fields, record
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household, enroll_station, set_household
from tests.core.test_roster_fixtures import sample_rows, write_office_csv
from tests.stations import new_station

CITY, TOWNSHIP = "211300", "211381204000"


def all_lines(station: Station) -> list[tuple[Any, ...]]:
    with station.db.reader() as session:
        return [
            tuple(row)
            for row in session.execute(
                text(
                    "SELECT id, at, station, user, action, table_name, record_id, summary, details "
                    "FROM audit_log"
                )
            )
        ]


def lines_of(station: Station, **where: Any) -> list[Any]:
    """The lines ``where`` selects, oldest first, read as the program (whoever is logged in)."""
    actor, station.db.actor = station.db.actor, SYSTEM
    try:
        return list(reversed(station.audit.lines(AuditFilter(**where))))
    finally:
        station.db.actor = actor


def login(folder: Path, user: str, password: str) -> Station:
    return Station.open(folder, user, password)


@pytest.fixture
def pair(tmp_path: Path):
    """A city and its township 马友营, enrolled and registered; a clerk (entry) at the township and a
    reviewer at the city."""
    city = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code=CITY)
    stick = tmp_path / "stick"
    stick.mkdir()
    township = enroll_station(city, "township", "马友营蒙古族乡", TOWNSHIP, stick / "s.json", tmp_path / "tw")
    township.users.create("clerk", "李明", ENTRY, password="clerk-pass")
    city.users.create("checker", "王审", REVIEWER, password="checker-pass")
    folders = city.data_dir, township.data_dir
    city.close()
    township.close()
    return folders[0], folders[1], stick


def test_every_action_has_its_line_with_the_real_user(pair, tmp_path: Path) -> None:
    city_dir, township_dir, stick = pair
    with pytest.raises(AuthenticationError):
        login(township_dir, "clerk", "wrong")

    township = login(township_dir, "clerk", "clerk-pass")
    assert [(e.user, e.action) for e in lines_of(township, user="clerk")[-2:]] == [
        ("clerk", "login_failed"),
        ("clerk", "login"),
    ]
    household = add_household(township, "宝斯鲁", "211381199001011234")
    set_household(township, household, phone="13911112222")
    township.rosters.import_file(
        write_office_csv(tmp_path / "roster.csv", sample_rows(), encoding="utf-8-sig")
    )
    package = township.sync.export(stick).package
    township.close()

    city = login(city_dir, "checker", "checker-pass")
    (merged,) = city.sync.merge([package])
    assert merged.status == "applied", merged.reason
    set_household(city, household, phone="13933334444")
    city.close()
    township = login(township_dir, "clerk", "clerk-pass")
    set_household(township, household, phone="13955556666")
    second = township.sync.export(stick).package
    township.households.delete(township.households.ids()[-1])
    township.close()
    city = login(city_dir, "checker", "checker-pass")
    (merged,) = city.sync.merge([second])
    (conflict,) = city.sync.conflicts()
    city.sync.keep(conflict.id)

    created = lines_of(township := login(township_dir, "clerk", "clerk-pass"), record_id=household)
    assert [(e.user, e.action) for e in created] == [
        ("clerk", "create"),
        ("clerk", "update"),
        ("clerk", "update"),
    ]
    assert created[1].changes == {"phone": ["13800000000", "13911112222"]}  # only the changed field
    (imported,) = lines_of(township, action="import")
    assert (imported.user, imported.kind, imported.details["added"]) == ("clerk", "household", 4)
    exports = [e.record_id for e in lines_of(township, action="export", user="clerk")]
    assert len(exports) == 2 and all(
        e.kind == "sync_package_log" for e in lines_of(township, action="export")
    )
    (deleted,) = lines_of(township, action="delete", kind="household")
    assert deleted.user == "clerk" and deleted.changes == {"deleted": [False, True]}
    township.close()

    merges = lines_of(city, action="merge", user="checker")
    assert [e.record_id for e in merges] == exports  # the packages the clerk's export lines name
    assert merges[0].details["new"] > 0 and merges[1].details["conflicts"] == 1
    (decided,) = lines_of(city, action="conflict")
    assert (decided.user, decided.kind, decided.record_id) == ("checker", "sync_conflict", str(conflict.id))
    assert decided.changes == {"status": ["open", "kept"]}
    city.close()


def test_user_changes_keep_before_and_after(tmp_path: Path) -> None:
    with new_station(
        tmp_path / "s", level="township", name="马友营蒙古族乡", division_code=TOWNSHIP
    ) as station:
        station.users.create("clerk", "李明", ENTRY, password="clerk-pass")
        station.users.set_role("clerk", REVIEWER)
        station.users.disable("clerk")
        lines = lines_of(station, kind="app_user", record_id="clerk")
    assert [(e.user, e.action) for e in lines] == [
        ("admin", "user_create"),
        ("admin", "user_role"),
        ("admin", "user_disable"),
    ]
    assert lines[1].changes == {"role": ["entry", "reviewer"]}
    assert lines[2].changes == {"active": [True, False]}


def test_record_keeps_only_the_changed_fields_in_the_change_transaction(station: Station) -> None:
    assert changed_fields({"a": 1, "b": "x"}, {"a": 1, "b": "y", "c": None}) == {"b": ["x", "y"]}
    assert changed_fields(None, {"a": dt.date(2026, 12, 3)}) == {"a": [None, "2026-12-03"]}
    before = len(all_lines(station))
    with pytest.raises(RuntimeError), station.db.session() as session:
        record(session, "export", "household", "x", {"a": 1}, {"a": 2})
        raise RuntimeError("the change fails")
    assert len(all_lines(station)) == before  # rolled back with the change it described
    with station.db.session() as session:
        record(session, "export", "household", "x", {"a": 1, "b": 2}, {"a": 3, "b": 2}, summary="s")
    (line,) = station.audit.lines(AuditFilter(record_id="x"))
    assert (line.user, line.action, line.kind, line.changes) == (
        "admin",
        "export",
        "household",
        {"a": [1, 3]},
    )


def test_the_log_refuses_update_and_delete(station: Station) -> None:
    add_household(station, "宝斯鲁", "211381199001011234")
    for statement in ("UPDATE audit_log SET user = 'someone'", "DELETE FROM audit_log"):
        with pytest.raises(Exception, match="append-only"), station.db.session(capture=False) as session:
            session.execute(text(statement))
    with station.db.reader() as session:
        assert session.scalar(select(AuditEntry.user).where(AuditEntry.action == "create")) == "admin"


def test_the_services_never_change_a_line_once_written(pair, tmp_path: Path) -> None:
    """Every line written before a day's work (users, records, a roster, an export, a merge, a conflict,
    logins) is still there, byte for byte, after it: the log only grows."""
    city_dir, township_dir, stick = pair
    snapshots = {}
    for folder, number in ((city_dir, "211381198001010019"), (township_dir, "211381198502020028")):
        with login(folder, "admin", "demo") as station:
            add_household(station, "乌力吉", number)
            snapshots[folder] = all_lines(station)
    township = login(township_dir, "clerk", "clerk-pass")
    household = add_household(township, "宝斯鲁", "211381199001011234")
    township.rosters.import_file(write_office_csv(tmp_path / "r.csv", sample_rows(), encoding="utf-8-sig"))
    package = township.sync.export(stick).package
    township.close()
    with login(city_dir, "checker", "checker-pass") as city:
        city.sync.merge([package])
        set_household(city, household, phone="13933334444")
    with login(township_dir, "admin", "demo") as township:
        set_household(township, household, phone="13955556666")
        township.users.set_role("clerk", REVIEWER)
        package = township.sync.export(stick).package
    with login(city_dir, "checker", "checker-pass") as city:
        city.sync.merge([package])
        (conflict,) = city.sync.conflicts()
        city.sync.choose_other(conflict.id)
    for folder, before in snapshots.items():
        with login(folder, "admin", "demo") as station:
            after = all_lines(station)
        assert after[: len(before)] == before
        assert len(after) > len(before)


def test_the_audit_command_filters_by_user_action_and_date(station: Station) -> None:
    from tests.core.test_cli import assert_failed_cleanly, run

    add_household(station, "宝斯鲁", "211381199001011234")
    station.users.create("clerk", "李明", ENTRY, password="clerk-pass")
    data = str(station.data_dir)
    station.close()
    every = json.loads(run("audit", "--json", "--data", data).stdout)
    assert every["count"] == len(every["entries"]) >= 3
    assert every["entries"][0]["id"] > every["entries"][-1]["id"]  # newest first
    created = json.loads(run("audit", "--json", "--action", "新建", "--user", "admin", "--data", data).stdout)
    assert {(e["user"], e["action"]) for e in created["entries"]} == {("admin", "create")}
    assert {e["kind"] for e in created["entries"]} >= {"household", "member"}
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    assert json.loads(run("audit", "--json", "--since", tomorrow, "--data", data).stdout)["count"] == 0
    since = json.loads(run("audit", "--json", "--since", "2020-01-01", "--data", data).stdout)
    assert since["count"] >= every["count"]  # the command's own login is written with no change: none
    text_out = run("audit", "--action", "user_create", "--data", data)
    assert text_out.returncode == 0 and "clerk" in text_out.stdout and "新建用户" in text_out.stdout
    assert_failed_cleanly(run("audit", "--since", "yesterday", "--data", data))
    clerk = run("audit", "--login", "clerk", "--data", data, env={"HUIMIN_PASSWORD": "clerk-pass"})
    assert_failed_cleanly(clerk)
    assert "无权" in clerk.stderr


def test_enrollment_reports_and_backups_name_who_did_them(tmp_path: Path) -> None:
    folder = tmp_path / "city"
    with new_station(folder, level="city", name="朝阳市民委", division_code=CITY) as city:
        city.users.create("checker", "王审", REVIEWER, password="checker-pass")
        enrolled = city.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, tmp_path / "setup.json")
        city.enrollment.revoke(TOWNSHIP, "电脑丢失")
        (tmp_path / "stick").mkdir()
        city.backups.to_drive(tmp_path / "stick")
    with login(folder, "checker", "checker-pass") as city:
        city.reports.export(tmp_path / "report.xlsx", 2026)
        city.sync.merge([tmp_path / "stick"])  # nothing to merge there: no line
        lines = lines_of(city)
    mine = [(e.user, e.action, e.kind) for e in lines if e.action in ("enroll", "revoke", "backup", "export")]
    assert mine == [
        ("admin", "enroll", "sync_peer"),
        ("admin", "revoke", "sync_peer"),
        ("admin", "backup", "backup"),
        ("checker", "export", "report"),
    ]
    assert "merge" not in {e.action for e in lines}
    assert next(e for e in lines if e.action == "enroll").record_id == enrolled.station_id


def test_removing_unused_files_and_saving_refused_rows_are_logged(station: Station, tmp_path: Path) -> None:
    from tests.core.test_roster_fixtures import household_row

    stray = station.attachments.blob_path("ab" * 32)
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"left by a killed intake")
    removed, _freed = station.remove_unused_blobs(older_than_s=0)
    assert removed == 1
    (line,) = lines_of(station, action="delete", kind="attachment")
    assert line.user == "admin" and "1 个" in line.summary

    rows = [*sample_rows(), household_row("三家子村", "错号", "男", "汉", "12345", 2)]
    table = station.rosters.read(write_office_csv(tmp_path / "r.csv", rows, encoding="utf-8-sig"))
    outcome = station.rosters.import_table(table)
    station.rosters.save_rejected(table, outcome.rejected, tmp_path / "refused.xlsx", reason="退回村里")
    exported = lines_of(station, action="export")
    assert [(e.user, e.details["rows"]) for e in exported] == [("admin", 1)]


def test_summaries_are_worded_in_the_readers_language(station: Station, tmp_path: Path) -> None:
    """A summary keeps its code and parameters beside the Chinese line it stores: the viewer and
    ``audit --lang en`` word it in English; an entry written before codes keeps its own line."""
    from huimin_desktop.messages import EN, ZH
    from tests.core.test_cli import run
    from tests.core.test_cli_language import CJK

    station.users.create("clerk", "李明", ENTRY, password="clerk-pass")
    station.users.set_role("clerk", REVIEWER)
    station.rosters.import_file(
        write_office_csv(tmp_path / "roster.csv", sample_rows(), encoding="utf-8-sig")
    )
    station.audit.session_locked(10)
    with station.db.session() as session:  # a line as the log held them before summaries had codes
        record(session, "export", "household", "x", summary="导出旧格式的记录")
    lines = {line.action: line for line in lines_of(station)}
    english = {action: lines[action].summary_in(EN) for action in ("user_create", "user_role", "import")}
    assert english == {
        "user_create": "User clerk created (entry)",
        "user_role": "Role of clerk: entry → reviewer",
        "import": "Imported the roster roster.csv: 4 households added, 0 updated, 0 rows not imported",
    }
    assert lines["user_role"].summary == "用户 clerk 的角色：录入员 → 审核员"  # the stored line, as before
    assert lines["user_role"].summary_in(ZH) == lines["user_role"].summary
    # what changed, worded the same way: field names and value words in the reader's language
    assert lines["user_role"].changes_text == "角色：录入员 → 审核员"
    assert lines["user_role"].changes_in(EN) == "role: entry → reviewer"
    assert lines["user_create"].changes_in(EN) == "name: — → 李明; role: — → entry"
    assert lines["session_lock"].summary_in(EN) == "Idle for 10 minutes: the screen locked itself"
    assert lines["export"].summary_in(EN) == "导出旧格式的记录"
    data = str(station.data_dir)
    station.close()
    printed = run("audit", "--lang", "en", "--data", data)
    assert printed.returncode == 0, printed.stderr
    body = [line for line in printed.stdout.splitlines() if "\t" in line and "导出旧格式的记录" not in line]
    # in English but the names it quotes (a station's, as its data holds it)
    assert len(body) >= 5 and not [line for line in body if CJK.search(re.sub(r"“[^”]*”", "", line))]
    assert any("Station set up: “马友营蒙古族乡” (township, 211381204000)" in line for line in body)
