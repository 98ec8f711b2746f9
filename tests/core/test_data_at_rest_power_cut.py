"""Power cuts with encryption on (issue 13): the process is SIGKILLed at random points while it saves
households and attachments, while it merges a package, and during the first encryption of a folder
of the previous version. Afterwards the database opens with the password, passes integrity_check and
holds every change that was committed before the kill, and every attachment file is whole (it opens
under the data key and has the hash it is stored under) or absent: never half-written.

The test kill points are drawn from ``HUIMIN_POWER_CUT_SEED`` (a fixed default) so that a failure
can be replayed; ``HUIMIN_POWER_CUTS`` sets how many kills each scenario gets (default 3).
"""

from __future__ import annotations

import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select, text

from huimin_desktop.demo import generate_demo
from huimin_desktop.media import samples
from huimin_desktop.model import Attachment, Household
from huimin_desktop.security.vault import Vault
from huimin_desktop.services.station import Station
from huimin_desktop.store.attachments import BlobStore
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.sealed_files import SealedFileError
from tests.core.test_data_at_rest import clear_folder_with_files, clear_traces
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station, open_station, setup_station

ROOT = Path(__file__).resolve().parents[2]
KILLS = int(os.environ.get("HUIMIN_POWER_CUTS", "3"))
RNG = random.Random(int(os.environ.get("HUIMIN_POWER_CUT_SEED", "20261203")))

SAVER = """
import sys
from pathlib import Path
from huimin_desktop.media import samples
from tests.core.sync_helpers import add_household
from tests.core.test_attachment_store import make_project
from tests.stations import open_station

folder, photos = Path(sys.argv[1]), Path(sys.argv[2])
with open_station(folder) as station:
    project = make_project(station, "P" + sys.argv[3])
    print("ready", flush=True)
    for number in range(10_000):
        household = add_household(station, f"断电{number}", members=2)
        print("household", household, flush=True)
        name = f"{sys.argv[3]}-{number}.jpg"
        photo = samples.write_jpeg(photos / name, seed=number, size=(900, 700), noise=True)
        [record] = station.attachments.add_files("project", project, [photo]).added
        print("attachment", record.sha256, flush=True)
"""


def _env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HUIMIN_USER": TEST_ADMIN,
        "HUIMIN_PASSWORD": TEST_PASSWORD,
        **extra,
    }


def _kill_after(command: list[str], delay: float, env: dict[str, str], ready: str | None = None) -> list[str]:
    """Run ``command``; SIGKILL it ``delay`` seconds after it printed ``ready`` (or started); its lines."""
    child = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    assert child.stdout is not None
    lines: list[str] = []
    if ready is not None:
        for line in child.stdout:
            lines.append(line.strip())
            if line.strip() == ready:
                break
    time.sleep(delay)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=60)
    lines += [line.strip() for line in child.stdout.read().splitlines()]
    return lines


def whole_or_absent(station: Station) -> int:
    """Every file in the store opens under the data key; those a row uses have their hash. How many."""
    store = BlobStore(station.db.folder.attachments_dir, station.db.data_key)
    with station.db.reader() as session:
        used = set(session.scalars(select(Attachment.sha256)))
    named = {store.name(sha256): sha256 for sha256 in used}
    count = 0
    for name, path in store.stored():
        digest = hashlib.sha256()
        try:
            for chunk in store.sealer.chunks(path, ""):
                digest.update(chunk)
        except SealedFileError as exc:
            raise AssertionError(f"half-written or damaged attachment file {path}") from exc
        if name in named:
            assert digest.hexdigest() == named[name], path
        count += 1
    return count


def integrity_ok(station: Station) -> None:
    with station.db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA integrity_check")).scalar() == "ok"


def test_saves_killed_at_random_points_keep_every_committed_change(tmp_path: Path) -> None:
    folder, photos = tmp_path / "station", tmp_path / "photos"
    photos.mkdir()
    new_station(folder, level="township", name="马友营蒙古族乡", division_code="211381204000").close()
    committed: list[str] = []
    attached: list[str] = []
    for kill in range(KILLS):
        delay = RNG.uniform(0.2, 2.5)
        lines = _kill_after(
            [sys.executable, "-c", SAVER, str(folder), str(photos), str(kill)], delay, _env(), "ready"
        )
        committed += [line.split()[1] for line in lines if line.startswith("household ")]
        attached += [line.split()[1] for line in lines if line.startswith("attachment ")]
        with open_station(folder) as station:
            integrity_ok(station)
            with station.db.reader() as session:
                ids = set(session.scalars(select(Household.id)))
            assert set(committed) <= ids, f"kill {kill} at {delay:.2f} s lost committed households"
            for sha256 in attached:
                assert hashlib.sha256(station.attachments.read_bytes(sha256)).hexdigest() == sha256
            whole_or_absent(station)
            assert station.check().ok, station.check().problems
    assert committed and attached  # the kills came after some saves


def test_merges_killed_at_random_points_are_all_or_nothing(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300") as city:
        setup = city.enrollment.enroll("township", "马友营蒙古族乡", "211381204000", stick / "setup.json")
    with setup_station(tmp_path / "township", setup.setup_file, setup.setup_code) as township:
        generate_demo(township, 30, seed=2, attachments_mb=8)
        package = township.sync.export(stick).package
        households = township.households.count()
    pristine = tmp_path / "city-before"
    shutil.copytree(tmp_path / "city", pristine)
    command = [sys.executable, str(ROOT / "main.py"), "merge", str(package), "--data", str(tmp_path / "city")]
    window = _window(command, tmp_path / "city", pristine)
    outcomes = []
    for kill in range(KILLS):
        delay = _stratified(window, kill)
        _kill_after(command, delay, _env())
        staged = [p for p in (tmp_path / "city" / "staging").rglob("*") if p.is_file()]
        with open_station(tmp_path / "city") as city:
            integrity_ok(city)
            count = city.households.count()
            assert count in (0, households), f"kill {kill} at {delay:.2f} s: {count} households, half a merge"
            blobs = whole_or_absent(city)
            outcomes.append((round(delay, 2), count, blobs, len(staged)))
            if count:  # too late: it was merged; start again from before
                city.close()
                shutil.rmtree(tmp_path / "city")
                shutil.copytree(pristine, tmp_path / "city")
    with open_station(tmp_path / "city") as city:  # and the merge completes afterwards
        (summary,) = city.sync.merge([package])
        assert summary.status == "applied" and city.households.count() == households
        assert city.check().ok and whole_or_absent(city) > 0
    print("merge kills (delay, households, blob files, staged files):", outcomes)


def test_the_first_encryption_killed_at_random_points_goes_on_and_loses_nothing(tmp_path: Path) -> None:
    template, shas = clear_folder_with_files(tmp_path / "template", tmp_path)
    clear_store = BlobStore(template.attachments_dir, None)  # the previous version's clear store
    for number in range(4):  # more (unused) photos, so that the sealing takes a while
        photo = samples.write_jpeg(
            tmp_path / f"big{number}.jpg", seed=50 + number, size=(2400, 1800), noise=True
        )
        shas.append(clear_store.ingest(photo).sha256)
    env = _env(HUIMIN_USER="boss", HUIMIN_PASSWORD="boss-pass")
    clean = tmp_path / "clean"
    window = _window(
        [sys.executable, str(ROOT / "main.py"), "check", "--data", str(clean)], clean, template.root, env
    )
    states = []
    for kill in range(KILLS):
        folder = tmp_path / f"old{kill}"
        shutil.copytree(template.root, folder)
        delay = _stratified(window, kill)
        _kill_after([sys.executable, str(ROOT / "main.py"), "check", "--data", str(folder)], delay, env)
        vault = DataFolder(folder).vault_path
        states.append(
            (
                round(delay, 2),
                vault.is_file() and Vault.load(vault).state,
                len(clear_traces(DataFolder(folder), shas)),
            )
        )
        with Station.open(
            folder, "boss", "boss-pass"
        ) as station:  # a kill before the vault: first login again
            integrity_ok(station)
            assert station.households.count() == 1
            with station.db.reader() as session:
                assert session.scalar(select(func.count()).select_from(Attachment)) == 3
            store = BlobStore(station.db.folder.attachments_dir, station.db.data_key)
            for sha256 in shas:
                assert hashlib.sha256(store.read_bytes(sha256)).hexdigest() == sha256, (kill, delay)
            whole_or_absent(station)
            assert station.check().ok, station.check().problems
        assert clear_traces(DataFolder(folder), shas) == [], (kill, delay)
    print("first-encryption kills (delay, vault state, clear traces left):", states)


def _window(
    command: list[str], folder: Path, pristine: Path, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """(start-up, whole run) of ``command`` on a copy of ``pristine`` at ``folder``, in seconds: kills
    are spread over that window, so that they land while the work is in progress."""
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(pristine, folder)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env or _env(), capture_output=True, timeout=600)
    assert done.returncode == 0, done.stderr
    total = time.perf_counter() - started
    shutil.rmtree(folder)
    shutil.copytree(pristine, folder)
    return total * 0.3, total * 0.8


def _stratified(window: tuple[float, float], kill: int) -> float:
    """Kill ``kill`` lands in the kill-th slice of the window, at a random point within it."""
    width = (window[1] - window[0]) / KILLS
    return window[0] + width * (kill + RNG.random())
