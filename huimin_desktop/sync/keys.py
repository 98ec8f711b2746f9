"""A station's own keys: Ed25519 to sign the packages it sends, X25519 to open the ones sent to it.

Both private keys live in one small JSON file, ``keys/station.key`` in the data folder, readable only
by the user (mode 0600 where the platform has modes). Other stations know only the public halves,
learnt at enrollment (``sync.enrollment``). A cadre never sees or handles any of this.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey
from nacl.signing import SigningKey, VerifyKey

from huimin_desktop.errors import ServiceError
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.durable import fsync_folder

KEY_FILENAME = "station.key"
_KEY_FORMAT = "huimin-station-key"


class KeyFileError(ServiceError):
    """The key file is missing or damaged; the message says which, in Chinese."""

    code = "keys"


@dataclass(frozen=True)
class StationKeys:
    """The private keys of one station (and, when known, whose they are)."""

    signing_key: SigningKey
    box_key: PrivateKey
    station_id: str = ""

    @classmethod
    def generate(cls, station_id: str = "") -> StationKeys:
        return cls(SigningKey.generate(), PrivateKey.generate(), station_id)

    @classmethod
    def from_secrets(cls, sign_seed_hex: str, box_secret_hex: str, station_id: str = "") -> StationKeys:
        """Rebuild from the hex secrets (ValueError when they are not 32-byte hex strings)."""
        sign_seed, box_secret = bytes.fromhex(sign_seed_hex), bytes.fromhex(box_secret_hex)
        if len(sign_seed) != 32 or len(box_secret) != 32:
            raise ValueError("a key secret must be 32 bytes")
        return cls(SigningKey(sign_seed), PrivateKey(box_secret), station_id)

    @property
    def sign_public_hex(self) -> str:
        return bytes(self.signing_key.verify_key).hex()

    @property
    def box_public_hex(self) -> str:
        return bytes(self.box_key.public_key).hex()

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public_hex)

    def secrets(self) -> dict[str, str]:
        """The private halves as hex (for the key file and the setup file only)."""
        return {"sign_seed": bytes(self.signing_key).hex(), "box_secret": bytes(self.box_key).hex()}

    def sign(self, message: bytes) -> bytes:
        return self.signing_key.sign(message).signature

    def with_station(self, station_id: str) -> StationKeys:
        return StationKeys(self.signing_key, self.box_key, station_id)


def fingerprint(sign_public_hex: str) -> str:
    """A short fingerprint of a signing key that a person can read out over the phone: ``3F2A-91C0-…``."""
    digest = hashlib.sha256(bytes.fromhex(sign_public_hex)).hexdigest()[:16].upper()
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def verify_signature(sign_public_hex: str, message: bytes, signature: bytes) -> bool:
    """True when ``signature`` is ``message`` signed by the key ``sign_public_hex``."""
    try:
        VerifyKey(bytes.fromhex(sign_public_hex)).verify(message, signature)
    except (CryptoError, ValueError, TypeError):
        return False
    return True


def key_path(folder: DataFolder) -> Path:
    return folder.keys_dir / KEY_FILENAME


def has_keys(folder: DataFolder) -> bool:
    return key_path(folder).is_file()


def write_private_file(target: Path, data: bytes) -> None:
    """Write ``data`` readable by the owner only: temporary file, fsync, rename, fsync the folder."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise
    fsync_folder(target.parent)


def store_keys(folder: DataFolder, keys: StationKeys) -> StationKeys:
    """Write ``keys`` as this station's keys (replacing any there)."""
    document = {"format": _KEY_FORMAT, "version": 1, "station": keys.station_id, **keys.secrets()}
    write_private_file(key_path(folder), json.dumps(document, indent=1).encode("ascii"))
    return keys


def create_keys(folder: DataFolder, station_id: str = "") -> StationKeys:
    """Generate and store fresh keys for the station of ``folder``."""
    return store_keys(folder, StationKeys.generate(station_id))


def load_keys(folder: DataFolder) -> StationKeys:
    path = key_path(folder)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(
            f"本站密钥文件缺失（{path}），无法签名或打开同步包；请联系上级站点重新登记本站"
        ) from None
    except OSError as exc:
        raise KeyFileError(f"无法读取本站密钥文件（{path}）：{exc.strerror or exc}") from exc
    try:
        document = json.loads(raw)
        if document.get("format") != _KEY_FORMAT:
            raise ValueError("not a key file")
        return StationKeys.from_secrets(
            document["sign_seed"], document["box_secret"], str(document.get("station") or "")
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        raise KeyFileError(
            f"本站密钥文件已损坏（{path}），无法签名或打开同步包；请联系上级站点重新登记本站"
        ) from None
