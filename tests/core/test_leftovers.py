"""What killed processes leave behind is swept (issue 11), through the real command line.

Attachments in ``staging/`` (a killed merge; sealed, as in the store) and temporary blobs in the
attachment store (a killed intake) go at the next start, and ``check`` says what it found;
half-written package folders (``HM*.TMP``) on a stick go at the next export to that folder or merge
of it. Anything a running process may still be writing (younger than the age guard) and every
complete package stay.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from tests.core.sync_helpers import add_household, enroll_station, files_of, logical_dump
from tests.stations import new_station, open_station

ROOT = Path(__file__).resolve().parents[2]
HOURS_AGO = time.time() - 3 * 3600


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def _aged(path: Path) -> Path:
    for item in [path, *path.rglob("*")] if path.is_dir() else [path]:
        os.utime(item, (HOURS_AGO, HOURS_AGO))
    return path


def test_staging_and_temporary_blobs_left_by_kills_are_reported_and_swept(tmp_path: Path) -> None:
    data = tmp_path / "city"
    with new_station(data, level="city", name="朝阳市民委", division_code="211300") as city:
        before = logical_dump(city, local=True)
        store = city.db.folder.attachments_dir
        staging = city.db.folder.staging_dir
    killed = staging / "merge-999999999-18a2b3c4d5e6f708"  # no such process
    killed.mkdir(parents=True)
    (killed / "blob-000000.part").write_bytes(b"\xff\xd8 half a decrypted photo" * 100)
    (killed / "blob-000001.part").write_bytes(b"another")
    (store / "ab").mkdir(parents=True, exist_ok=True)
    stale_tmp = store / "ab" / "0123abcd.tmp"  # 0 bytes: an intake killed before it wrote
    stale_tmp.touch()
    _aged(stale_tmp)
    live_tmp = store / "ab" / "4567ef01.tmp"  # another process's, being written now
    live_tmp.touch()

    done = run("check", "--quick", "--json", "--data", str(data))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    assert any("2 个附件文件（已加密" in line for line in report["leftovers"]), report
    assert not any("解密" in line for line in report["leftovers"]), report  # staging is sealed now
    assert any("1 个中断写入留下的临时文件" in line for line in report["leftovers"]), report
    assert not killed.exists() and not stale_tmp.exists()
    assert live_tmp.exists()
    with open_station(data) as city:
        assert logical_dump(city, local=True) == before
        assert city.check().leftovers == ()  # nothing left to report the second time


def test_half_written_packages_on_the_stick_are_swept_at_export_and_merge(tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    with new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300") as city:
        township = enroll_station(
            city, "township", "马友营蒙古族乡", "211381204000", stick / "setup.json", tmp_path / "t"
        )
        (stick / "setup.json").unlink(missing_ok=True)
        add_household(township, "宝斯鲁", members=1)
        complete = township.sync.export(stick).package
        township.close()
    old = stick / "HMA1B2C3.TMP"
    old.mkdir()
    (old / "PAYLOAD.000").write_bytes(b"x" * 1000)
    _aged(old)
    fresh = stick / "HMD4E5F6.TMP"  # an export writing right now
    fresh.mkdir()
    (fresh / "PAYLOAD.000").write_bytes(b"y")
    complete_files = files_of(complete)

    done = run("export", "--to", str(stick), "--data", str(tmp_path / "t"), "--json")
    assert done.returncode == 0, done.stderr
    assert not old.exists() and fresh.exists()
    assert files_of(complete) == complete_files
    import shutil

    shutil.rmtree(json.loads(done.stdout)["package"])  # only the first package goes to the city

    _aged(fresh)  # the export that wrote it was killed long ago
    done = run("merge", str(stick), "--data", str(tmp_path / "city"), "--json")
    assert done.returncode == 0, done.stderr
    assert not fresh.exists()
    assert files_of(complete) == complete_files
    statuses = [p["status"] for p in json.loads(done.stdout)["packages"]]
    assert statuses[0] == "applied"


def test_the_leftover_lines_say_what_was_found_in_the_current_language() -> None:
    from huimin_desktop import messages
    from huimin_desktop.services.leftovers import Leftovers

    found = Leftovers(staging_files=3, staging_bytes=3 * 1024**2, temp_blobs=1, package_folders=2)
    try:
        messages.set_language("zh")
        chinese = found.describe()
        pending = found.describe(pending=True)
        messages.set_language("en")
        english = found.describe(pending=True)
    finally:
        messages.set_language("zh")
    assert chinese[0] == "中断的合并在暂存区留下 3 个附件文件（已加密，3.0 MB），已清除"
    assert all(line.endswith("将在下次启动时清除") for line in pending)
    assert english[0] == (
        "A killed merge left 3 attachment file(s) in staging (sealed, 3.0 MB): "
        "to be removed at the next start"
    )
    assert "2 half-written sync package(s)" in english[2]
    assert not any(any("\u4e00" <= ch <= "\u9fff" for ch in line) for line in english)
    assert Leftovers().describe() == []
