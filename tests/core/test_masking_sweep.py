"""A sweep of every way data leaves the program, run as a 录入员 (entry) on demo data: no output holds a
whole ID number, a phone number, or a member's birth date beside their name (issue 13).

The list of outputs is built from the command line's own parser: every sub-command (and every action of
``users``, ``indicators``, ``logs``) is either swept here, with the files it writes, or named in
``HOLDS_NO_PERSONAL_DATA`` with the reason. A new command fails ``test_every_command_is_swept_or_excused``
until someone decides which it is. Each swept command runs in this process (``cli.main``), once as
written and once with ``--json`` where it takes it; its stdout, stderr and every file it wrote are
scanned (an .xlsx part by part, any other file as UTF-8 and UTF-16). The GUI's side of the sweep (the
household list, the editor, conflict review, the audit viewer) is tests/ui/test_masking_sweep.py, with
the same scanner (``Personal``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import select

from huimin_desktop import cli
from huimin_desktop.model import Household, Member
from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.core.sync_helpers import deliver, enroll_station, make_package
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station

ENTRY_USER, ENTRY_PASSWORD = "wang.li", "wang-pass"

# Commands whose output can hold no person's data, and why. Everything else is swept below.
HOLDS_NO_PERSONAL_DATA = {
    # makes a new station in an empty folder: no household exists yet to show
    "init": "a new, empty station",
    # indicator definitions, milestones and the counties' progress figures: no person is stored with them
    "indicators list": "indicator definitions",
    "indicators add": "indicator definitions",
    "indicators edit": "indicator definitions",
    "indicators remove": "indicator definitions",
    "indicators import": "indicator definitions",
    "indicators copy": "indicator definitions",
}


# -- what is personal, and the scanner --------------------------------------------------------------


_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})[-/.年]?([01]?[0-9])[-/.月]?([0-3]?[0-9])(?![0-9])")


@dataclass
class Personal:
    """The demo's ID numbers, phones, and each birth date with the names of those born that day."""

    ids: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)
    births: dict[str, set[str]] = field(default_factory=dict)  # 1982-03-15 → {name, …}

    @classmethod
    def of(cls, station: Station) -> Personal:
        found = cls()
        with station.db.reader() as session:
            for member in session.scalars(select(Member)):
                if member.id_number:
                    found.ids.add(member.id_number)
                if member.phone:
                    found.phones.add(member.phone)
                if member.birth_date and member.name:
                    found.births.setdefault(member.birth_date.isoformat(), set()).add(member.name)
            found.phones |= {p for p in session.scalars(select(Household.phone)) if p}
        assert found.ids and found.phones and found.births
        return found

    def leaks(self, units: Iterable[str]) -> list[str]:
        """What in ``units`` (lines, rows, widget texts) is whole: an ID number or a phone anywhere, a
        birth date in any of its written forms in the same unit as the name of someone born that day."""
        leaked = []
        for unit in units:
            leaked += [n for n in self.ids if n in unit]
            leaked += [p for p in self.phones if p in unit]
            for match in _DATE.finditer(unit):
                try:
                    day = dt.date(int(match[1]), int(match[2]), int(match[3])).isoformat()
                except ValueError:
                    continue
                leaked += [f"{name} {match[0]}" for name in self.births.get(day, ()) if name in unit]
        return leaked


def text_units(text: str) -> list[str]:
    """A command's output as units to scan: each JSON object with its own values, or each line."""
    try:
        payload = json.loads(text)
    except ValueError:
        return text.splitlines()
    units: list[str] = []

    def walk(value: object) -> str:
        if isinstance(value, dict):
            unit = " ".join(walk(v) for v in value.values())
            units.append(unit)
            return unit
        if isinstance(value, list):
            return " ".join(walk(v) for v in value)
        return "" if value is None else str(value)

    walk(payload)
    return units


def file_units(path: Path) -> list[str]:
    """A written file as units: an .xlsx's rows and every XML part whole; anything else (a package, a
    backup, a JSON file) decoded as UTF-8 and UTF-16, whatever its bytes."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as book:
            units = [book.read(name).decode("utf-8", "ignore") for name in book.namelist()]
        if path.suffix == ".xlsx":
            from openpyxl import load_workbook

            for sheet in load_workbook(path, read_only=True).worksheets:
                units += ["\t".join("" if v is None else str(v) for v in row) for row in sheet.values]
        return units
    data = path.read_bytes()
    return [data.decode("utf-8", "ignore"), data.decode("utf-16-le", "ignore")]


# -- the demo station ---------------------------------------------------------------------------------


@dataclass
class Demo:
    data: Path
    personal: Personal
    roster: Path  # the demo as a full roster (whole numbers), two of its rows made refusable
    package: Path
    year: int


def _refusable(roster: Path) -> None:
    """Two member rows of the roster get an unknown ethnicity: refused, with their whole numbers; two
    more a birth date a day off their ID number's: warnings that quote the ID number's date."""
    from openpyxl import load_workbook

    book = load_workbook(roster)
    sheet = book.active
    header = [c.value for c in sheet[3]]
    column = header.index("民族") + 1
    for row in (5, 7):
        sheet.cell(row, column).value = "火星族"
    ids, birth = header.index("身份证号") + 1, len(header) + 1
    sheet.cell(3, birth).value = "出生日期"
    for row in (15, 20):
        number = str(sheet.cell(row, ids).value)
        day = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14])) + dt.timedelta(days=1)
        sheet.cell(row, birth).value = day.isoformat()
    book.save(roster)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    from huimin_desktop.demo import generate_demo

    root = tmp_path_factory.mktemp("sweep")
    data = root / "station"
    city = new_station(root / "city", level="city", name="朝阳市民委", division_code="211300")
    (root / "setup").mkdir()
    station = enroll_station(
        city, "township", "马友营蒙古族乡", TOWNSHIP_CODE, root / "setup" / "s.json", data
    )
    try:
        generate_demo(station, 16, seed=13)
        station.users.create(ENTRY_USER, "王丽", "entry", password=ENTRY_PASSWORD)
        _correct_some_numbers(station)  # the audit log then holds whole numbers in before/after
        roster = root / "full-roster.xlsx"
        summary = station.rosters.export(roster, reason="扫描测试")
        _refusable(roster)
        package_dir = root / "stick"
        package_dir.mkdir()
        package = station.sync.export(package_dir).package
        personal = Personal.of(station)
        _conflicts(city, station, personal)
        year = summary.year
    finally:
        station.close()
        city.close()
    yield Demo(data, personal, roster, Path(package), year)


def _conflicts(city: Station, township: Station, personal: Personal) -> None:
    """The city and the township change one household's phone and a member's birth date and notes each
    their own way: the township's merge of the city's package logs field conflicts holding both values."""
    deliver(make_package(township, city), city)
    with township.db.reader() as session:
        member = session.scalars(select(Member).where(Member.birth_date.is_not(None)).limit(1)).one()
        member_id, household_id, name = member.id, member.household_id, member.name
    sides = ((city, "13712340001", dt.date(1961, 7, 8)), (township, "13712340002", dt.date(1962, 9, 10)))
    for station, phone, birth in sides:
        with station.db.session() as session:
            session.get(Household, household_id).phone = phone
            changed = session.get(Member, member_id)
            changed.birth_date, changed.notes = birth, f"电话 {phone}"
        personal.phones.add(phone)
        personal.births.setdefault(birth.isoformat(), set()).add(name)
    deliver(make_package(city, township), township)
    assert len(township.sync.conflicts()) >= 3


def _correct_some_numbers(station: Station) -> None:
    with station.db.session() as session:
        members = session.scalars(select(Member).where(Member.phone != "").limit(3)).all()
        for number, member in enumerate(members):
            member.phone = f"1390000{number:04d}"
            member.notes = f"原身份证号 {member.id_number}"


# -- the command line ---------------------------------------------------------------------------------


Invocations = Callable[[Demo, Path], list[list[str]]]


def _each_action(command: str, *extra: str) -> Invocations:
    return lambda demo, out: [[*command.split(), *extra]]


SWEPT: dict[str, Invocations] = {
    "demo": lambda d, out: [["demo", "--households", "2"]],
    "check": lambda d, out: [["check"], ["check", "--quick"]],
    "enroll": lambda d, out: [
        ["enroll", "--division", "211381205000", "--name", "蒙古营乡", "--out", str(out / "s.json")]
    ],
    "revoke": lambda d, out: [["revoke", "211381205000"]],
    "stations": lambda d, out: [["stations"]],
    "export": lambda d, out: [["export", "--to", str(out)]],
    "verify": lambda d, out: [["verify", str(d.package)]],
    "merge": lambda d, out: [["merge", str(d.package), "--dry-run"]],
    "conflicts": lambda d, out: [["conflicts"]],
    "import-roster": lambda d, out: [
        ["import-roster", str(d.roster), "--dry-run", "--rejected-out", str(out / "refused.xlsx")],
        ["import-roster", str(d.roster), "--rejected-out", str(out / "refused-again.xlsx")],
    ],
    "export-roster": lambda d, out: [["export-roster", "--out", str(out / "roster.xlsx")]],
    "users list": _each_action("users list"),
    "users add": _each_action("users add", "li.ming", "--role", "entry"),
    "users disable": _each_action("users disable", ENTRY_USER),
    "users reset-password": _each_action("users reset-password", ENTRY_USER),
    "users set-role": _each_action("users set-role", ENTRY_USER, "--role", "admin"),
    "users recover": _each_action("users recover", "admin", "--code", "XXXX-XXXX-XXXX"),
    "report": lambda d, out: [["report", "--year", str(d.year), "--out", str(out / "report.xlsx")]],
    "public-notice": lambda d, out: [
        ["public-notice", "--year", str(d.year), "--out", str(out / "notice.xlsx")]
    ],
    "backup": lambda d, out: [["backup", "--to", str(out)]],
    "restore": lambda d, out: [["restore", str(d.data / "backups"), "--check"]],
    "audit": lambda d, out: [["audit"], ["audit", "--action", "update"]],
    "logs list": _each_action("logs list"),
    "logs show": _each_action("logs show", "--last"),
    "logs export": lambda d, out: [["logs", "export", "--to", str(out), "--reason", "扫描"]],
}


def command_names(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """Every sub-command, and every choice of a sub-command's ``action`` ("users list" …)."""
    names: dict[str, argparse.ArgumentParser] = {}
    for action in parser._actions:
        if not isinstance(action, argparse._SubParsersAction):
            continue
        for name, sub in action.choices.items():
            choices = next((a.choices for a in sub._actions if a.dest == "action" and a.choices), None)
            for choice in choices or [None]:
                names[f"{name} {choice}" if choice else name] = sub
    return names


def test_every_command_is_swept_or_excused() -> None:
    names = set(command_names(cli.build_parser()))
    unlisted = names - set(SWEPT) - set(HOLDS_NO_PERSONAL_DATA)
    assert not unlisted, f"sweep these or say why they hold no personal data: {sorted(unlisted)}"
    gone = (set(SWEPT) | set(HOLDS_NO_PERSONAL_DATA)) - names
    assert not gone, f"no such command any more: {sorted(gone)}"


def _takes_json(parser: argparse.ArgumentParser) -> bool:
    return any("--json" in a.option_strings for a in parser._actions)


def _run(
    argv: list[str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    login: tuple[str, str] = (ENTRY_USER, ENTRY_PASSWORD),
) -> tuple[int, str]:
    monkeypatch.setenv("HUIMIN_USER", login[0])
    monkeypatch.setenv("HUIMIN_PASSWORD", login[1])
    monkeypatch.setenv("HUIMIN_NEW_PASSWORD", "new-pass-123")
    try:
        status = cli.main(argv)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out + "\n" + err


@pytest.mark.parametrize("name", sorted(SWEPT))
def test_no_output_of_an_entry_user_holds_personal_data(
    name: str,
    demo: Demo,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    parser = command_names(cli.build_parser())[name]
    for number in range(len(SWEPT[name](demo, tmp_path))):
        for with_json in (False, True) if _takes_json(parser) else (False,):
            out = tmp_path / f"out-{number}-{with_json}"
            out.mkdir()
            argv = [*SWEPT[name](demo, out)[number], *(["--json"] if with_json else [])]
            status, printed = _run([*argv, "--data", str(demo.data)], capsys, monkeypatch)
            units = text_units(printed)
            for path in (p for p in out.rglob("*") if p.is_file()):
                units += file_units(path)
            leaked = demo.personal.leaks(units)
            print(
                "SWEEP", " ".join(argv), status, [p.name for p in out.rglob("*") if p.is_file()], len(units)
            )
            assert not leaked, f"{' '.join(argv)} (exit {status}) shows {leaked[:5]}"


def test_the_sweep_sees_what_a_reviewer_may_see(
    demo: Demo, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scanner can fail: the administrator's full roster, conflicts and audit log hold whole numbers
    and birth dates beside names, and it finds them (in a workbook, in lines and in JSON)."""
    admin = (TEST_ADMIN, TEST_PASSWORD)
    out = tmp_path / "full.xlsx"
    status, _ = _run(
        ["export-roster", "--out", str(out), "--reason", "核对", "--data", str(demo.data)],
        capsys,
        monkeypatch,
        admin,
    )
    assert status == 0 and demo.personal.leaks(file_units(out))
    for argv in (["conflicts"], ["conflicts", "--json"], ["audit", "--json"]):
        status, printed = _run([*argv, "--data", str(demo.data)], capsys, monkeypatch, admin)
        assert status == 0 and demo.personal.leaks(text_units(printed)), argv
    status, printed = _run(["conflicts", "--data", str(demo.data)], capsys, monkeypatch, admin)
    assert any(" 196" in leak for leak in demo.personal.leaks(text_units(printed)))  # a birth date by a name
