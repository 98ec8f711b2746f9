"""Station keys: created with every station, stored privately, loaded back, refused when damaged."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from sqlalchemy import delete

from huimin_desktop.model import SyncPeer
from huimin_desktop.services.station import Station
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.sync.keys import (
    KeyFileError,
    StationKeys,
    create_keys,
    fingerprint,
    key_path,
    load_keys,
    verify_signature,
)


def test_keys_round_trip_through_the_data_folder(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "station")
    created = create_keys(folder, "ab" * 16)
    loaded = load_keys(folder)
    assert loaded.sign_public_hex == created.sign_public_hex
    assert loaded.box_public_hex == created.box_public_hex
    assert loaded.station_id == "ab" * 16
    assert len(bytes.fromhex(loaded.sign_public_hex)) == 32
    signature = loaded.sign(b"manifest")
    assert verify_signature(created.sign_public_hex, b"manifest", signature)
    assert not verify_signature(created.sign_public_hex, b"manifesT", signature)
    assert list(folder.keys_dir.iterdir()) == [key_path(folder)]  # no temporary file left behind
    if os.name == "posix":
        assert stat.S_IMODE(key_path(folder).stat().st_mode) == 0o600


def test_fingerprint_is_short_readable_and_stable() -> None:
    keys = StationKeys.generate()
    print_ = keys.fingerprint
    assert print_ == fingerprint(keys.sign_public_hex)
    assert len(print_) == 19 and print_.count("-") == 3
    assert print_ != StationKeys.generate().fingerprint


def test_missing_and_damaged_key_files_are_refused_in_chinese(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "station")
    with pytest.raises(KeyFileError, match="密钥文件缺失"):
        load_keys(folder)
    create_keys(folder, "cd" * 16)
    raw = key_path(folder).read_bytes()
    key_path(folder).write_bytes(raw[: len(raw) // 2])
    with pytest.raises(KeyFileError, match="密钥文件已损坏"):
        load_keys(folder)
    key_path(folder).write_text('{"format": "huimin-station-key", "sign_seed": "zz", "box_secret": ""}')
    with pytest.raises(KeyFileError, match="密钥文件已损坏"):
        load_keys(folder)


def test_every_new_station_has_keys(station: Station) -> None:
    keys = load_keys(station.db.folder)
    assert keys.station_id == station.info().id


def test_a_station_from_the_previous_version_gets_keys_once(station: Station, data_dir: Path) -> None:
    path = key_path(station.db.folder)
    station.close()
    path.unlink()  # stations made before keys existed have none
    with Station.open(data_dir) as reopened:
        first = load_keys(reopened.db.folder)
        assert first.station_id == reopened.info().id
    with Station.open(data_dir) as again:
        assert load_keys(again.db.folder).sign_public_hex == first.sign_public_hex


def test_a_station_known_to_peers_does_not_get_new_keys_silently(station: Station, data_dir: Path) -> None:
    with station.db.session(capture=False) as session:
        session.add(
            SyncPeer(
                station_id="ef" * 16,
                name="北票市民宗局",
                level="county",
                division_code="211381",
                relation="upper",
                sign_key=StationKeys.generate().sign_public_hex,
                box_key=StationKeys.generate().box_public_hex,
            )
        )
    path = key_path(station.db.folder)
    station.close()
    path.unlink()
    with Station.open(data_dir) as reopened:
        assert not path.exists()
        with pytest.raises(KeyFileError, match="重新登记"):
            load_keys(reopened.db.folder)
        with reopened.db.session(capture=False) as session:
            session.execute(delete(SyncPeer))
