"""Drafts of unsaved forms: atomic writes, reading back, the pending list, damaged files skipped."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from huimin_desktop.services.drafts import (
    DraftError,
    DraftStore,
    household_id_from_key,
    household_key,
)
from huimin_desktop.services.station import Station


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


def test_save_load_and_discard(store: DraftStore) -> None:
    payload = {"members": [{"name": "宝斯鲁", "id_number": "211381198203150031"}], "phone": ""}
    store.save("household-new-abc", payload, summary="宝斯鲁 · 东营子村")
    assert store.load("household-new-abc") == payload
    info = store.info("household-new-abc")
    assert info is not None and info.summary == "宝斯鲁 · 东营子村"
    # Chinese stays readable in the file (a technician may have to look at one).
    assert "宝斯鲁" in store.path("household-new-abc").read_text(encoding="utf-8")
    store.save("household-new-abc", {"members": []})
    assert store.load("household-new-abc") == {"members": []}
    store.discard("household-new-abc")
    assert store.load("household-new-abc") is None
    store.discard("household-new-abc")  # twice is harmless


def test_pending_lists_newest_first_and_leaves_no_temp_files(store: DraftStore) -> None:
    store.save("household-1", {"a": 1}, summary="one")
    store.save("household-2", {"a": 2}, summary="two")
    os.utime(store.path("household-1"), (1, 1))
    # saved_at inside the file decides the order, not the file time; make "one" clearly older.
    document = json.loads(store.path("household-1").read_text(encoding="utf-8"))
    document["saved_at"] = "2020-01-01T08:00:00"
    store.path("household-1").write_text(json.dumps(document), encoding="utf-8")
    pending = store.pending()
    assert [d.summary for d in pending] == ["two", "one"]
    assert not list(store.folder.glob("*.tmp")) and not list(store.folder.glob(".*"))


def test_damaged_draft_is_reported_renamed_and_skipped(store: DraftStore) -> None:
    store.save("household-good", {"ok": True}, summary="good")
    store.save("household-bad", {"ok": False, "long": "x" * 500}, summary="bad")
    text = store.path("household-bad").read_text(encoding="utf-8")
    store.path("household-bad").write_text(text[: len(text) // 2], encoding="utf-8")  # truncated
    (store.folder / "household-other.json").write_text('{"not": "a draft"}', encoding="utf-8")
    scan = store.scan()
    assert [d.key for d in scan.drafts] == ["household-good"]
    assert sorted(p.name for p in scan.damaged) == [
        "household-bad.json.damaged",
        "household-other.json.damaged",
    ]
    assert store.load("household-bad") is None
    assert store.scan().damaged == ()  # reported once; the renamed file is kept for a technician


def test_leftover_temp_file_from_an_interrupted_write_is_ignored(store: DraftStore) -> None:
    store.save("household-x", {"v": 1})
    (store.folder / ".household-x.999.tmp").write_text('{"key": "household-x", "pay', encoding="utf-8")
    assert store.load("household-x") == {"v": 1}
    assert [d.key for d in store.pending()] == ["household-x"]
    assert not list(store.folder.glob(".*.tmp"))


def test_missing_folder_means_no_drafts(tmp_path: Path) -> None:
    assert DraftStore(tmp_path / "nowhere").pending() == []


def test_keys_cannot_escape_the_folder(store: DraftStore) -> None:
    for key in ("../x", "a/b", "", ".hidden", "名字"):
        with pytest.raises(ValueError):
            store.save(key, {})


def test_unwritable_folder_raises_draft_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(DraftError):
        DraftStore(blocker / "drafts").save("household-1", {})


def test_household_keys() -> None:
    new = household_key(None)
    assert new.startswith("household-new-") and household_id_from_key(new) is None
    assert household_key(None) != new
    assert household_id_from_key(household_key("0190-abc")) == "0190-abc"


def test_station_drafts_live_in_the_data_folder(station: Station) -> None:
    store = DraftStore.for_station(station)
    assert store.folder == station.data_dir / "drafts"
    store.save("household-new-1", {"x": 1})
    assert store.path("household-new-1").is_file()


KILLED_WRITER = """
import sys
from pathlib import Path
from huimin_desktop.services.drafts import DraftStore

store = DraftStore(Path(sys.argv[1]))
n = 0
print("ready", flush=True)
while True:
    n += 1
    store.save("household-new-crash", {"n": n, "filler": "宝" * 20000}, summary=f"round {n}")
"""


def test_killing_a_writer_never_leaves_a_half_written_draft(tmp_path: Path) -> None:
    folder = tmp_path / "drafts"
    for _ in range(3):
        writer = subprocess.Popen(
            [sys.executable, "-c", KILLED_WRITER, str(folder)], stdout=subprocess.PIPE, text=True
        )
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
        while not (folder / "household-new-crash.json").exists():
            pass
        writer.kill()
        writer.wait()
        writer.stdout.close()
        scan = DraftStore(folder).scan()
        assert scan.damaged == ()
        payload = DraftStore(folder).load("household-new-crash")
        assert payload is not None and payload["filler"] == "宝" * 20000
