"""Failing cleanly through the real command line: exit 1, one line on stderr, and nothing changed.

Every case compares the database (a logical dump of every table), the attachment store and the files
on the stick (or the output folder) before and after the failed command: wrong output paths, a database
another program holds past the busy timeout, the same package merged by two processes at once.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.core.test_cli import ROOT, assert_failed_cleanly, run, snapshot
from tests.core.test_failing_cleanly import database_dump
from tests.core.test_roster_fixtures import sample_rows, write_office_xlsx
from tests.stations import connect_db

TOWNSHIP, TOWNSHIP_NAME = "211381204000", "马友营蒙古族乡"


@dataclass(frozen=True)
class Pair:
    """A city and a township set up from its setup file, the township's package on the stick."""

    city: Path
    township: Path
    stick: Path
    package: Path
    roster: Path


def ok(*args: str) -> dict:
    done = run(*args, "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def build_pair(root: Path) -> Pair:
    city, township, stick = root / "city", root / "township", root / "stick"
    stick.mkdir(parents=True)
    ok("demo", "--households", "20", "--seed", "3", "--data", str(city))  # a city demo station
    setup = ok(
        "enroll", "--division", TOWNSHIP, "--name", TOWNSHIP_NAME, "--out", str(root / "setup.json"),
        "--data", str(city),
    )  # fmt: skip
    ok("init", "--setup", str(root / "setup.json"), "--code", setup["setup_code"], "--admin", "admin",
       "--data", str(township))  # fmt: skip
    ok("demo", "--households", "20", "--attachments-mb", "2", "--seed", "4", "--data", str(township))
    package = Path(ok("export", "--to", str(stick), "--data", str(township))["package"])
    roster = write_office_xlsx(root / "roster.xlsx", sample_rows())
    return Pair(city, township, stick, package, roster)


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> Pair:
    return build_pair(tmp_path_factory.mktemp("failures"))


def state(*folders: Path, outputs: Path | None = None) -> tuple:
    """Each station's logical dump and attachment store, and every file under ``outputs``."""
    stations = tuple((database_dump(f), snapshot(f / "attachments")) for f in folders)
    return stations, snapshot(outputs) if outputs is not None else None


# -- output paths and arguments, checked before any transaction ------------------------------------


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A folder nothing may be written to: chmod for a user, a read-only tmpfs for root (who ignores
    permission bits), else skipped."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)])
    if mounted.returncode != 0:
        pytest.skip("root without mount: no read-only folder to try")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=False)


def _outputs(tmp_path: Path, read_only: Path) -> dict[str, Path]:
    (tmp_path / "a-folder.xlsx").mkdir()
    (tmp_path / "taken.json").write_text("another station's setup file", encoding="utf-8")
    return {
        "missing-folder": tmp_path / "missing" / "deeper" / "out.xlsx",
        "a-folder": tmp_path / "a-folder.xlsx",
        "read-only": read_only / "out.xlsx",
        "parent-is-file": tmp_path / "taken.json" / "out.xlsx",
    }


COMMANDS = {
    "export-roster": lambda p, out: ("export-roster", "--out", str(out), "--data", str(p.township)),
    "enroll": lambda p, out: (
        "enroll",
        "--division",
        "211381205000",
        "--name",
        "蒙古营乡",
        "--out",
        str(out),
        "--data",
        str(p.city),
    ),
    "import-roster": lambda p, out: (
        "import-roster",
        str(p.roster),
        "--rejected-out",
        str(out),
        "--data",
        str(p.township),
    ),
    "export": lambda p, out: ("export", "--to", str(out.parent), "--data", str(p.township)),
}


@pytest.mark.parametrize("where", ["missing-folder", "a-folder", "read-only", "parent-is-file"])
@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_output_paths_are_checked_before_anything_changes(
    pair: Pair, tmp_path: Path, read_only_folder: Path, command: str, where: str
) -> None:
    out = _outputs(tmp_path, read_only_folder)[where]
    if command == "export" and where == "a-folder":
        out = tmp_path / "taken.json" / "x"  # export's target is a folder: a file given instead
    before = state(pair.city, pair.township, outputs=tmp_path)
    result = run(*COMMANDS[command](pair, out))
    assert_failed_cleanly(result)
    assert state(pair.city, pair.township, outputs=tmp_path) == before
    english = run(*COMMANDS[command](pair, out), "--lang", "en")
    assert_failed_cleanly(english)
    assert english.stderr.startswith("Error: ")
    assert str(out.parent) in result.stderr  # where: the folder (or the path) that is wrong


def test_enroll_never_overwrites_a_file(pair: Pair, tmp_path: Path) -> None:
    taken = tmp_path / "setup.json"
    taken.write_text("another station's setup file, not yet used", encoding="utf-8")
    before = state(pair.city, outputs=tmp_path)
    result = run(*COMMANDS["enroll"](pair, taken))
    assert_failed_cleanly(result)
    assert "已存在" in result.stderr and str(taken) in result.stderr
    assert state(pair.city, outputs=tmp_path) == before


def test_export_roster_wants_an_xlsx_name(pair: Pair, tmp_path: Path) -> None:
    before = state(pair.township, outputs=tmp_path)
    result = run(*COMMANDS["export-roster"](pair, tmp_path / "roster.csv"))
    assert_failed_cleanly(result)
    assert ".xlsx" in result.stderr and state(pair.township, outputs=tmp_path) == before


# -- a database another program holds past the busy timeout ----------------------------------------


@pytest.fixture
def write_lock() -> Iterator:
    """Hold a station's write lock (as another program's long transaction would) for the block."""
    held: list = []

    def hold(data: Path) -> None:
        connection = connect_db(data / "huimin.db", isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        held.append(connection)

    yield hold
    for connection in held:
        connection.rollback()
        connection.close()


LOCKED = {
    "export": lambda p: ("export", "--to", str(p.stick), "--data", str(p.township)),
    "import-roster": lambda p: ("import-roster", str(p.roster), "--data", str(p.township)),
    "enroll": lambda p: (
        "enroll",
        "--division",
        "211381205000",
        "--name",
        "蒙古营乡",
        "--out",
        str(p.stick / "s.json"),
        "--data",
        str(p.city),
    ),
    "demo": lambda p: ("demo", "--households", "5", "--data", str(p.township)),
}


@pytest.mark.parametrize("command", sorted(LOCKED))
def test_a_locked_database_is_one_line_and_changes_nothing(pair: Pair, write_lock, command: str) -> None:
    """An export waiting on the lock leaves no package the database does not know of."""
    data = pair.city if command == "enroll" else pair.township
    write_lock(data)
    before = state(data, outputs=pair.stick)
    result = run(*LOCKED[command](pair), env={"HUIMIN_BUSY_TIMEOUT_MS": "300"})  # not the 10 s a user waits
    assert_failed_cleanly(result)
    assert "数据库正被另一个程序使用" in result.stderr and "huimin.db" in result.stderr
    assert state(data, outputs=pair.stick) == before


# -- the same package merged by two processes at once -----------------------------------------------


def _lock_file(city: Path) -> Path | None:
    return next((city / "staging").glob("lock-*"), None)


@pytest.mark.skipif(sys.platform == "win32", reason="stops the first merge with SIGSTOP")
def test_the_same_package_merged_twice_at_once(pair: Pair, tmp_path: Path) -> None:
    """The second process stops with one line while the first is still merging; the first goes on."""
    city = tmp_path / "city"
    shutil.copytree(pair.city, city)
    first = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "merge", str(pair.package), "--json", "--data", str(city)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        while _lock_file(city) is None and first.poll() is None:
            time.sleep(0.002)
        first.send_signal(signal.SIGSTOP)  # the first merge is stuck half-way, holding the package
        assert first.poll() is None, "the first merge ended before it could be caught merging"
        before = state(city, outputs=pair.stick)
        second = run("merge", str(pair.package), "--data", str(city))
        assert second.returncode == 1 and second.stderr.count("\n") == 1, second
        assert "正由另一个程序合并" in second.stderr and "Traceback" not in second.stderr
        assert state(city, outputs=pair.stick) == before
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=120)
    assert first.returncode == 0, err
    (merged,) = json.loads(out)["packages"]
    assert merged["status"] == "applied" and merged["new"] > 0
    assert _lock_file(city) is None
    again = json.loads(run("merge", str(pair.package), "--json", "--data", str(city)).stdout)
    assert again["packages"][0]["status"] == "already-applied"


# -- check reads one snapshot ------------------------------------------------------------------------

WRITER = """
import sys
from pathlib import Path
from tests.stations import open_station
station = open_station(Path(sys.argv[1]))
seed = 100
while not Path(sys.argv[2]).exists():
    station.generate_demo(3, seed=seed)
    seed += 1
    print(seed, flush=True)
station.close()
"""


def test_check_sees_one_snapshot_while_another_process_writes(pair: Pair, tmp_path: Path) -> None:
    """A demo writer commits households (and their search index rows) all the time; no check of the
    same folder meanwhile finds a problem, and the checks themselves end."""
    from tests.stations import open_station

    data = tmp_path / "township"
    shutil.copytree(pair.township, data)
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(data), str(stop)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    try:
        assert writer.stdout is not None and writer.stdout.readline()  # it has committed once
        with open_station(data) as station:
            reports = [station.check(verify_hashes=False) for _ in range(15)]
        cli = run("check", "--quick", "--json", "--data", str(data))
    finally:
        stop.touch()
        writer.communicate(timeout=120)
    assert writer.returncode == 0
    assert [r.problems for r in reports] == [()] * 15
    assert cli.returncode == 0 and json.loads(cli.stdout)["problems"] == [], cli.stderr
    with open_station(data) as station:
        assert station.households.count() > 20  # the writer did write meanwhile


def test_check_still_finds_a_broken_search_index(pair: Pair, tmp_path: Path) -> None:
    data = tmp_path / "township"
    shutil.copytree(pair.township, data)
    with connect_db(data / "huimin.db", isolation_level=None) as connection:
        rowid, text = connection.execute("SELECT rowid, search_text FROM household LIMIT 1").fetchone()
        connection.execute(
            "INSERT INTO household_search(household_search, rowid, search_text) VALUES ('delete', ?, ?)",
            (rowid, text),
        )
    result = run("check", "--quick", "--json", "--data", str(data))
    assert result.returncode == 1
    assert json.loads(result.stdout)["problems"] == ["农户搜索索引与农户数据不一致（可重建索引修复）"]
    english = run("--lang", "en", "check", "--quick", "--data", str(data))  # worded by the catalog
    assert english.returncode == 1 and english.stdout.startswith(
        "Problems found:\nThe household search index does not match the households"
    ), english.stdout


# -- a full disk ---------------------------------------------------------------------------------------


def run_on_full_disk(limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    """The command with every file it writes capped at ``limit`` bytes (RLIMIT_FSIZE, SIGXFSZ ignored):
    each write past it fails with EFBIG, as writes to a full disk fail with ENOSPC, without root."""
    import resource

    def cap() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=os.environ.copy(),
        timeout=300,
        preexec_fn=cap,
    )


FULL_DISK = {
    "demo": lambda p, _r: ("demo", "--households", "200", "--attachments-mb", "3", "--data", str(p.township)),
    "import-roster": lambda p, roster: ("import-roster", str(roster), "--data", str(p.township)),
    "enroll": lambda p, _r: (
        "enroll",
        "--division",
        "211381205000",
        "--name",
        "蒙古营乡",
        "--out",
        str(p.stick / "s.json"),
        "--data",
        str(p.city),
    ),
}
DISK_FULL_WORDS = ("磁盘空间已满", "超过了允许的大小", "磁盘可能已满")


@pytest.fixture(scope="module")
def big_roster(pair: Pair) -> Path:
    from tests.core.test_roster_fixtures import make_id

    rows = [
        ["三家子", f"户主{i}", "男", "蒙古族", make_id(f"19{60 + i // 500}0101", (i % 500) * 2 + 1), 3]
        for i in range(1500)
    ]
    return write_office_xlsx(pair.roster.with_name("big.xlsx"), rows)


def copied(pair: Pair, root: Path) -> Pair:
    """The pair's stations and stick copied under ``root``: for a test whose command might go through."""
    for folder in (pair.city, pair.township, pair.stick):
        shutil.copytree(folder, root / folder.name)
    package = root / "stick" / pair.package.name
    return Pair(root / "city", root / "township", root / "stick", package, pair.roster)


# (command, file size limit): limits low enough to fail before the end, high enough that it starts
FULL_DISK_CASES = [
    ("demo", 40_000),  # the first photo
    ("demo", 600_000),  # the database's write-ahead log
    ("import-roster", 40_000),
    ("import-roster", 600_000),
    ("enroll", 1_000),  # the setup file
    ("enroll", 20_000),  # the database
]


@pytest.mark.skipif(sys.platform == "win32", reason="RLIMIT_FSIZE is POSIX")
@pytest.mark.parametrize(("command", "limit"), FULL_DISK_CASES)
def test_a_full_disk_is_one_line_and_changes_nothing(
    pair: Pair, big_roster: Path, tmp_path: Path, command: str, limit: int
) -> None:
    mine = copied(pair, tmp_path)
    data = mine.city if command == "enroll" else mine.township
    before = state(data, outputs=mine.stick)
    result = run_on_full_disk(limit, *FULL_DISK[command](mine, big_roster))
    assert_failed_cleanly(result)
    assert any(words in result.stderr for words in DISK_FULL_WORDS), result.stderr
    assert state(data, outputs=mine.stick) == before


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator:
    """mount(size) → an empty tmpfs of that many bytes (root only; elsewhere the RLIMIT_FSIZE cases
    above stand for it)."""
    if sys.platform == "win32" or os.geteuid() != 0:
        pytest.skip("a real small disk needs root (mount)")
    mounted: list[Path] = []

    def mount(size: int) -> Path:
        folder = tmp_path / "small-disk"
        folder.mkdir()
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)])
        if done.returncode != 0:
            pytest.skip("mount refused")
        mounted.append(folder)
        return folder

    yield mount
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=False)


@pytest.mark.parametrize("command", ["demo", "import-roster"])
def test_a_really_full_disk_is_the_same_one_line(
    pair: Pair, big_roster: Path, small_disk, command: str
) -> None:
    """ENOSPC from a real disk: the station on it with 400 kB to spare, the command needing more."""
    disk = small_disk(_size(pair.township) + 400_000)
    shutil.copytree(pair.township, disk / "township")
    mine = Pair(pair.city, disk / "township", pair.stick, pair.package, pair.roster)
    before = state(mine.township)
    result = run(*FULL_DISK[command](mine, big_roster))
    assert_failed_cleanly(result)
    assert any(words in result.stderr for words in DISK_FULL_WORDS), result.stderr
    assert state(mine.township) == before


# -- verify ------------------------------------------------------------------------------------------


def test_verify_of_this_stations_own_package_is_own_and_exit_0(pair: Pair) -> None:
    done = run("verify", str(pair.package), "--json", "--data", str(pair.township))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    payload = json.loads(done.stdout)
    assert (payload["status"], payload["ok"]) == ("own", True)
    assert "本站自己导出的同步包" in payload["reason"] and TOWNSHIP_NAME not in payload["reason"]
    human = run("verify", str(pair.package), "--data", str(pair.township))
    assert human.returncode == 0 and "本站自己导出的同步包" in human.stdout and human.stderr == ""


def test_verify_says_why_on_stderr(pair: Pair, tmp_path: Path) -> None:
    broken = tmp_path / pair.package.name
    shutil.copytree(pair.package, broken)
    victim = next(p for p in sorted(broken.iterdir()) if p.name != "MANIFEST.JSN")
    victim.write_bytes(victim.read_bytes()[:-1] + b"\0")  # one byte changed on the stick
    before = state(pair.city, outputs=tmp_path)
    done = run("verify", str(broken), "--json", "--data", str(pair.city))
    assert done.returncode == 1 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    payload = json.loads(done.stdout)
    assert (payload["ok"], payload["status"]) == (False, "rejected")
    assert payload["reason"] in done.stderr and "校验" in payload["reason"]  # the changed byte
    assert state(pair.city, outputs=tmp_path) == before


# -- setup-file and enrollment errors carry stable codes ----------------------------------------------


def test_setup_and_enrollment_errors_have_codes_and_both_languages(pair: Pair, tmp_path: Path) -> None:
    from huimin_desktop.messages import describe
    from huimin_desktop.sync.enrollment import SetupFileError, read_setup_file

    setup = pair.city.parent / "setup.json"
    for path, code in ((tmp_path / "none.json", "setup.not_found"), (tmp_path, "setup.is_folder")):
        with pytest.raises(SetupFileError) as caught:
            read_setup_file(path)
        assert caught.value.code == code and str(path) in (describe(caught.value, "en") or "")
    wrong = run("init", "--setup", str(setup), "--code", "AAAA-BBBB-CCCC", "--admin", "admin",
                "--data", str(tmp_path / "laptop"), "--lang", "en")  # fmt: skip
    assert_failed_cleanly(wrong)
    assert "Wrong setup code" in wrong.stderr and not (tmp_path / "laptop").exists()
    before = state(pair.city, outputs=tmp_path)
    again = run("enroll", "--division", TOWNSHIP, "--name", TOWNSHIP_NAME, "--out", str(tmp_path / "s.json"),
                "--data", str(pair.city), "--lang", "en")  # fmt: skip
    assert_failed_cleanly(again)
    assert "already enrolled" in again.stderr and "--force" in again.stderr
    out = str(tmp_path / "s.json")
    chinese = run(
        "enroll", "--division", TOWNSHIP, "--name", TOWNSHIP_NAME, "--out", out, "--data", str(pair.city)
    )
    assert_failed_cleanly(chinese)
    assert "已于" in chinese.stderr and "--force" in chinese.stderr
    assert state(pair.city, outputs=tmp_path) == before
