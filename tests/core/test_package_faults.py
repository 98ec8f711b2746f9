"""Fault injection on the package container: every damaged, foreign or forged package is refused.

Each fault is applied to a fresh copy of a good package; opening it and reading everything (records
and blobs into a staging folder, the way a merge does) must fail with one ``PackageError`` carrying a
one-line Chinese reason, leave the staging folder empty, and write nothing anywhere else.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import update

from huimin_desktop import messages
from huimin_desktop.demo import generate_demo
from huimin_desktop.errors import ServiceError
from huimin_desktop.model import SyncPeer
from huimin_desktop.services.station import Station
from huimin_desktop.store import schema
from huimin_desktop.sync.keys import StationKeys, load_keys
from huimin_desktop.sync.package import (
    FORMAT_VERSION,
    INDEX,
    MANIFEST,
    SIGNATURE,
    PackageError,
    inspect_package,
    open_package,
)
from tests.core.test_package_container import RECIPIENT_ID, SENDER_ID, make_blobs, write
from tests.stations import connect_db, new_station, setup_station

SENDER = StationKeys.generate(SENDER_ID)
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
NEWER = f"{int(schema.HEAD_REVISION) + 1:04d}"
NEWER_REASON = f"同步包来自较新版本的程序（数据结构 {NEWER}），请先升级本程序"
RECIPIENT = StationKeys.generate(RECIPIENT_ID)
VOLUME = 40_000


def lookup(station_id: str) -> str:
    if station_id == SENDER_ID:
        return SENDER.sign_public_hex
    raise ServiceError(code="sync.unregistered_station", station=station_id[:8])


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two good packages from the same sender to the same recipient (the second for swapping files)."""
    root = tmp_path_factory.mktemp("packages")
    blobs = make_blobs(root / "store", [0, 30_000, 90_000, 5])
    first = write(root / "a", SENDER, RECIPIENT, records=2000, blobs=blobs, volume_size=VOLUME).path
    other = make_blobs(root / "store2", [0, 30_000, 90_000, 5], seed=2)
    second = write(root / "b", SENDER, RECIPIENT, records=2000, blobs=other, volume_size=VOLUME).path
    return first, second


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
        if not p.is_symlink()
    }


def assert_refused(
    package: Path, *, sign_key_for: Callable[[str], str] = lookup, keys: StationKeys = RECIPIENT
) -> str:
    """Open and read everything as a merge would; it must fail cleanly. Returns the reason."""
    workspace = package.parent
    staging = workspace / "staging"
    store = workspace / "store"
    staging.mkdir(exist_ok=True)
    store.mkdir(exist_ok=True)
    before = snapshot(workspace)
    with pytest.raises(PackageError) as refused:
        reader = open_package(package, keys=keys, sign_key_for=sign_key_for)
        for _record in reader.records():
            pass
        for sha256, path, *_ in reader.blobs(staging):
            path.replace(store / sha256)
    assert list(staging.iterdir()) == [] and list(store.iterdir()) == []
    assert snapshot(workspace) == before
    reason = refused.value.message
    assert reason and "\n" not in reason and any("\u4e00" <= ch <= "\u9fff" for ch in reason), reason
    # and in English: every refusal of the package itself carries a code the catalog words
    english = messages.describe(refused.value, messages.EN)
    assert refused.value.coded and refused.value.code in messages.CATALOG, reason
    words = re.sub(r"“[^”]*”|'[^']*'", "", english)  # quoted data values (names) stay as typed
    assert english and "\n" not in english and not CJK.search(words), english
    # The one-pass verification (what `verify` and the writer's read-back use) refuses it too.
    with pytest.raises(PackageError):
        inspect_package(package, keys=keys, sign_key_for=sign_key_for)
    assert snapshot(workspace) == before
    return reason


def fresh_copy(package: Path, into: Path) -> Path:
    target = into / package.name
    shutil.copytree(package, target)
    return target


def resign(package: Path, change: Callable[[dict], None], *, signer: StationKeys = SENDER) -> None:
    manifest = json.loads((package / MANIFEST).read_bytes())
    change(manifest)
    data = json.dumps(manifest, indent=1).encode("ascii")
    (package / MANIFEST).write_bytes(data)
    (package / SIGNATURE).write_bytes(signer.sign(data))


def test_the_good_package_passes_the_same_harness(packages: tuple[Path, Path], tmp_path: Path) -> None:
    package = fresh_copy(packages[0], tmp_path)
    staging = tmp_path / "staging"
    staging.mkdir()
    reader = open_package(package, keys=RECIPIENT, sign_key_for=lookup)
    assert sum(1 for _ in reader.records()) == 2000
    assert len(list(reader.blobs(staging))) == 4
    assert {p.name for p in package.iterdir()} >= {"PAYLOAD.000", "PAYLOAD.001", "BLOBS.002", INDEX}


def _offsets(size: int) -> list[int]:
    step = max(1, size // 9)
    fixed = [0, 1, 23, 24, 25, 41, size // 2, size - 17, size - 16, size - 1]
    return sorted({o for o in [*fixed, *range(0, size, step)] if 0 <= o < size})


def test_truncation_at_many_offsets_of_every_file(packages: tuple[Path, Path], tmp_path: Path) -> None:
    original = packages[0]
    reasons = set()
    for file in sorted(original.iterdir()):
        for offset in _offsets(file.stat().st_size):
            case = tmp_path / f"{file.name}-{offset}"
            case.mkdir()
            package = fresh_copy(original, case)
            with (package / file.name).open("r+b") as handle:
                handle.truncate(offset)
            reasons.add(assert_refused(package))
            shutil.rmtree(case)
    assert any("大小" in r for r in reasons) and any("签名" in r or "清单" in r for r in reasons)


def test_bit_flips_in_the_manifest_and_signature(packages: tuple[Path, Path], tmp_path: Path) -> None:
    original = packages[0]
    for name in (MANIFEST, SIGNATURE):
        size = (original / name).stat().st_size
        for offset in range(0, size, max(1, size // 40)):
            case = tmp_path / f"{name}-{offset}"
            case.mkdir()
            package = fresh_copy(original, case)
            data = bytearray((package / name).read_bytes())
            data[offset] ^= 0x10
            (package / name).write_bytes(bytes(data))
            assert_refused(package)
            shutil.rmtree(case)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    which=st.integers(min_value=0, max_value=100),
    where=st.floats(0, 1, exclude_max=True),
    bit=st.integers(0, 7),
)
def test_bit_flips_anywhere(packages: tuple[Path, Path], which: int, where: float, bit: int) -> None:
    files = sorted(packages[0].iterdir())
    chosen = files[which % len(files)]
    with tempfile.TemporaryDirectory() as scratch:
        package = fresh_copy(packages[0], Path(scratch))
        data = bytearray((package / chosen.name).read_bytes())
        offset = int(where * len(data))
        data[offset] ^= 1 << bit
        (package / chosen.name).write_bytes(bytes(data))
        assert_refused(package)


def test_a_file_added_removed_or_swapped_from_another_package(
    packages: tuple[Path, Path], tmp_path: Path
) -> None:
    original, other = packages
    cases: dict[str, Callable[[Path], None]] = {
        "added": lambda p: (p / "EXTRA.TXT").write_text("x"),
        "added-folder": lambda p: (p / "SUB").mkdir(),
        "removed-volume": lambda p: (p / "BLOBS.001").unlink(),
        "removed-index": lambda p: (p / INDEX).unlink(),
        "removed-signature": lambda p: (p / SIGNATURE).unlink(),
        "removed-manifest": lambda p: (p / MANIFEST).unlink(),
        "swapped-payload": lambda p: shutil.copy(other / "PAYLOAD.000", p / "PAYLOAD.000"),
        "swapped-blobs": lambda p: shutil.copy(other / "BLOBS.001", p / "BLOBS.001"),
        "swapped-index": lambda p: shutil.copy(other / INDEX, p / INDEX),
        "swapped-signature": lambda p: shutil.copy(other / SIGNATURE, p / SIGNATURE),
        "swapped-manifest": lambda p: [shutil.copy(other / n, p / n) for n in (MANIFEST, SIGNATURE)],
        "volumes-reordered": lambda p: [
            (p / "BLOBS.000").rename(p / "TMP"),
            (p / "BLOBS.001").rename(p / "BLOBS.000"),
            (p / "TMP").rename(p / "BLOBS.001"),
        ],
    }
    reasons = {}
    for label, fault in cases.items():
        case = tmp_path / label
        case.mkdir()
        package = fresh_copy(original, case)
        fault(package)
        reasons[label] = assert_refused(package)
    assert "EXTRA.TXT" in reasons["added"]
    assert "缺少" in reasons["removed-volume"] and "BLOBS.001" in reasons["removed-volume"]
    assert "签名" in reasons["swapped-signature"]


def test_signed_by_an_unknown_revoked_or_other_key(packages: tuple[Path, Path], tmp_path: Path) -> None:
    package = fresh_copy(packages[0], tmp_path)

    def revoked(station_id: str) -> str:
        raise ServiceError(code="sync.revoked_station", name="马友营蒙古族乡", date="2026-11-29")

    def unknown(station_id: str) -> str:
        raise ServiceError(code="sync.unregistered_station", station=station_id[:8])

    assert "已吊销" in assert_refused(package, sign_key_for=revoked)
    assert "未登记" in assert_refused(package, sign_key_for=unknown)
    assert "签名无效" in assert_refused(
        package, sign_key_for=lambda _id: StationKeys.generate().sign_public_hex
    )
    # An impostor who signs a manifest naming the real sender as origin.
    resign(package, lambda m: None, signer=StationKeys.generate())
    assert "签名无效" in assert_refused(package)


@pytest.mark.parametrize(
    "name",
    [
        "../EVIL.TXT",
        "..",
        "A/B",
        "..\\X",
        "/etc/passwd",
        "C:EVIL",
        "LONGNAMEXX.000",
        "payload.000",
        "乡.TXT",
        "CON.000",
    ],
)
def test_a_path_that_tries_to_escape_is_refused_before_anything_is_read(
    packages: tuple[Path, Path], tmp_path: Path, name: str
) -> None:
    package = fresh_copy(packages[0], tmp_path)

    def rename_first_volume(manifest: dict) -> None:
        manifest["files"][0]["name"] = name
        manifest["payload"][0] = name

    resign(package, rename_first_volume)
    (tmp_path / "staging").mkdir()
    (tmp_path / "store").mkdir()
    before_outside = snapshot(tmp_path)  # "../EVIL.TXT" would land right here
    reason = assert_refused(package)
    assert "不安全的文件名" in reason
    assert snapshot(tmp_path) == before_outside


def test_a_symlink_in_place_of_a_volume_is_refused(packages: tuple[Path, Path], tmp_path: Path) -> None:
    package = fresh_copy(packages[0], tmp_path)
    target = tmp_path / "elsewhere"
    shutil.copy(package / "PAYLOAD.000", target)
    (package / "PAYLOAD.000").unlink()
    (package / "PAYLOAD.000").symlink_to(target)
    assert "不是正常文件" in assert_refused(package)


def test_a_newer_schema_or_format_is_refused(packages: tuple[Path, Path], tmp_path: Path) -> None:
    package = fresh_copy(packages[0], tmp_path)
    resign(package, lambda m: m.update(schema=NEWER))
    assert assert_refused(package) == NEWER_REASON
    resign(package, lambda m: m.update(schema=schema.HEAD_REVISION, format_version=FORMAT_VERSION + 1))
    assert "请先升级本程序" in assert_refused(package)
    resign(package, lambda m: m.update(format_version=FORMAT_VERSION - 1))
    assert "格式较旧" in assert_refused(package)


def test_a_package_for_another_station_is_refused(packages: tuple[Path, Path], tmp_path: Path) -> None:
    package = fresh_copy(packages[0], tmp_path)
    assert "其他站点" in assert_refused(package, keys=StationKeys.generate("c3" * 16))


def test_forged_counts_and_index_are_caught(packages: tuple[Path, Path], tmp_path: Path) -> None:
    """Even a manifest the sender itself signed cannot claim what the encrypted streams do not hold."""
    package = fresh_copy(packages[0], tmp_path)
    resign(package, lambda m: m.update(records=1999))
    assert "记录数" in assert_refused(package)
    resign(package, lambda m: m.update(records=2000, attachments=5))
    assert "附件目录" in assert_refused(package)


def test_not_a_package_at_all(tmp_path: Path) -> None:
    (tmp_path / "EMPTY").mkdir()
    assert "MANIFEST.JSN" in assert_refused(tmp_path / "EMPTY")
    (tmp_path / "FILE").write_text("x")
    assert "不是同步包" in assert_refused(tmp_path / "FILE")
    (tmp_path / "JUNK").mkdir()
    (tmp_path / "JUNK" / MANIFEST).write_bytes(b"\xff\xfe not json")
    (tmp_path / "JUNK" / SIGNATURE).write_bytes(b"")
    assert "清单" in assert_refused(tmp_path / "JUNK")


# -- the same faults through a real merge ------------------------------------------------------------


def logical_dump(station: Station) -> dict[str, list[str]]:
    """Every row of every table (as text, sorted), straight from SQLite."""
    connection = connect_db(f"file:{station.db.folder.db_path}?mode=ro", uri=True)
    try:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {table: sorted(map(repr, connection.execute(f'SELECT * FROM "{table}"'))) for table in tables}
    finally:
        connection.close()


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture(scope="module")
def merge_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Station, Station, Path]]:
    """A county, a township it enrolled (with households and photos), and the township's package."""
    root = tmp_path_factory.mktemp("merge")
    county = new_station(root / "county", level="county", name="北票市民宗局", division_code="211381")
    setup = county.enrollment.enroll("township", "马友营蒙古族乡", "211381204000", root / "setup.json")
    township = setup_station(root / "township", setup.setup_file, setup.setup_code)
    generate_demo(township, 6, seed=5, attachments_mb=1)
    (root / "stick").mkdir()
    exported = township.sync.export(root / "stick")
    assert exported.attachments > 0
    try:
        yield county, township, exported.package
    finally:
        county.close()
        township.close()


def assert_merge_refuses(county: Station, package: Path) -> str:
    before = logical_dump(county)
    blobs_before = files_under(county.db.folder.attachments_dir)
    (summary,) = county.sync.merge([package])
    assert summary.status == "rejected", (summary.status, summary.reason)
    assert summary.reason and "\n" not in summary.reason
    assert logical_dump(county) == before
    assert files_under(county.db.folder.attachments_dir) == blobs_before
    assert files_under(county.db.folder.staging_dir) == []
    return summary.reason


def _merge_faults(package: Path) -> dict[str, Callable[[Path], None]]:
    faults: dict[str, Callable[[Path], None]] = {
        "added": lambda p: (p / "EXTRA.TXT").write_text("x"),
        "removed-index": lambda p: (p / INDEX).unlink(),
        "removed-blobs": lambda p: (p / "BLOBS.000").unlink(),
        "newer-schema": lambda p: resign(p, lambda m: m.update(schema=NEWER), signer=TOWNSHIP_KEYS[0]),
        "escape": lambda p: resign(
            p, lambda m: (m["files"][0].update(name="../X.000"), m["payload"].__setitem__(0, "../X.000"))
        ),
    }
    for file in sorted(package.iterdir()):
        size = file.stat().st_size
        for offset in sorted({0, size // 2, size - 1}):
            faults[f"cut-{file.name}-{offset}"] = lambda p, n=file.name, o=offset: _truncate(p / n, o)
            faults[f"flip-{file.name}-{offset}"] = lambda p, n=file.name, o=offset: _flip(p / n, o)
    return faults


TOWNSHIP_KEYS: list[StationKeys] = []


def _truncate(path: Path, offset: int) -> None:
    with path.open("r+b") as handle:
        handle.truncate(offset)


def _flip(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_faults_through_merge_change_nothing(
    merge_world: tuple[Station, Station, Path], tmp_path: Path
) -> None:
    county, township, package = merge_world
    TOWNSHIP_KEYS[:] = [load_keys(township.db.folder)]
    reasons = {}
    for label, fault in _merge_faults(package).items():
        case = tmp_path / label
        case.mkdir()
        damaged = fresh_copy(package, case)
        fault(damaged)
        reasons[label] = assert_merge_refuses(county, damaged)
    assert reasons["newer-schema"] == NEWER_REASON
    assert "不安全" in reasons["escape"]
    # After all that, the good package still merges.
    (summary,) = county.sync.merge([package])
    assert summary.status == "applied" and summary.new > 0
    assert files_under(county.db.folder.staging_dir) == []


def test_unknown_revoked_and_misaddressed_packages_through_merge(
    merge_world: tuple[Station, Station, Path], tmp_path: Path
) -> None:
    county, township, package = merge_world
    # A station enrolled by another county: unknown here.
    with new_station(
        tmp_path / "other", level="county", name="喀左县民宗局", division_code="211324"
    ) as other:
        setup = other.enrollment.enroll("township", "某乡", "211324200000", tmp_path / "s.json")
        with setup_station(tmp_path / "stranger", setup.setup_file, setup.setup_code) as stranger:
            (tmp_path / "stick").mkdir()
            foreign = stranger.sync.export(tmp_path / "stick").package
    assert "未登记" in assert_merge_refuses(county, foreign)

    # A package addressed to another county (same township keys, re-sealed elsewhere) is not ours.
    keys = load_keys(township.db.folder)
    misaddressed = write(
        tmp_path / "mis",
        keys,
        StationKeys.generate("c3" * 16),
        records=10,
        header={"from_seq": 0, "to_seq": 1},
    ).path
    assert "其他站点" in assert_merge_refuses(county, misaddressed)

    county.enrollment.revoke(township.info().id, "笔记本电脑丢失")
    try:
        fresh = fresh_copy(package, tmp_path)
        assert "已吊销" in assert_merge_refuses(county, fresh)
    finally:
        with county.db.session(capture=False) as session:  # let the other tests of the module go on
            session.execute(update(SyncPeer).values(revoked_at=None))
