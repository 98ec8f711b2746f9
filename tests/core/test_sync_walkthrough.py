"""The city-office walk-through of issue 5, from the command line, as DESIGN.md §5 lists it.

init a city, enroll two townships, init them from their setup files and the setup codes `enroll` shows,
demo data in each, export, merge both at the city (their first packages register their keys), edit the
same household in both, export and merge again, see the conflict, send a return package, merge it at a
township.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from huimin_desktop.model import Household
from huimin_desktop.services.station import Station
from tests.stations import open_station

ROOT = Path(__file__).resolve().parents[2]


# run(*args, ok=True): the command's --json object (exit 0, or with ok=False exit 1 and one stderr line)
Run = Callable[..., dict[str, Any]]
# run_text(*args): (exit status, stdout, stderr) of the command's human-readable output
RunText = Callable[..., tuple[int, str, str]]

# logged in as the README's walk-through does: HUIMIN_USER=admin, HUIMIN_PASSWORD in the environment
LOGIN = {"HUIMIN_USER": "admin", "HUIMIN_PASSWORD": "demo"}


def run_text(*args: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **LOGIN},
    )
    return done.returncode, done.stdout, done.stderr


def run(*args: str, ok: bool = True) -> dict[str, Any]:
    status, out, err = run_text(*args, "--json")
    return checked(status, out, err, ok)


def checked(status: int, out: str, err: str, ok: bool) -> dict[str, Any]:
    if ok:
        assert status == 0, err
    else:
        assert status == 1 and err.count("\n") == 1, err
    return json.loads(out) if out.strip() else {}


def edit_phone(data: Path, household_id: str, phone: str) -> None:
    with open_station(data) as station, station.db.session("cadre") as session:
        session.get(Household, household_id).phone = phone


def test_city_office_walk_through(tmp_path: Path) -> None:
    status, out, err = walk_through(tmp_path, run, run_text)
    assert status == 1 and err.count("\n") == 1, err
    assert "1 个同步包未合并（其余 1 个已合并）" in err and "FORGED" in err
    assert "已合并，新增 0，更新 1" in out


def walk_through(tmp_path: Path, run: Run, run_text: RunText) -> tuple[int, str, str]:
    """The README's steps (and the refusals around them); the last one, a batch with a forged package,
    is run for its human-readable output, which the caller checks."""
    city, a, b, stick = tmp_path / "city", tmp_path / "a", tmp_path / "b", tmp_path / "stick"
    stick.mkdir()
    run(
        "init",
        "--level",
        "city",
        "--name",
        "朝阳市民委",
        "--division",
        "211300",
        "--admin",
        "admin",
        "--data",
        str(city),
    )
    setups = {}
    for folder, code, name in ((a, "211381204000", "马友营蒙古族乡"), (b, "211381205000", "蒙古营乡")):
        enrolled = run(
            "enroll",
            "--division",
            code,
            "--name",
            name,
            "--out",
            str(stick / f"{code}.hms"),
            "--data",
            str(city),
        )
        setups[folder] = enrolled["setup_file"]
        code_typed = enrolled["setup_code"].lower().replace("-", " ")  # as a cadre might type it
        station = run(
            "init",
            "--setup",
            enrolled["setup_file"],
            "--code",
            code_typed,
            "--admin",
            "admin",
            "--data",
            str(folder),
        )
        assert station["station"] == enrolled["station"] and station["level"] == "township"
        run("demo", "--households", "25", "--seed", code[-4:], "--data", str(folder))

    # nothing goes down before a township has registered
    early = run("export", "--to", str(stick), "--for", "211381204000", "--data", str(city), ok=False)
    assert early["ok"] is False and early["error"] == "sync.recipient_not_registered"
    first = [run("export", "--to", str(stick), "--data", str(t))["package"] for t in (a, b)]
    verified = run("verify", first[0], "--data", str(city))
    assert verified["ok"] and verified["records"] > 25
    preview = run("merge", *first, "--dry-run", "--data", str(city))
    merged = run("merge", *first, "--data", str(city))
    assert [p["status"] for p in merged["packages"]] == ["applied", "applied"]
    assert [p["new"] for p in merged["packages"]] == [p["new"] for p in preview["packages"]]

    with open_station(a) as station:
        household_id = _some_household(station)
    edit_phone(a, household_id, "13922222222")
    edit_phone(city, household_id, "13911111111")
    again = run("merge", run("export", "--to", str(stick), "--data", str(a))["package"], "--data", str(city))
    (package,) = again["packages"]
    assert package["conflicts"] == 1 and package["conflict_list"][0]["field"] == "phone"
    listed = run("conflicts", "--data", str(city))["conflicts"]
    assert [c["field"] for c in listed] == ["phone"]

    back = run("export", "--to", str(stick), "--for", "211381204000", "--data", str(city))
    applied = run("merge", back["package"], "--data", str(a))
    assert applied["packages"][0]["status"] == "applied"
    with open_station(a) as township, open_station(city) as city_station:
        assert township.households.get(household_id).phone == city_station.households.get(household_id).phone

    # the same package again changes nothing; a package for another township is refused in one line
    assert run("merge", back["package"], "--data", str(a))["packages"][0]["status"] == "already-applied"
    refused = run("merge", back["package"], "--data", str(b), ok=False)
    assert refused["packages"][0]["status"] == "rejected"

    # a batch with one refused package: the others go in, the exit status and one stderr line say so
    edit_phone(b, _some_household_of(b), "13712345678")
    fresh = run("export", "--to", str(stick), "--data", str(b))["package"]
    # the city's own return package on the stick is skipped (status own), not refused
    skipped = run("merge", back["package"], "--data", str(city))["packages"][0]
    assert skipped["status"] == "own" and skipped["reason"]
    forged = stick / "FORGED"
    shutil.copytree(first[0], forged)
    (forged / "MANIFEST.JSN").write_bytes(
        (forged / "MANIFEST.JSN").read_bytes().replace(b'"records"', b'"records" ')
    )
    return run_text("merge", fresh, str(forged), "--data", str(city))


def _some_household_of(data: Path) -> str:
    with open_station(data) as station:
        return _some_household(station)


def _some_household(station: Station) -> str:
    from sqlalchemy import select

    with station.db.reader() as session:
        return session.scalars(select(Household.id).order_by(Household.id)).first()
