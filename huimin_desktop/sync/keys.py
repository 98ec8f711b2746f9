"""A station's own keys: Ed25519 to sign the packages it sends, X25519 to open the ones sent to it.

The keys are made on the machine that uses them and never leave it. They live in one small JSON file,
``keys/station.key`` in the data folder, written readable by the user only (mode 0600 where the
platform has modes), and the private halves in it are protected with what the platform offers
(``protection`` in the file):

- ``dpapi`` (Windows): sealed with CryptProtectData for the logged-in Windows user (via ctypes, no
  dependency); a copy of the data folder on another computer or account cannot open them;
- ``keyring``: kept in the system keyring (Secret Service, macOS Keychain), only when the ``keyring``
  package is installed and has a usable backend; the file holds where to find them;
- ``file`` (elsewhere): the hex secrets in the 0600 file, as before.

A key file from an earlier version (plain hex) is rewritten in the protected form when it is opened,
where the platform offers one. Other stations know only the public halves, learnt at registration
(``sync.enrollment``). A cadre never sees or handles any of this.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey
from nacl.signing import SigningKey, VerifyKey

from huimin_desktop.errors import ServiceError
from huimin_desktop.store.datafolder import DataFolder
from huimin_desktop.store.durable import fsync_folder

KEY_FILENAME = "station.key"
_KEY_FORMAT = "huimin-station-key"


class KeyFileError(ServiceError):
    """The key file is missing or damaged; its code (``keys.*``) says which, in either language."""

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


class KeyProtector(Protocol):
    """Seals a station's private halves for this computer (``protection`` names it in the key file)."""

    name: str

    def protect(self, secret: bytes, document: dict[str, Any]) -> None:
        """Record ``secret`` protected in ``document`` (which is written to the key file)."""

    def unprotect(self, document: dict[str, Any]) -> bytes:
        """The secret back; raises ValueError (or OSError) when it cannot be had."""


class DpapiProtector:
    """Windows DPAPI: CryptProtectData for the current user, through ctypes."""

    name = "dpapi"

    def protect(self, secret: bytes, document: dict[str, Any]) -> None:
        document["sealed"] = base64.b64encode(_dpapi(secret, protect=True)).decode("ascii")

    def unprotect(self, document: dict[str, Any]) -> bytes:
        return _dpapi(base64.b64decode(document["sealed"]), protect=False)


def _dpapi(data: bytes, *, protect: bool) -> bytes:
    import ctypes
    from ctypes import wintypes

    class Blob(ctypes.Structure):
        _fields_ = [("cbData", wintypes.DWORD), ("pbData", ctypes.POINTER(ctypes.c_char))]

    windll = ctypes.windll  # type: ignore[attr-defined]
    source = ctypes.create_string_buffer(data, len(data))
    given = Blob(len(data), ctypes.cast(source, ctypes.POINTER(ctypes.c_char)))
    result = Blob()
    ui_forbidden = 0x1
    call = windll.crypt32.CryptProtectData if protect else windll.crypt32.CryptUnprotectData
    description = "huimin station key" if protect else None
    if not call(ctypes.byref(given), description, None, None, None, ui_forbidden, ctypes.byref(result)):
        raise OSError(ctypes.GetLastError(), "DPAPI refused")  # type: ignore[attr-defined]
    try:
        return ctypes.string_at(result.pbData, result.cbData)
    finally:
        windll.kernel32.LocalFree(result.pbData)


class KeyringProtector:
    """The system keyring (only with a real backend: never keyring's fail or plaintext ones)."""

    name = "keyring"
    service = "huimin-desktop"

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    def protect(self, secret: bytes, document: dict[str, Any]) -> None:
        entry = f"{document.get('station') or 'station'}-{document['sign_public'][:16]}"
        self.backend.set_password(self.service, entry, secret.hex())
        document["keyring"] = {"service": self.service, "entry": entry}

    def unprotect(self, document: dict[str, Any]) -> bytes:
        where = document["keyring"]
        value = self.backend.get_password(where["service"], where["entry"])
        if value is None:
            raise ValueError("not in the keyring")
        return bytes.fromhex(value)


def platform_protector() -> KeyProtector | None:
    """DPAPI on Windows; a usable keyring elsewhere; None (the 0600 file) when there is neither."""
    if os.environ.get("HUIMIN_KEY_PROTECTION") == "file":
        return None
    if os.name == "nt":
        return DpapiProtector()
    try:
        import keyring  # optional: not a dependency of the program
        from keyring.backends import fail
    except Exception:
        return None
    try:
        backend = keyring.get_keyring()
        priority = float(getattr(backend, "priority", 0))
    except Exception:
        return None
    module = type(backend).__module__
    if isinstance(backend, fail.Keyring) or priority < 1 or "plaintext" in module or "null" in module:
        return None
    return KeyringProtector(backend)


def store_keys(
    folder: DataFolder, keys: StationKeys, *, protector: KeyProtector | str | None = "platform"
) -> StationKeys:
    """Write ``keys`` as this station's keys (replacing any there), protected as the platform allows."""
    chosen = platform_protector() if protector == "platform" else protector
    assert not isinstance(chosen, str)
    document: dict[str, Any] = {
        "format": _KEY_FORMAT,
        "version": 2,
        "station": keys.station_id,
        "sign_public": keys.sign_public_hex,
        "box_public": keys.box_public_hex,
    }
    if chosen is None:
        document.update(protection="file", **keys.secrets())
    else:
        secret = bytes(keys.signing_key) + bytes(keys.box_key)
        try:
            chosen.protect(secret, document)
            document["protection"] = chosen.name
        except Exception:  # the platform store refused (no session keyring, locked): the 0600 file
            document.update(protection="file", **keys.secrets())
    write_private_file(key_path(folder), json.dumps(document, indent=1).encode("ascii"))
    return keys


def create_keys(folder: DataFolder, station_id: str = "") -> StationKeys:
    """Generate and store fresh keys for the station of ``folder``."""
    return store_keys(folder, StationKeys.generate(station_id))


def key_protection(folder: DataFolder) -> str:
    """How the key file protects the private halves: ``dpapi``, ``keyring`` or ``file``."""
    try:
        document = json.loads(key_path(folder).read_bytes())
    except (OSError, ValueError):
        return ""
    return str(document.get("protection") or "file") if isinstance(document, dict) else ""


class _NotHere(Exception):
    """The key file is protected by a store this computer does not have (DPAPI off Windows)."""


def _protector_named(name: str, platform: KeyProtector | None) -> KeyProtector | None:
    if platform is not None and platform.name == name:
        return platform
    if name == "dpapi" and os.name == "nt":
        return DpapiProtector()
    return None


def _keys_from(document: dict[str, Any], platform: KeyProtector | None) -> StationKeys:
    station = str(document.get("station") or "")
    protection = document.get("protection") or "file"
    if protection == "file":
        return StationKeys.from_secrets(document["sign_seed"], document["box_secret"], station)
    protector = _protector_named(str(protection), platform)
    if protector is None:
        raise _NotHere(str(protection))
    try:
        secret = protector.unprotect(document)
    except OSError:  # DPAPI under another Windows user, a locked keyring
        raise _NotHere(str(protection)) from None
    except Exception as exc:  # the store answered, but not with this key
        raise ValueError("the protected key does not open") from exc
    if len(secret) != 64:
        raise ValueError("a protected key must be 64 bytes")
    keys = StationKeys.from_secrets(secret[:32].hex(), secret[32:].hex(), station)
    if document.get("sign_public") not in (None, keys.sign_public_hex):
        raise ValueError("the protected key is not this station's")
    return keys


def load_keys(folder: DataFolder, *, protector: KeyProtector | str | None = "platform") -> StationKeys:
    """This station's keys; an old plain key file is rewritten protected when the platform can."""
    path = key_path(folder)
    platform = platform_protector() if protector == "platform" else protector
    assert not isinstance(platform, str)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise KeyFileError(code="keys.missing", path=path) from None
    except OSError as exc:
        raise KeyFileError(code="keys.unreadable", path=path, reason=exc.strerror or str(exc)) from exc
    try:
        document = json.loads(raw)
        if document.get("format") != _KEY_FORMAT:
            raise ValueError("not a key file")
        keys = _keys_from(document, platform)
    except _NotHere as exc:
        raise KeyFileError(code="keys.not_here", protection=str(exc), path=path) from None
    except (ValueError, KeyError, TypeError, AttributeError, OSError):
        raise KeyFileError(code="keys.damaged", path=path) from None
    if platform is not None and (document.get("protection") or "file") == "file":
        with contextlib.suppress(OSError):
            store_keys(folder, keys, protector=platform)  # migrate the plain file; keep it if that fails
    return keys
