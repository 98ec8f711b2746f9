"""Roles are enforced by the services (the GUI only hides what they refuse): each role is refused what it
may not do, at the service level and through the command line (exit 1, one line, nothing changed), and
does what it may."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import text

from huimin_desktop.errors import PermissionDeniedError
from huimin_desktop.security.roles import ADMIN, ENTRY, REVIEWER, ROLES, role_holds
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household
from tests.core.test_roster_fixtures import sample_rows, write_office_csv
from tests.stations import new_station

ROOT = Path(__file__).resolve().parents[2]
TOWNSHIP = "211381204000"
PASSWORDS = {ENTRY: "entry-pass", REVIEWER: "reviewer-pass", ADMIN: "admin2-pass"}
NAMES = {ENTRY: "clerk", REVIEWER: "checker", ADMIN: "chief"}


def table_counts(station: Station) -> dict[str, int]:
    """Rows in every table: what a refused operation must leave as it was (the audit log included)."""
    with station.db.reader() as session:
        names = session.scalars(
            text("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        ).all()
        return {name: session.scalar(text(f'SELECT count(*) FROM "{name}"')) or 0 for name in names}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A city station with one household and one user of each role."""
    data = tmp_path_factory.mktemp("roles") / "city"
    with new_station(data, level="city", name="朝阳市民委", division_code="211300") as station:
        add_household(station, "宝斯鲁", "211381199001011234")
        for role in ROLES:
            station.users.create(NAMES[role], "", role, password=PASSWORDS[role])
    return data


def login(folder: Path, role: str) -> Station:
    return Station.open(folder, NAMES[role], PASSWORDS[role], audit_login="with_first_change")


def _household(station: Station) -> str:
    return station.households.ids()[0]


def _township(station: Station) -> str:
    found = station.divisions.find_by_code(TOWNSHIP)
    assert found is not None
    return found.id


PERMISSIONS = (
    "records.enter",
    "roster.import",
    "sync.merge",
    "sync.conflicts",
    "personal.full",
    "reports.print",
    "audit.read",
    "users.manage",
    "sync.enroll",
    "backup.make",
    "station.maintain",
)
VILLAGES = {ENTRY: "新立屯", REVIEWER: "新民屯", ADMIN: "新发屯"}


def operations(tmp: Path, role: str) -> dict[str, Callable[[Station], object]]:
    """Permission → an operation that needs it: the permission's own service method, real arguments."""
    roster = write_office_csv(tmp / "roster.csv", sample_rows(), encoding="utf-8-sig")
    (tmp / "packages").mkdir(exist_ok=True)
    (tmp / "stick").mkdir(exist_ok=True)
    return {
        "records.enter": lambda s: s.divisions.add_village(_township(s), VILLAGES[role]),
        "roster.import": lambda s: s.rosters.import_file(roster),
        "sync.merge": lambda s: s.sync.merge([tmp / "packages"]),
        "sync.conflicts": lambda s: s.sync.resolve(keep=()),
        "personal.full": lambda s: s.rosters.export(tmp / "roster-out.xlsx", full=True, reason="核对名单"),
        "reports.print": lambda s: s.reports.export(tmp / "report.xlsx", 2026),
        "backup.make": lambda s: s.backups.to_drive(tmp / "stick"),
        "audit.read": lambda s: s.audit.lines(),
        "users.manage": lambda s: s.users.create("newbie", "", ENTRY, password="newbie-pass"),
        "sync.enroll": lambda s: s.enrollment.enroll("township", "马友营蒙古族乡", TOWNSHIP, tmp / "s.json"),
        "station.maintain": lambda s: s.remove_unused_blobs(),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("permission", PERMISSIONS)
def test_each_role_does_what_it_may_and_is_refused_the_rest(
    folder: Path, tmp_path: Path, role: str, permission: str
) -> None:
    operation = operations(tmp_path, role)[permission]
    station = login(folder, role)
    try:
        before = table_counts(station)
        if role_holds(role, permission):
            operation(station)
            return
        with pytest.raises(PermissionDeniedError) as refused:
            operation(station)
        assert refused.value.code == "auth.forbidden"
        assert table_counts(station) == before
        written = [p.name for p in tmp_path.rglob("*") if p.is_file()]
        assert written == ["roster.csv"]
    finally:
        station.close()


def test_the_roles_as_the_issue_gives_them() -> None:
    """录入员: records and rosters; 审核员: also conflicts, merges, reports, full ID numbers, the audit log;
    管理员: also users, enrollment, backups, restore."""
    may = {role: {p for p in PERMISSIONS if role_holds(role, p)} for role in ROLES}
    assert may[ENTRY] == {"records.enter", "roster.import"}
    reviewer = {"sync.merge", "sync.conflicts", "personal.full", "reports.print", "audit.read"}
    assert may[REVIEWER] == may[ENTRY] | reviewer
    assert may[ADMIN] == set(PERMISSIONS)
    for permission in ("backup.make", "backup.restore", "reports.print", "sync.export"):
        assert role_holds(ADMIN, permission)
    assert not role_holds(REVIEWER, "backup.restore") and role_holds(REVIEWER, "reports.print")


def test_household_edits_and_deletes_need_the_entry_role_at_least(folder: Path) -> None:
    """The GUI's household editor calls these; a user whose role were unknown (a tampered row) gets
    nothing."""
    station = login(folder, ENTRY)
    try:
        household = _household(station)
        record = station.households.get(household)
        assert record.id == household
    finally:
        station.close()
    from huimin_desktop.security.roles import Actor

    station = login(folder, REVIEWER)
    try:
        station.db.actor = Actor("nobody", "viewer")
        before = table_counts(station)
        with pytest.raises(PermissionDeniedError):
            station.households.delete(_household(station))
        with pytest.raises(PermissionDeniedError):
            station.attachments.remove("no-such-id")
        assert table_counts(station) == before
    finally:
        station.close()


# -- the command line -----------------------------------------------------------------------------------


def run(*args: str, role: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, "HUIMIN_USER": NAMES[role], "HUIMIN_PASSWORD": PASSWORDS[role], **env}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )


def folder_digest(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != "vault.json" and not p.name.endswith("-shm")
    }


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    data = tmp_path / "fresh"
    with new_station(data, level="township", name="马友营蒙古族乡", division_code=TOWNSHIP) as station:
        for role in ROLES:
            station.users.create(NAMES[role], "", role, password=PASSWORDS[role])
    return data


def test_the_command_line_refuses_in_one_line_and_changes_nothing(fresh: Path, tmp_path: Path) -> None:
    folder, data = fresh, str(fresh)
    tmp_path = tmp_path / "files"
    tmp_path.mkdir()
    roster = write_office_csv(tmp_path / "roster.csv", sample_rows(), encoding="utf-8-sig")
    refusals = [
        (ENTRY, ["merge", str(tmp_path)]),
        (ENTRY, ["conflicts", "--keep", "1"]),
        (ENTRY, ["report", "--year", "2026", "--out", str(tmp_path / "r.xlsx")]),
        (REVIEWER, ["backup", "--to", str(tmp_path)]),
        (ENTRY, ["audit"]),
        (REVIEWER, ["users", "add", "x.y", "--role", "admin"]),
        (
            REVIEWER,
            ["enroll", "--division", TOWNSHIP, "--name", "马友营蒙古族乡", "--out", str(tmp_path / "s")],
        ),
        (REVIEWER, ["revoke", TOWNSHIP]),
        (REVIEWER, ["check", "--remove-unused"]),
    ]
    before = folder_digest(folder)
    for role, command in refusals:
        result = run(*command, "--data", data, role=role, HUIMIN_NEW_PASSWORD="xy-pass")
        assert result.returncode == 1, (command, result.stdout, result.stderr)
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and "无权" in lines[0] and "Traceback" not in result.stderr, (command, lines)
        assert result.stdout == "" or json.loads(result.stdout)["error"] == "auth.forbidden", command
        assert folder_digest(folder) == before, command
    assert list(tmp_path.iterdir()) == [roster]
    allowed = run("audit", "--json", "--data", data, role=REVIEWER)
    assert allowed.returncode == 0, allowed.stderr
    assert json.loads(allowed.stdout)["count"] >= 1
    imported = run("import-roster", str(roster), "--json", "--data", data, role=ENTRY)
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["added"] == 4
    who = run("audit", "--json", "--user", NAMES[ENTRY], "--action", "import", "--data", data, role=ADMIN)
    entries = json.loads(who.stdout)["entries"]
    assert [(e["user"], e["action"], e["details"]["added"]) for e in entries] == [(NAMES[ENTRY], "import", 4)]
