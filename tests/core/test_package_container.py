"""The package container: records and blobs round-trip, volumes split, nothing personal in the clear."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from huimin_desktop.progress import Cancelled, TaskState
from huimin_desktop.store import schema
from huimin_desktop.sync.keys import StationKeys
from huimin_desktop.sync.package import (
    FORMAT_VERSION,
    INDEX,
    MANIFEST,
    SIGNATURE,
    PackageError,
    find_packages,
    inspect_package,
    open_package,
    write_package,
)

SENDER_ID, RECIPIENT_ID = "a1" * 16, "b2" * 16
HEAD_NAME, HEAD_ID, HEAD_PHONE = "宝斯鲁", "211381198703150617", "13904213377"
MEMBER_NAME, MEMBER_ID = "乌云其其格", "21138119900823062X"


@pytest.fixture(scope="module")
def sender() -> StationKeys:
    return StationKeys.generate(SENDER_ID)


@pytest.fixture(scope="module")
def recipient() -> StationKeys:
    return StationKeys.generate(RECIPIENT_ID)


def household_records(count: int) -> Iterator[dict[str, Any]]:
    for number in range(count):
        yield {
            "t": "household",
            "id": f"{number:032x}",
            "o": SENDER_ID,
            "s": f"0001{number:012d}-0000-{SENDER_ID}",
            "h": hashlib.sha256(str(number).encode()).hexdigest(),  # something zlib cannot squeeze
            "v": {"head_name": f"{HEAD_NAME}{number}", "phone": HEAD_PHONE, "address": "马友营村三组"},
        }
        yield {
            "t": "member",
            "id": f"{number:031x}f",
            "v": {"name": MEMBER_NAME, "id_number": MEMBER_ID if number else HEAD_ID, "photo": None},
        }


def make_blobs(folder: Path, sizes: list[int], seed: int = 1) -> list[tuple[str, Path]]:
    folder.mkdir(parents=True, exist_ok=True)
    blobs = []
    for number, size in enumerate(sizes):
        data = hashlib.shake_256(f"{seed}-{number}".encode()).digest(size) if size else b""
        path = folder / f"{HEAD_NAME}家门前-{number}.jpg"  # an attachment file name that must not leak
        path.write_bytes(data)
        blobs.append((hashlib.sha256(data).hexdigest(), path))
    return blobs


def write(
    dest: Path,
    sender: StationKeys,
    recipient: StationKeys,
    *,
    records: int = 50,
    blobs: list[tuple[str, Path]] | None = None,
    header: dict[str, Any] | None = None,
    volume_size: int = 1 << 30,
    task: TaskState | None = None,
):
    dest.mkdir(parents=True, exist_ok=True)
    return write_package(
        dest,
        header=header if header is not None else {"from_seq": 0, "to_seq": 9},
        records=household_records(records // 2),
        blobs=blobs or [],
        sender=sender,
        recipient=recipient.station_id,
        recipient_box_key=recipient.box_public_hex,
        task=task,
        volume_size=volume_size,
    )


def trusting(sender: StationKeys):
    def sign_key_for(station_id: str) -> str:
        assert station_id == sender.station_id
        return sender.sign_public_hex

    return sign_key_for


def test_records_and_blobs_round_trip(tmp_path: Path, sender: StationKeys, recipient: StationKeys) -> None:
    blobs = make_blobs(tmp_path / "store", [0, 1, 1 << 20, (1 << 20) + 1, 3_500_000])
    header = {"from_seq": 3, "to_seq": 77, "tables": {"household": 10}}
    written = write(tmp_path / "stick", sender, recipient, records=10, blobs=blobs, header=header)
    assert (written.records, written.attachments) == (10, 5)
    assert written.bytes == sum(p.stat().st_size for p in written.path.iterdir())
    assert re.fullmatch(r"HM\d{10}[0-9A-F]{4}", written.path.name)
    assert list((tmp_path / "stick").iterdir()) == [written.path]  # no temporary folder left

    reader = open_package(written.path, keys=recipient, sign_key_for=trusting(sender))
    assert reader.manifest["header"] == header
    assert reader.manifest["package_id"] == written.package_id
    assert list(reader.records()) == list(household_records(5))
    staging = tmp_path / "staging"
    staging.mkdir()
    received = {}
    for sha256, path, *_ in reader.blobs(staging):
        received[sha256] = path.read_bytes()
        path.unlink()
    assert received == {sha: path.read_bytes() for sha, path in blobs}
    assert list(staging.iterdir()) == []


def test_duplicate_blobs_are_stored_once(tmp_path: Path, sender: StationKeys, recipient: StationKeys) -> None:
    blobs = make_blobs(tmp_path / "store", [1000, 2000])
    written = write(tmp_path / "stick", sender, recipient, blobs=blobs + blobs[:1])
    assert written.attachments == 2


def test_the_header_is_read_after_the_records_were_consumed(
    tmp_path: Path, sender: StationKeys, recipient: StationKeys
) -> None:
    header: dict[str, Any] = {"from_seq": 0}

    def records() -> Iterator[dict[str, Any]]:
        yield from household_records(3)
        header["to_seq"] = 42  # the lead's generator fills the header in at its end

    (tmp_path / "stick").mkdir()
    written = write_package(
        tmp_path / "stick",
        header=header,
        records=records(),
        blobs=[],
        sender=sender,
        recipient=RECIPIENT_ID,
        recipient_box_key=recipient.box_public_hex,
        task=None,
    )
    info = inspect_package(written.path, keys=recipient, sign_key_for=trusting(sender))
    assert info.header == {"from_seq": 0, "to_seq": 42}
    assert (info.origin, info.recipient, info.records) == (SENDER_ID, RECIPIENT_ID, 6)


def test_volumes_split_at_the_given_size_with_short_ascii_names(
    tmp_path: Path, sender: StationKeys, recipient: StationKeys
) -> None:
    blobs = make_blobs(tmp_path / "store", [300_000, 10, 2_100_000])
    written = write(tmp_path / "stick", sender, recipient, records=4000, blobs=blobs, volume_size=400_000)
    names = sorted(p.name for p in written.path.iterdir())
    assert {MANIFEST, SIGNATURE, INDEX, "PAYLOAD.000", "BLOBS.000", "BLOBS.005"} <= set(names)
    for name in names:
        assert re.fullmatch(r"[A-Z0-9]{1,8}\.[A-Z0-9]{3}", name), name
    for path in written.path.iterdir():
        if path.name.startswith(("BLOBS.0", "PAYLOAD.")):
            assert path.stat().st_size <= 400_000
    info = inspect_package(written.path, keys=recipient, sign_key_for=trusting(sender))
    assert (info.records, info.attachments, info.bytes) == (4000, 3, written.bytes)
    staging = tmp_path / "staging"
    staging.mkdir()
    reader = open_package(written.path, keys=recipient, sign_key_for=trusting(sender))
    assert sum(1 for _ in reader.records()) == 4000
    assert {blob.sha256 for blob in reader.blobs(staging)} == {sha for sha, _ in blobs}


def test_the_manifest_says_what_the_design_asks_and_nothing_personal(
    tmp_path: Path, sender: StationKeys, recipient: StationKeys
) -> None:
    blobs = make_blobs(tmp_path / "store", [5000, 70_000])
    written = write(tmp_path / "stick", sender, recipient, records=200, blobs=blobs, volume_size=50_000)
    manifest = json.loads((written.path / MANIFEST).read_bytes())
    assert manifest["format_version"] == FORMAT_VERSION == 2
    assert manifest["schema"] == schema.HEAD_REVISION
    assert (manifest["origin"], manifest["recipient"]) == (SENDER_ID, RECIPIENT_ID)
    assert manifest["origin_fingerprint"] == sender.fingerprint
    files = {entry["name"]: entry for entry in manifest["files"]}
    for path in written.path.iterdir():
        if path.name in (MANIFEST, SIGNATURE):
            continue
        assert files[path.name]["size"] == path.stat().st_size
        assert files[path.name]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert len((written.path / SIGNATURE).read_bytes()) == 64


def test_no_name_id_number_phone_or_attachment_detail_in_any_byte(
    tmp_path: Path, sender: StationKeys, recipient: StationKeys
) -> None:
    blobs = make_blobs(tmp_path / "store", [20_000, 0])
    written = write(tmp_path / "stick", sender, recipient, records=400, blobs=blobs, volume_size=30_000)
    everything = b"".join(p.read_bytes() for p in sorted(written.path.iterdir()))
    secrets = [HEAD_NAME, MEMBER_NAME, HEAD_ID, MEMBER_ID, HEAD_PHONE, "马友营村", "家门前", ".jpg"]
    for secret in secrets:
        for encoding in ("utf-8", "utf-16-le", "gb18030"):
            assert secret.encode(encoding) not in everything, (secret, encoding)
    for sha256, _path in blobs:  # attachment hashes are inside the encrypted index only
        assert sha256.encode() not in everything
        assert bytes.fromhex(sha256) not in everything


def test_wrong_recipient_cannot_open(tmp_path: Path, sender: StationKeys, recipient: StationKeys) -> None:
    written = write(tmp_path / "stick", sender, recipient)
    stranger = StationKeys.generate("c3" * 16)
    with pytest.raises(PackageError, match="发给其他站点"):
        open_package(written.path, keys=stranger, sign_key_for=trusting(sender))
    impostor = StationKeys(stranger.signing_key, stranger.box_key, RECIPIENT_ID)
    with pytest.raises(PackageError, match="发给其他站点"):
        open_package(written.path, keys=impostor, sign_key_for=trusting(sender))


def test_cancel_and_errors_leave_no_package_behind(
    tmp_path: Path, sender: StationKeys, recipient: StationKeys
) -> None:
    stick = tmp_path / "stick"
    blobs = make_blobs(tmp_path / "store", [3_000_000, 3_000_000])
    task = TaskState(lambda done, _total, message: task.cancel() if "附件" in message else None)
    with pytest.raises(Cancelled):
        write(stick, sender, recipient, blobs=blobs, task=task)
    assert list(stick.iterdir()) == []

    late = TaskState(lambda _done, _total, message: late.cancel() if "校验" in message else None)
    with pytest.raises(Cancelled):
        write(stick, sender, recipient, records=5000, task=late)  # cancelled while verifying
    assert list(stick.iterdir()) == []

    blobs[1][1].unlink()
    with pytest.raises(PackageError, match="附件库中缺少文件"):
        write(stick, sender, recipient, blobs=blobs)
    assert list(stick.iterdir()) == []
    with pytest.raises(PackageError, match="公钥无效"):
        write_package(
            stick,
            header={},
            records=[],
            blobs=[],
            sender=sender,
            recipient=RECIPIENT_ID,
            recipient_box_key="00",
        )
    assert list(stick.iterdir()) == []


def test_find_packages(tmp_path: Path, sender: StationKeys, recipient: StationKeys) -> None:
    stick = tmp_path / "stick"
    first = write(stick, sender, recipient).path
    second = write(stick, sender, recipient).path
    (stick / "HM0A1B2C.TMP").mkdir()  # a write that was cut short
    (stick / "notes.txt").write_text("x")
    assert find_packages(first) == [first]
    assert find_packages(stick) == sorted([first, second], key=lambda p: p.name)
    assert find_packages(tmp_path / "store") == [tmp_path / "store"]


def test_memory_stays_flat_with_big_blobs(
    tmp_path: Path, sender: StationKeys, recipient: StationKeys
) -> None:
    blobs = make_blobs(tmp_path / "store", [24 << 20, 24 << 20])
    tracemalloc.start()
    try:
        written = write(
            tmp_path / "stick", sender, recipient, records=2000, blobs=blobs, volume_size=20 << 20
        )
        reader = open_package(written.path, keys=recipient, sign_key_for=trusting(sender))
        staging = tmp_path / "staging"
        staging.mkdir()
        for _sha, path, *_ in reader.blobs(staging):
            os.unlink(path)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 << 20, peak  # 48 MB of attachments went through a few 1 MiB buffers


def test_a_damaged_blob_in_the_store_never_travels(
    tmp_path: Path, sender: StationKeys, recipient: StationKeys
) -> None:
    blobs = make_blobs(tmp_path / "store", [2_500_000, 100])
    data = bytearray(blobs[0][1].read_bytes())
    data[2_000_000] ^= 0xFF  # bit rot on the laptop's disk
    blobs[0][1].write_bytes(bytes(data))
    with pytest.raises(PackageError, match="附件库中的文件已损坏"):
        write(tmp_path / "stick", sender, recipient, blobs=blobs)
    assert list((tmp_path / "stick").iterdir()) == []


def test_very_repetitive_records_inflate_in_bounded_pieces(
    tmp_path: Path, sender: StationKeys, recipient: StationKeys
) -> None:
    (tmp_path / "stick").mkdir()
    records = ({"t": "note", "id": "0" * 32, "v": {"text": "无" * 2000}} for _ in range(20_000))
    written = write_package(
        tmp_path / "stick",
        header={},
        records=records,
        blobs=[],
        sender=sender,
        recipient=RECIPIENT_ID,
        recipient_box_key=recipient.box_public_hex,
    )
    assert written.bytes < 2 << 20  # ~120 MB of JSON squeezed far below one chunk per ~64 MB
    reader = open_package(written.path, keys=recipient, sign_key_for=trusting(sender))
    assert sum(1 for _ in reader.records()) == 20_000


def test_litter_from_other_systems_is_ignored(
    tmp_path: Path, sender: StationKeys, recipient: StationKeys
) -> None:
    written = write(tmp_path / "stick", sender, recipient)
    (written.path / "._MANIFEST.JSN").write_bytes(b"\x00\x05\x16\x07")  # macOS AppleDouble on FAT
    (written.path / "Thumbs.db").write_bytes(b"x")
    info = inspect_package(written.path, keys=recipient, sign_key_for=trusting(sender))
    assert info.records == 50
