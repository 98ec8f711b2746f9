"""Blob fingerprints (store/fingerprints.py): recorded wherever a blob enters the store, trusted by an
export instead of a second SHA-256, filled in and repaired by ``check``."""

from __future__ import annotations

from pathlib import Path

import pytest
import xxhash
from sqlalchemy import text

from huimin_desktop.demo import generate_demo
from huimin_desktop.errors import ServiceError
from huimin_desktop.media.samples import write_png
from huimin_desktop.services.station import Station
from huimin_desktop.services.sync import APPLIED
from huimin_desktop.sync.keys import StationKeys
from tests.core.sync_helpers import add_household
from tests.core.test_package_container import RECIPIENT_ID, SENDER_ID, make_blobs, write
from tests.core.test_sync_packages import enrolled  # noqa: F401 (a fixture)

SENDER, RECIPIENT = StationKeys.generate(SENDER_ID), StationKeys.generate(RECIPIENT_ID)


def fingerprints_of(station: Station) -> dict[str, tuple[int, str]]:
    with station.db.reader() as session:
        rows = session.execute(text("SELECT sha256, size, xxh3 FROM blob_fingerprint"))
        return {sha256: (size, xxh3) for sha256, size, xxh3 in rows}


def expected(station: Station, sha256: str) -> tuple[int, str]:
    data = station.attachments.read_bytes(sha256)
    return len(data), xxhash.xxh3_64_hexdigest(data)


def forget_fingerprints(station: Station) -> None:
    with station.db.session(capture=False) as session:
        session.execute(text("DELETE FROM blob_fingerprint"))


def rot(station: Station, sha256: str) -> None:
    """One flipped bit in a stored blob: the laptop's disk, not the program."""
    path = station.attachments.blob_path(sha256)
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 0x04
    path.write_bytes(bytes(data))


# -- the container ----------------------------------------------------------------------------------


def test_a_fingerprinted_blob_is_checked_by_its_fingerprint(tmp_path: Path) -> None:
    blobs = make_blobs(tmp_path / "store", [3_000_000, 40_000])
    known = {sha: (path.stat().st_size, xxhash.xxh3_64_hexdigest(path.read_bytes())) for sha, path in blobs}
    first = [(sha, path, known[sha]) for sha, path in blobs[:1]] + [(*blobs[1], None)]
    written = write(tmp_path / "stick", SENDER, RECIPIENT, blobs=first)
    # only the blob that came without one was hashed with SHA-256, and its fingerprint comes back
    assert written.attachments == 2
    assert written.fingerprints == ((blobs[1][0], *known[blobs[1][0]]),)

    data = bytearray(blobs[0][1].read_bytes())
    data[2_500_000] ^= 0x01
    blobs[0][1].write_bytes(bytes(data))
    stick = tmp_path / "stick2"
    with pytest.raises(ServiceError, match="附件库中的文件已损坏"):
        write(stick, SENDER, RECIPIENT, blobs=first)
    assert list(stick.iterdir()) == []


def test_a_blob_whose_size_differs_from_its_fingerprint_is_refused_before_writing(tmp_path: Path) -> None:
    ((sha, path),) = make_blobs(tmp_path / "store", [10_000])
    stick = tmp_path / "stick"
    with pytest.raises(ServiceError, match="附件库中的文件已损坏"):
        write(stick, SENDER, RECIPIENT, blobs=[(sha, path, (9_999, "0" * 16))])
    assert list(stick.iterdir()) == []


# -- where blobs enter the store --------------------------------------------------------------------


def test_intake_records_the_fingerprint_of_each_file(station: Station, tmp_path: Path) -> None:
    household = add_household(station, "张三")
    photos = [write_png(tmp_path / f"p{n}.png", seed=n) for n in range(3)]
    report = station.attachments.add_files("household", household, photos)
    assert len(report.added) == 3
    found = fingerprints_of(station)
    assert set(found) == {a.sha256 for a in report.added}
    assert all(found[sha] == expected(station, sha) for sha in found)


def test_demo_data_merge_and_export_record_fingerprints(enrolled) -> None:  # noqa: F811
    city, township, _other, stick = enrolled
    generate_demo(township, 20, seed=3, attachments_mb=1)
    sent = fingerprints_of(township)
    assert sent and all(value == expected(township, sha) for sha, value in sent.items())

    forget_fingerprints(township)  # a store from before revision 0008
    exported = township.sync.export(stick)
    assert fingerprints_of(township) == sent  # the export checked SHA-256 and recorded them

    (summary,) = city.sync.merge([exported.package])
    assert summary.status == APPLIED
    assert fingerprints_of(city) == sent  # the merge recorded what it stored


def test_an_export_refuses_a_blob_that_rotted_since_intake(enrolled) -> None:  # noqa: F811
    _city, township, _other, stick = enrolled
    generate_demo(township, 10, seed=4, attachments_mb=1)
    victim = sorted(fingerprints_of(township))[0]
    rot(township, victim)
    with pytest.raises(ServiceError, match=f"附件库中的文件已损坏（{victim[:12]}"):
        township.sync.export(stick)
    assert [p.name for p in stick.iterdir() if p.name.startswith("HM")] == []


def test_check_fills_in_and_repairs_fingerprints_but_not_for_a_damaged_blob(enrolled) -> None:  # noqa: F811
    _city, township, _other, _stick = enrolled
    generate_demo(township, 10, seed=5, attachments_mb=1)
    good = fingerprints_of(township)
    first, second, damaged = sorted(good)[:3]
    with township.db.session(capture=False) as session:
        session.execute(
            text("DELETE FROM blob_fingerprint WHERE sha256 IN (:a, :c)"), {"a": first, "c": damaged}
        )
        session.execute(
            text("UPDATE blob_fingerprint SET xxh3 = '0000000000000000' WHERE sha256 = :b"), {"b": second}
        )
    rot(township, damaged)

    report = township.check()
    assert [p for p in report.problems if damaged[:12] in p]  # reported…
    after = fingerprints_of(township)
    assert damaged not in after  # …and never vouched for
    assert after[first] == good[first] and after[second] == good[second]
