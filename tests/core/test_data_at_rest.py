"""Files at rest under the data key (issue 13): the sealed file format, the sealed attachment store,
thumbnails, drafts, merge staging, decrypted copies for players, and converting a clear folder."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from huimin_desktop.media import samples
from huimin_desktop.progress import TaskState
from huimin_desktop.services.drafts import DraftStore
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import create_station
from huimin_desktop.store.attachments import BlobStore
from huimin_desktop.store.database import Database
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.sealed_files import (
    CHUNK,
    DRAFTS,
    SealedFileError,
    Sealer,
    finish_clear_keepers,
    plain_size,
    seal_in_place,
    sealed_size,
)
from tests.core.sync_helpers import add_household
from tests.core.test_attachment_store import make_project

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))


# -- the format ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, 2 * CHUNK + 5])
def test_a_sealed_file_opens_to_its_bytes_at_chunk_edges(size: int, tmp_path: Path) -> None:
    data = os.urandom(size)
    sealer = Sealer(KEY, DRAFTS)
    path = tmp_path / "f"
    sealer.write_atomic(path, data, "ctx")
    assert path.stat().st_size == sealed_size(size) and plain_size(sealed_size(size)) == size
    assert sealer.read_bytes(path, "ctx") == data
    assert sealer.plain_size(path) == size and sealer.opens(path, "ctx")
    buffers = bytearray(CHUNK + 16), bytearray(CHUNK)  # the export's way: into reused buffers
    assert b"".join(bytes(chunk) for chunk in sealer.chunks_into(path, "ctx", *buffers)) == data
    with pytest.raises(SealedFileError):
        list(sealer.chunks_into(path, "other", *buffers))
    if size >= 16:
        assert data[:16] not in path.read_bytes()
    assert list(tmp_path.iterdir()) == [path]  # no temporary left


@settings(max_examples=40, deadline=None)
@given(data=st.binary(min_size=1, max_size=3000), where=st.integers(min_value=0), cut=st.integers(1, 40))
def test_a_flipped_bit_a_cut_or_another_context_never_opens(data: bytes, where: int, cut: int) -> None:
    sealer = Sealer(KEY, DRAFTS)
    sealed = sealer.seal(data, "a")
    flipped = bytearray(sealed)
    flipped[where % len(sealed)] ^= 0x01
    for bad, context in ((bytes(flipped), "a"), (sealed[:-cut], "a"), (sealed, "b")):
        with pytest.raises(SealedFileError):
            Sealer(KEY, DRAFTS).open_bytes(bad, context)
    with pytest.raises(SealedFileError):
        Sealer(OTHER_KEY, DRAFTS).open_bytes(sealed, "a")  # another station's key
    with pytest.raises(SealedFileError):
        Sealer(KEY, "attachments").open_bytes(sealed, "a")  # another purpose's sub-key
    assert sealer.open_bytes(sealed, "a") == data


def test_a_whole_chunk_dropped_or_swapped_is_refused(tmp_path: Path) -> None:
    data = os.urandom(3 * CHUNK)
    sealer = Sealer(KEY, "attachments")
    sealed = sealer.seal(data, "")
    header, body = sealed[:20], sealed[20:]
    step = CHUNK + 16
    chunks = [body[i : i + step] for i in range(0, len(body), step)]
    for broken in (chunks[:2], [chunks[1], chunks[0], chunks[2]], chunks[:1] + chunks[2:]):
        with pytest.raises(SealedFileError):
            sealer.open_bytes(header + b"".join(broken), "")


def test_seal_in_place_killed_between_link_and_rename_keeps_the_clear_file(tmp_path: Path) -> None:
    clear = tmp_path / "household-1.json"
    clear.write_bytes(b'{"name": "\xe5\xae\x9d"}')
    os.link(clear, tmp_path / "household-1.json.clear")  # the state a kill before the rename leaves
    assert finish_clear_keepers(tmp_path) == 1
    assert (
        clear.read_bytes() == b'{"name": "\xe5\xae\x9d"}'
        and not (tmp_path / "household-1.json.clear").exists()
    )
    sealer = Sealer(KEY, DRAFTS)
    seal_in_place(clear, sealer, "household-1")
    assert sealer.read_bytes(clear, "household-1") == b'{"name": "\xe5\xae\x9d"}'
    assert sorted(p.name for p in tmp_path.iterdir()) == ["household-1.json"]


# -- the attachment store -------------------------------------------------------------------------------


def test_attachments_are_sealed_and_named_by_a_keyed_hash(station: Station, tmp_path: Path) -> None:
    photo = samples.write_jpeg(tmp_path / "IMG_0001.jpg", size=(640, 480), noise=True)
    clear = photo.read_bytes()
    sha256 = hashlib.sha256(clear).hexdigest()
    project = make_project(station, "P1")
    [record] = station.attachments.add_files("project", project, [photo]).added
    assert record.sha256 == sha256  # content addressing by the clear bytes, as before
    stored = station.attachments.blob_path(sha256)
    on_disk = stored.read_bytes()
    assert (
        sha256 not in str(stored) and clear[1000:1064] not in on_disk and b"\xff\xd8\xff" not in on_disk[:8]
    )
    names = [p.name for p in station.db.folder.attachments_dir.rglob("*") if p.is_file()]
    assert names == [stored.name] and sha256 not in names
    # the same bytes again are stored once; the clear bytes come back checked
    again = station.attachments.add_files("project", make_project(station, "P2"), [photo]).added
    assert again[0].sha256 == sha256 and len(list(stored.parent.iterdir())) == 1
    assert station.attachments.read_bytes(record) == clear
    out = station.attachments.export_files([record.id], tmp_path / "out")
    assert [p.read_bytes() for p in out] == [clear]
    # another station (another data key) names and seals the same photo differently
    other = BlobStore(tmp_path / "elsewhere", OTHER_KEY)
    assert other.ingest(photo).sha256 == sha256
    assert other.path(sha256).name != stored.name and other.path(sha256).read_bytes() != on_disk


def test_a_sealed_blob_swapped_for_another_is_damaged_not_read(station: Station, tmp_path: Path) -> None:
    project = make_project(station, "P1")
    one, two = station.attachments.add_files(
        "project", project, [samples.write_jpeg(tmp_path / "a.jpg"), samples.write_wav(tmp_path / "b.wav")]
    ).added
    first, second = station.attachments.blob_path(one.sha256), station.attachments.blob_path(two.sha256)
    first.write_bytes(second.read_bytes())
    assert any("已损坏" in p for p in station.check().problems)
    from huimin_desktop.errors import ServiceError

    with pytest.raises(ServiceError, match="已损坏"):
        station.attachments.read_bytes(one)


def test_a_player_gets_a_decrypted_copy_removed_on_close(station: Station, tmp_path: Path) -> None:
    wav = samples.write_wav(tmp_path / "访谈.wav")
    [record] = station.attachments.add_files("project", make_project(station, "P1"), [wav]).added
    copy = station.attachments.open_copy(record)
    assert copy.path.suffix == ".wav" and copy.path.read_bytes() == wav.read_bytes()
    assert not copy.path.is_relative_to(station.data_dir)
    assert copy.path.stat().st_mode & 0o077 == 0  # owner only
    copy.close()
    assert not copy.path.exists()


def test_thumbnails_and_drafts_are_sealed(station: Station, tmp_path: Path) -> None:
    photo = samples.write_jpeg(tmp_path / "a.jpg", size=(400, 300))
    [record] = station.attachments.add_files("project", make_project(station, "P1"), [photo]).added
    jpeg = station.attachments.thumbnail(record)
    assert jpeg is not None and jpeg.startswith(b"\xff\xd8\xff")
    [cached] = [p for p in station.db.folder.thumbnails_dir.rglob("*") if p.is_file()]
    assert record.sha256 not in str(cached) and b"\xff\xd8\xff" not in cached.read_bytes()

    drafts = DraftStore.for_station(station)
    drafts.save("household-new-1", {"head": "宝斯鲁", "id_number": "211381199001011234"}, summary="宝斯鲁")
    raw = drafts.path("household-new-1").read_bytes()
    for text in ("宝斯鲁", "211381199001011234"):
        assert text.encode() not in raw and text.encode("utf-16-le") not in raw
    assert drafts.load("household-new-1") == {"head": "宝斯鲁", "id_number": "211381199001011234"}
    assert [d.summary for d in drafts.pending()] == ["宝斯鲁"]
    # a draft file moved to another name does not open (its key is the associated data)
    os.replace(drafts.path("household-new-1"), drafts.path("household-new-2"))
    assert drafts.load("household-new-2") is None


# -- converting a clear folder ---------------------------------------------------------------------------

ID_NUMBER = "211381199001011234"


def clear_folder_with_files(root: Path, tmp_path: Path) -> tuple[DataFolder, list[str]]:
    """A folder as the version before encryption left it: clear blobs named by SHA-256, thumbnails,
    drafts, a damaged draft, a CLI log, a killed merge's staging and a killed intake's temporary."""
    folder = DataFolder(root)
    db = Database.open(folder)
    create_station(db, level="township", name="马友营蒙古族乡", division_code="211381204000")
    station = Station(db)
    add_household(station, "宝斯鲁", ID_NUMBER)
    photos = [samples.write_jpeg(tmp_path / f"p{i}.jpg", seed=i, size=(320, 240)) for i in range(3)]
    added = station.attachments.add_files("project", make_project(station, "P1"), photos).added
    assert station.attachments.thumbnail(added[0]) is not None
    DraftStore(folder.drafts_dir).save("household-new-1", {"head": "宝斯鲁", "id_number": ID_NUMBER})
    (folder.drafts_dir / "household-9.json.damaged").write_text(f'{{"id_number": "{ID_NUMBER}"', "utf-8")
    station.close()
    (folder.root / "logs").mkdir()
    (folder.root / "logs" / "cli.log").write_text(f"Traceback: 宝斯鲁 {ID_NUMBER}\n", "utf-8")
    (folder.staging_dir / "merge-1-abc").mkdir(parents=True)
    (folder.staging_dir / "merge-1-abc" / "blob-000000.part").write_bytes(photos[1].read_bytes())
    (folder.attachments_dir / ".incoming" / "x.tmp").write_bytes(photos[2].read_bytes()[:5000])
    for record in added:
        assert (folder.attachments_dir / record.sha256[:2] / record.sha256[2:4] / record.sha256).is_file()
    return folder, [r.sha256 for r in added]


def clear_traces(folder: DataFolder, shas: list[str]) -> list[str]:
    found = []
    for path in sorted(folder.root.rglob("*")):
        if not path.is_file():
            continue
        data = path.read_bytes()
        for needle in (ID_NUMBER, "宝斯鲁"):
            for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
                if needle.encode(encoding) in data:
                    found.append(f"{path.relative_to(folder.root)}: {needle} ({encoding})")
        if b"\xff\xd8\xff" in data[:4] or b"SQLite format 3" in data:
            found.append(f"{path.relative_to(folder.root)}: clear JPEG or SQLite")
        found += [f"{path.relative_to(folder.root)}: names {sha[:12]}" for sha in shas if sha in str(path)]
    return found


def test_the_first_login_seals_every_file_of_a_clear_folder(tmp_path: Path) -> None:
    folder, shas = clear_folder_with_files(tmp_path / "old", tmp_path)
    assert clear_traces(folder, shas)  # the test can fail: the clear folder shows them
    seen: list[tuple[int, int, str]] = []
    with Station.open(folder.root, "boss", "boss-pass", task=TaskState(lambda *a: seen.append(a))) as station:
        assert station.check().ok
        for sha256 in shas:
            assert hashlib.sha256(station.attachments.read_bytes(sha256)).hexdigest() == sha256
        assert DraftStore.for_station(station).load("household-new-1") == {
            "head": "宝斯鲁",
            "id_number": ID_NUMBER,
        }
        assert station.attachments.thumbnail(shas[0]) is not None
    assert any(message.startswith("正在加密附件") for _d, _t, message in seen)
    assert clear_traces(folder, shas) == []
    assert not list(folder.root.rglob("*.clear")) and not list(folder.staging_dir.rglob("*.part"))
    key = Station.open(folder.root, "boss", "boss-pass").db.data_key
    assert key is not None
    log = folder.root / "logs" / "cli.log.sealed"
    assert ID_NUMBER in Sealer(key, "logs").read_bytes(log, log.name).decode()


def test_a_file_conversion_killed_half_way_goes_on(tmp_path: Path) -> None:
    """Every blob sealed twice over or half-wiped is whole after the next run: the conversion can be
    stopped anywhere (the power-cut test kills the real process; here a cancel after the n-th file)."""
    from huimin_desktop.progress import Cancelled
    from huimin_desktop.services.encryption import convert_files

    folder, shas = clear_folder_with_files(tmp_path / "old", tmp_path)
    sealed = BlobStore(folder.attachments_dir, KEY)
    for left in (2, 1):  # each run stops after sealing one more blob
        with pytest.raises(Cancelled):
            convert_files(folder, KEY, TaskState(lambda done, _total, message: _stop(done, message, 1)))
        files = [path for _name, path in sealed.stored()]
        assert len(files) == 3 and len([p for p in files if not sealed.sealer.opens(p, "")]) == left
    convert_files(folder, KEY)
    convert_files(folder, KEY)  # idempotent
    store = BlobStore(folder.attachments_dir, KEY)
    for sha256 in shas:
        assert hashlib.sha256(store.read_bytes(sha256)).hexdigest() == sha256
    assert len(list(store.stored())) == 3


def _stop(done: int, message: str, after: int) -> None:
    from huimin_desktop.progress import Cancelled

    if message.startswith("正在加密附件") and done >= after:
        raise Cancelled


def test_a_command_line_failure_log_is_sealed_once_a_login_unlocked_the_key(station: Station) -> None:
    import argparse

    from huimin_desktop.cli.failures import log_bug

    try:
        raise RuntimeError(f"bug while saving {ID_NUMBER} 宝斯鲁")
    except RuntimeError as error:
        line = log_bug(error, argparse.Namespace(data=str(station.data_dir)))
    [entry] = list((station.data_dir / "logs").iterdir())
    assert entry.name.endswith(".log.sealed") and entry.name in line
    raw = entry.read_bytes()
    assert ID_NUMBER.encode() not in raw and "宝斯鲁".encode() not in raw
    assert station.db.data_key is not None
    text = Sealer(station.db.data_key, "logs").read_bytes(entry, entry.name).decode()
    assert ID_NUMBER in text and "Traceback" in text


def test_decrypted_copies_left_by_a_killed_player_or_word_are_swept(
    station: Station, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from huimin_desktop.store.sealed_files import sweep_clear_copies

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "temp"))
    (tmp_path / "temp").mkdir()
    wav = samples.write_wav(tmp_path / "访谈.wav")
    [record] = station.attachments.add_files("project", make_project(station, "P1"), [wav]).added
    left = station.attachments.open_copy(record).path  # never closed: the player was killed
    opened = tmp_path / "temp" / "huimin-open" / "x" / "申报书.docx"
    opened.parent.mkdir(parents=True)
    opened.write_bytes(b"clear document")
    fresh = station.attachments.open_copy(record).path
    for path in (left, opened):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    assert sweep_clear_copies(3600) == 2
    assert not left.exists() and not opened.exists() and fresh.exists()  # a live copy stays
