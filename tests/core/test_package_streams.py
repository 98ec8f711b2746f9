"""The byte layer of packages: the chunked stream construction, the attachment volumes written by two
threads, and the read-back that compares what the disk returns with what was written."""

from __future__ import annotations

import hashlib
import os
import threading
from pathlib import Path

import pytest

from huimin_desktop.sync.keys import StationKeys
from huimin_desktop.sync.package import open_package
from huimin_desktop.sync.package_blobs import (
    _by_volume,
    _Piece,
    _VolumeHandles,
    _Volumes,
    plan_blobs,
    read_back,
    volume_size_for,
    write_blobs,
)
from huimin_desktop.sync.package_streams import (
    ABYTES,
    CHUNK,
    HEADER_BYTES,
    BufferedEncryptor,
    FileEntry,
    PackageError,
    SpanReader,
    SpanWriter,
    StreamDecryptor,
    new_stream_key,
    stream_length,
)
from tests.core.test_package_container import RECIPIENT_ID, SENDER_ID, make_blobs, trusting, write

KEY = new_stream_key()


def _stream(folder: Path, plain: bytes) -> bytes:
    """``plain`` as one stream, the way the records are written; returns the stream's bytes."""
    name = f"S{len(list(folder.glob('S*')))}"
    span = SpanWriter(folder, name, 1 << 30, single_file=True)
    encryptor = BufferedEncryptor(KEY, span)
    encryptor.write(plain)
    encryptor.finish()
    span.close()
    return (folder / name).read_bytes()


def _open(folder: Path, data: bytes, key: bytes = KEY) -> bytes:
    (folder / "R").write_bytes(data)
    span = SpanReader(folder, [FileEntry("R", len(data), "")], check_hashes=False)
    try:
        return b"".join(StreamDecryptor(key, span, len(data), "测试流").chunks())
    finally:
        span.close()


def _chunks(stream: bytes) -> tuple[bytes, list[bytes]]:
    sealed = stream[HEADER_BYTES:]
    step = CHUNK + ABYTES
    return stream[:HEADER_BYTES], [sealed[i : i + step] for i in range(0, len(sealed), step)]


@pytest.fixture
def three_chunks(tmp_path: Path) -> tuple[bytes, bytes]:
    plain = os.urandom(2 * CHUNK + 1000)
    return plain, _stream(tmp_path, plain)


def test_a_stream_round_trips_and_has_the_length_its_size_says(tmp_path: Path, three_chunks) -> None:
    plain, stream = three_chunks
    assert len(stream) == stream_length(len(plain))
    assert _open(tmp_path, stream) == plain
    empty = _stream(tmp_path, b"")
    assert len(empty) == stream_length(0) and _open(tmp_path, empty) == b""


def test_a_stream_cut_at_a_chunk_boundary_is_refused(tmp_path: Path, three_chunks) -> None:
    _plain, stream = three_chunks
    salt, chunks = _chunks(stream)
    with pytest.raises(PackageError, match="无法通过校验"):
        _open(
            tmp_path, salt + b"".join(chunks[:2])
        )  # a whole chunk short: its last one is not sealed as last


def test_reordered_or_extended_chunks_are_refused(tmp_path: Path, three_chunks) -> None:
    _plain, stream = three_chunks
    salt, chunks = _chunks(stream)
    with pytest.raises(PackageError, match="无法通过校验"):
        _open(tmp_path, salt + chunks[1] + chunks[0] + chunks[2])
    with pytest.raises(PackageError, match="无法通过校验"):
        _open(tmp_path, salt + chunks[0] + chunks[1] + chunks[1] + chunks[2])


def test_a_chunk_from_another_stream_or_key_is_refused(tmp_path: Path, three_chunks) -> None:
    plain, stream = three_chunks
    salt, chunks = _chunks(stream)
    _other_salt, other = _chunks(_stream(tmp_path, plain))  # same content, same key, other salt
    with pytest.raises(PackageError, match="无法通过校验"):
        _open(tmp_path, salt + other[0] + chunks[1] + chunks[2])
    with pytest.raises(PackageError, match="无法通过校验"):
        _open(tmp_path, stream, key=new_stream_key())


def test_volume_sizes_give_each_worker_whole_volumes() -> None:
    assert volume_size_for(1 << 30, 1 << 28) == 1 << 26  # 1 GiB: sixteen volumes of 64 MiB
    assert volume_size_for(10 << 30, 1 << 28) == 1 << 28  # never above the limit
    assert volume_size_for(1 << 20, 1 << 28) == 16 << 20  # small packages: one 16 MiB volume
    assert volume_size_for(1 << 20, 1000) == 1000  # a smaller limit always wins


def test_many_volumes_with_streams_across_their_boundaries_round_trip(tmp_path: Path) -> None:
    sender, recipient = StationKeys.generate(SENDER_ID), StationKeys.generate(RECIPIENT_ID)
    sizes = [300_000, 5, 0, 1_500_000, 70_000, 2 * CHUNK, 999_999, 123]
    blobs = make_blobs(tmp_path / "store", sizes)
    written = write(tmp_path / "stick", sender, recipient, blobs=blobs, volume_size=200_000)
    volumes = sorted(p.name for p in written.path.glob("BLOBS.0*"))
    assert len(volumes) > 8 and all((written.path / n).stat().st_size <= 200_000 for n in volumes)

    plans = plan_blobs((sha, path, None) for sha, path in blobs)
    groups = _by_volume(plans, 200_000)
    assert [p for g in groups for p in g] == plans  # every stream once, in order
    assert any(p.offset // 200_000 != (p.offset + p.length - 1) // 200_000 for p in plans)  # straddlers

    reader = open_package(written.path, keys=recipient, sign_key_for=trusting(sender))
    staging = tmp_path / "staging"
    staging.mkdir()
    got = {blob.sha256: blob.path.read_bytes() for blob in reader.blobs(staging, check_hashes=True)}
    assert got == {sha: path.read_bytes() for sha, path in blobs}


def _written_volume(folder: Path, data: bytes, piece: int) -> tuple[_Volumes, list[list[_Piece]]]:
    volumes = _Volumes(folder, "V", 1 << 30, len(data))
    pieces: list[list[_Piece]] = [[]]
    handles = _VolumeHandles(volumes, pieces)
    for start in reversed(range(0, len(data), piece)):  # out of order, as two threads write
        handles.write_at(start, memoryview(data)[start : start + piece])
    handles.close()
    return volumes, pieces


def test_the_read_back_returns_the_sha256_of_what_was_written(tmp_path: Path) -> None:
    data = os.urandom(3 * CHUNK + 77)
    volumes, pieces = _written_volume(tmp_path, data, CHUNK // 3)
    entry = read_back(volumes, 0, pieces[0], threading.Event())
    assert (entry.name, entry.size, entry.sha256) == ("V.000", len(data), hashlib.sha256(data).hexdigest())


@pytest.mark.parametrize("fault", ["flipped bit", "lost piece", "extra bytes", "short file"])
def test_the_read_back_catches_what_the_disk_changed(tmp_path: Path, fault: str) -> None:
    data = os.urandom(CHUNK + 5000)
    volumes, pieces = _written_volume(tmp_path, data, 4096)
    path = volumes.paths[0]
    if fault == "flipped bit":
        damaged = bytearray(path.read_bytes())
        damaged[700_001] ^= 0x10
        path.write_bytes(bytes(damaged))
    elif fault == "lost piece":  # bytes on disk that nothing wrote (a write the disk dropped)
        pieces[0] = [p for p in pieces[0] if p.offset != 8192]
    elif fault == "extra bytes":
        with path.open("ab") as handle:
            handle.write(b"\0")
    else:
        with path.open("r+b") as handle:
            handle.truncate(len(data) - 1)
    with pytest.raises(PackageError, match=r"读回校验失败：V\.000"):
        read_back(volumes, 0, pieces[0], threading.Event())


def test_a_store_file_that_changed_size_while_sealing_is_refused(tmp_path: Path) -> None:
    blobs = make_blobs(tmp_path / "store", [50_000])
    plans = plan_blobs((sha, path, None) for sha, path in blobs)
    blobs[0][1].write_bytes(blobs[0][1].read_bytes()[:-1])  # shorter than planned
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(PackageError, match="附件库中的文件已损坏"):
        write_blobs(out, "BLOBS", KEY, plans, volume_size=1 << 30, progress=lambda _done: None)
