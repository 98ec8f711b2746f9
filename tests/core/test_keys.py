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
    key_protection,
    load_keys,
    platform_protector,
    store_keys,
    verify_signature,
)
from tests.stations import open_station


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
    with open_station(data_dir) as reopened:
        first = load_keys(reopened.db.folder)
        assert first.station_id == reopened.info().id
    with open_station(data_dir) as again:
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
    with open_station(data_dir) as reopened:
        assert not path.exists()
        with pytest.raises(KeyFileError, match="重新登记"):
            load_keys(reopened.db.folder)
        with reopened.db.session(capture=False) as session:
            session.execute(delete(SyncPeer))


class SealingProtector:
    """Stands in for DPAPI or a keyring: the secret leaves the file, sealed under a key only it holds."""

    name = "test-sealed"

    def __init__(self) -> None:
        from nacl.secret import SecretBox
        from nacl.utils import random

        self.box = SecretBox(random(32))

    def protect(self, secret: bytes, document: dict) -> None:
        document["sealed"] = self.box.encrypt(secret).hex()

    def unprotect(self, document: dict) -> bytes:
        return self.box.decrypt(bytes.fromhex(document["sealed"]))


class RefusingProtector(SealingProtector):
    def protect(self, secret: bytes, document: dict) -> None:
        raise RuntimeError("no keyring in this session")


def test_an_old_plain_key_file_is_protected_when_opened(tmp_path: Path) -> None:
    import json

    folder = DataFolder(tmp_path / "station")
    keys = StationKeys.generate("ab" * 16)
    folder.keys_dir.mkdir(parents=True)
    old = {"format": "huimin-station-key", "version": 1, "station": keys.station_id, **keys.secrets()}
    key_path(folder).write_text(json.dumps(old))  # as the previous version wrote it
    protector = SealingProtector()
    loaded = load_keys(folder, protector=protector)
    assert loaded.sign_public_hex == keys.sign_public_hex and loaded.box_public_hex == keys.box_public_hex
    text = key_path(folder).read_text()
    assert key_protection(folder) == "test-sealed"
    for secret in keys.secrets().values():
        assert secret not in text and secret.upper() not in text
    assert load_keys(folder, protector=protector).sign_public_hex == keys.sign_public_hex
    with pytest.raises(KeyFileError, match="受本机保护"):
        load_keys(folder, protector=None)  # another computer: no such store
    with pytest.raises(KeyFileError, match="已损坏"):
        load_keys(folder, protector=SealingProtector())  # the store holds another key


def test_a_refusing_store_keeps_the_plain_file(tmp_path: Path) -> None:
    folder = DataFolder(tmp_path / "station")
    keys = StationKeys.generate("cd" * 16)
    store_keys(folder, keys, protector=RefusingProtector())
    assert key_protection(folder) == "file"
    assert load_keys(folder, protector=None).sign_public_hex == keys.sign_public_hex


@pytest.mark.skipif(os.name == "nt", reason="Windows protects with DPAPI")
def test_without_dpapi_or_a_keyring_the_key_stays_in_the_0600_file(station: Station) -> None:
    import importlib.util

    if importlib.util.find_spec("keyring") is not None:
        pytest.skip("a keyring package is installed here")
    assert platform_protector() is None
    assert key_protection(station.db.folder) == "file"


@pytest.mark.skipif(os.name != "nt", reason="DPAPI is Windows only")
def test_dpapi_protects_the_key_on_windows(tmp_path: Path) -> None:  # pragma: no cover - Windows
    folder = DataFolder(tmp_path / "station")
    keys = create_keys(folder, "ef" * 16)
    assert key_protection(folder) == "dpapi"
    assert keys.secrets()["sign_seed"] not in key_path(folder).read_text()
    assert load_keys(folder).sign_public_hex == keys.sign_public_hex
