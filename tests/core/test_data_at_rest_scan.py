"""A lost laptop gives nothing away (issue 13, "done means"): after demo data with photos, drafts and
thumbnails, a merge, a roster import and a merge killed while it stages a package's attachments, every
byte under the data folders (database, WAL, journal, backups, drafts, attachments, thumbnails, staging,
logs) is searched for every ID number, name and phone number the stations hold, in UTF-8, UTF-16-LE
and UTF-16-BE: none is there.

Names of two characters are searched in UTF-8 only (6 bytes); in UTF-16 they are 4 bytes, which a few
megabytes of ciphertext hold by chance about once (2^-32 per position and name), so only names of three
or more characters are searched in UTF-16. ID numbers (36 bytes) and phones (22 bytes) are searched in
every encoding.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select

from huimin_desktop.model import Household, Member, Project
from huimin_desktop.services.drafts import DraftStore
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household
from tests.stations import open_station

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "HUIMIN_USER": "admin", "HUIMIN_PASSWORD": "demo"}


def cli(*args: str) -> dict:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args, "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=ENV,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if done.stdout.strip() else {}


def personal_data(station: Station) -> set[str]:
    with station.db.reader() as session:
        values: set[str] = set()
        for head, id_number, phone in session.execute(
            select(Household.head_name, Household.head_id_number, Household.phone)
        ):
            values |= {head, id_number, phone}
        for name, id_number, phone in session.execute(select(Member.name, Member.id_number, Member.phone)):
            values |= {name, id_number, phone}
    return {value for value in values if value and len(value) >= 2}


def needles(values: set[str]) -> list[tuple[str, str, bytes]]:
    found = []
    for value in sorted(values):
        found.append((value, "utf-8", value.encode("utf-8")))
        if value.isascii() or len(value) >= 3:
            found.append((value, "utf-16-le", value.encode("utf-16-le")))
            found.append((value, "utf-16-be", value.encode("utf-16-be")))
    return found


def scan(folders: list[Path], values: set[str]) -> list[str]:
    searched = needles(values)
    hits = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file():
                continue
            data = path.read_bytes()
            hits += [f"{path}: {value!r} ({encoding})" for value, encoding, raw in searched if raw in data]
    return hits


def kill_while_staging(city: Path, package: str) -> bool:
    """Start a merge and SIGKILL it once it has put a package attachment into staging; whether it did."""
    staging = city / "staging"
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "merge", package, "--data", str(city)],
        cwd=ROOT,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen = False
    try:
        while child.poll() is None and not seen:
            seen = any(p.is_file() and p.stat().st_size > 0 for p in staging.rglob("*"))
            time.sleep(0.002)
        if seen:
            child.send_signal(signal.SIGKILL)
    finally:
        child.wait(timeout=600)
    return seen


def test_no_personal_data_in_any_byte_of_the_data_folders(tmp_path: Path) -> None:
    city, township, other, stick = (tmp_path / n for n in ("city", "township", "other", "stick"))
    stick.mkdir()
    cli("init", "--level", "city", "--name", "朝阳市民委", "--division", "211300", "--admin", "admin",
        "--data", str(city))  # fmt: skip
    setups = {}
    for folder, code, name in (
        (township, "211381204000", "马友营蒙古族乡"),
        (other, "211381223000", "凉水河蒙古族乡"),
    ):
        enrolled = cli("enroll", "--division", code, "--name", name, "--out", str(stick / f"{code}.hms"),
                       "--data", str(city))  # fmt: skip
        setups[folder] = enrolled
        cli("init", "--setup", enrolled["setup_file"], "--code", enrolled["setup_code"], "--admin", "admin",
            "--data", str(folder))  # fmt: skip
    cli("demo", "--households", "40", "--attachments-mb", "2", "--seed", "3", "--data", str(township))
    cli("demo", "--households", "15", "--seed", "4", "--data", str(other))

    with open_station(township) as station:  # drafts and thumbnails, as the GUI makes them
        drafts = DraftStore.for_station(station)
        with station.db.reader() as session:
            for number, household in enumerate(session.scalars(select(Household).limit(5))):
                drafts.save(f"household-{household.id}", {"head_name": household.head_name,
                            "head_id_number": household.head_id_number, "phone": household.phone},
                            summary=household.head_name)  # fmt: skip
                assert number < 5
            project_ids = list(session.scalars(select(Project.id)))
        photos = [r for rs in station.attachments.for_records("project", project_ids).values() for r in rs]
        assert photos
        for record in photos[:4]:
            assert station.attachments.thumbnail(record) is not None

    package = cli("export", "--to", str(stick), "--data", str(township))["package"]
    merged = cli("merge", package, "--data", str(city))
    assert merged["packages"][0]["status"] == "applied"
    roster = stick / "other.xlsx"
    cli("export-roster", "--out", str(roster), "--reason", "测试", "--data", str(other))
    imported = cli("import-roster", str(roster), "--data", str(city))
    assert imported["added"] >= 10, imported

    cli("demo", "--households", "10", "--attachments-mb", "12", "--seed", "5", "--data", str(township))
    second = cli("export", "--to", str(stick), "--data", str(township))["package"]
    assert kill_while_staging(city, second), "the merge ended before it staged an attachment"
    staged = [p for p in (city / "staging").rglob("*") if p.is_file()]
    assert staged  # the killed merge's leftovers are part of the scan

    values: set[str] = {"宝斯鲁图", "211381199001011234"}  # what the open station adds below
    for folder in (township, other):  # the city holds what they hold (merged, imported)
        with open_station(folder) as station:
            values |= personal_data(station)
    assert len(values) > 100
    control = tmp_path / "control" / "clear.txt"  # the test can fail: a clear copy is found
    control.parent.mkdir()
    control.write_bytes(" ".join(sorted(values)[:3]).encode("utf-16-be"))
    assert len(scan([control.parent], values)) >= 3
    # the city as the killed merge left it (its staging is swept at the next login), then open, with a
    # change in its WAL
    assert scan([city], values) == []
    with open_station(city) as station:
        add_household(station, "宝斯鲁图", "211381199001011234")
        assert station.households.count() >= 56  # the merge and the import went in
        assert (city / "huimin.db-wal").stat().st_size > 0
        values |= personal_data(station)
        assert scan([city, township, other], values) == []
    assert scan([city, township, other], values) == []
    assert staged and any((city / "backups").iterdir()) and any((township / "thumbnails").rglob("*.jpg"))
    assert any((township / "drafts").iterdir())
