"""The setup file and the one-time registration: how a new station learns whom to trust (DESIGN.md §4).

The city (or a county) enrolls a lower station and writes a setup file; the lower station's first start
(``init --setup FILE --code CODE``) consumes it. The file is JSON::

    {"format": "huimin-setup", "setup": "<the body, itself JSON text>", "signature": "<hex>"}

The body holds the new station's identity (id, name, level, division code), the upper station's
identity and *public* keys, and a one-time *enrollment secret* sealed under the *setup code*;
``signature`` is the upper station's Ed25519 signature of the body text's UTF-8 bytes. It holds no
private key of anyone: whoever finds the stick learns who the station is and nothing else.

Private keys never leave the machine that uses them. The lower station makes its own Ed25519 and X25519
keys at its first start and proves, once, that it is the enrolled station: its upward packages carry its
public keys and ``proof = HMAC-SHA256(secret, station id, public keys)`` in the signed manifest header.
The upper station binds the division to the first key that registers with that secret and refuses any
other key from then on (a second laptop set up from the same file and code is told that another
computer registered first). Until that first package arrives the upper station knows no key of the
lower one, so it can neither accept its packages without the proof nor send it a return package.

The setup code: 12 Crockford base32 characters (60 bits), shown once at ``enroll``, travelling apart from
the stick (read out on the phone, on paper). It is stretched with scrypt (n = 2^15, r = 8: 32 MiB, about
0.1 s) and seals the secret with ChaCha20-Poly1305; the associated data binds the sealed secret to the
station and upper identities and keys in the file, so a file whose upper keys were swapped does not
open with the genuine code. Finding the stick without the code gives nothing to register with.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

from huimin_desktop.errors import ServiceError
from huimin_desktop.sync.keys import StationKeys, verify_signature

SETUP_FORMAT = "huimin-setup"
SETUP_VERSION = 2  # 2: own keys + sealed enrollment secret (1 carried the station's private keys)
_MAX_SETUP_BYTES = 1 << 20
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_LENGTH = 12
_CODE_ALIASES = str.maketrans({"I": "1", "L": "1", "O": "0"})
_SCRYPT = {"n": 1 << 15, "r": 8, "p": 1}
_SCRYPT_MAXMEM = 64 << 20
SECRET_BYTES = 32
REGISTRATION_KEY = "registration"  # the key of the claim in an upward package's header
_PROOF_LABEL = b"huimin-registration-v1\x00"


class SetupFileError(ServiceError):
    """The setup file cannot be used; the message is the one-line Chinese reason."""

    code = "setup_file"


class SetupCodeError(SetupFileError):
    """The setup code is malformed or does not open the setup file."""

    code = "setup_code"


@dataclass(frozen=True)
class StationCard:
    """Who a station is, as a setup file names it."""

    id: str
    name: str
    level: str
    division: str

    def as_json(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "level": self.level, "division": self.division}

    @classmethod
    def from_json(cls, data: Any) -> StationCard:
        return cls(str(data["id"]), str(data["name"]), str(data["level"]), str(data["division"]))


@dataclass(frozen=True)
class SetupData:
    """A setup file whose signature checked out; its secret is still sealed (``open_secret``)."""

    station: StationCard
    upper: StationCard
    upper_sign_key: str  # hex
    upper_box_key: str  # hex
    created_at: dt.datetime
    sealed: dict[str, Any]


@dataclass(frozen=True)
class Registration:
    """A lower station's claim, in its upward packages' header: these are my keys, and I hold the secret."""

    station: str
    sign_key: str  # hex
    box_key: str  # hex
    proof: str  # hex

    def as_json(self) -> dict[str, str]:
        return {
            "station": self.station,
            "sign_key": self.sign_key,
            "box_key": self.box_key,
            "proof": self.proof,
        }

    @classmethod
    def from_header(cls, header: Any) -> Registration | None:
        """The claim in a package header; None when there is none or it is malformed."""
        data = header.get(REGISTRATION_KEY) if isinstance(header, dict) else None
        if not isinstance(data, dict):
            return None
        try:
            claim = cls(str(data["station"]), str(data["sign_key"]), str(data["box_key"]), str(data["proof"]))
            if len(bytes.fromhex(claim.sign_key)) != 32 or len(bytes.fromhex(claim.box_key)) != 32:
                return None
            bytes.fromhex(claim.proof)
        except (KeyError, TypeError, ValueError):
            return None
        return claim

    def proven_by(self, secret: bytes) -> bool:
        expected = registration_proof(secret, self.station, self.sign_key, self.box_key)
        return hmac.compare_digest(expected, self.proof)


def registration_proof(secret: bytes, station_id: str, sign_key: str, box_key: str) -> str:
    message = _PROOF_LABEL + f"{station_id}\x00{sign_key}\x00{box_key}".encode("ascii")
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def register(secret: bytes, station_id: str, keys: StationKeys) -> Registration:
    """The claim a station with ``keys`` sends up (made once, at its first start)."""
    sign_key, box_key = keys.sign_public_hex, keys.box_public_hex
    return Registration(
        station_id, sign_key, box_key, registration_proof(secret, station_id, sign_key, box_key)
    )


# -- the setup code ----------------------------------------------------------------------------------


def new_setup_code() -> str:
    """12 random Crockford base32 characters in three groups: ``7K3Q-M9TX-2BHD``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return "-".join(raw[i : i + 4] for i in range(0, CODE_LENGTH, 4))


def normalize_code(text: str) -> str | None:
    """The code as typed (any case, spaces or dashes, O for 0, I/L for 1) → its 12 characters, or None."""
    compact = "".join(ch for ch in text.upper() if ch not in " -_\t\u3000").translate(_CODE_ALIASES)
    if len(compact) != CODE_LENGTH or any(ch not in CODE_ALPHABET for ch in compact):
        return None
    return compact


def _code_key(code: str, salt: bytes) -> bytes:
    normalized = normalize_code(code)
    if normalized is None:
        raise SetupCodeError(code="setup.code_malformed", code_typed=code.strip(), length=CODE_LENGTH)
    return hashlib.scrypt(normalized.encode("ascii"), salt=salt, dklen=32, maxmem=_SCRYPT_MAXMEM, **_SCRYPT)


def _associated(station: StationCard, upper: dict[str, str]) -> bytes:
    return json.dumps({"station": station.as_json(), "upper": upper}, sort_keys=True).encode("utf-8")


def seal_secret(secret: bytes, code: str, associated: bytes) -> dict[str, Any]:
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    sealed = ChaCha20Poly1305(_code_key(code, salt)).encrypt(nonce, secret, associated)
    b64 = base64.b64encode
    return {
        "kdf": "scrypt",
        **_SCRYPT,
        "salt": b64(salt).decode("ascii"),
        "aead": "chacha20-poly1305",
        "nonce": b64(nonce).decode("ascii"),
        "sealed": b64(sealed).decode("ascii"),
    }


def open_secret(setup: SetupData, code: str) -> bytes:
    """The enrollment secret, or SetupCodeError (one Chinese line) when ``code`` does not open it."""
    upper = {**setup.upper.as_json(), "sign_key": setup.upper_sign_key, "box_key": setup.upper_box_key}
    sealed = setup.sealed
    key = _code_key(code, base64.b64decode(sealed["salt"]))
    try:
        return ChaCha20Poly1305(key).decrypt(
            base64.b64decode(sealed["nonce"]),
            base64.b64decode(sealed["sealed"]),
            _associated(setup.station, upper),
        )
    except InvalidTag:
        raise SetupCodeError(code="setup.wrong_code", name=setup.station.name) from None


def setup_file_bytes(
    *, station: StationCard, upper: StationCard, upper_keys: StationKeys, secret: bytes, code: str
) -> bytes:
    """The signed setup file for ``station`` (enrolled by ``upper``), its secret sealed under ``code``."""
    upper_json = {
        **upper.as_json(),
        "sign_key": upper_keys.sign_public_hex,
        "box_key": upper_keys.box_public_hex,
    }
    body = {
        "version": SETUP_VERSION,
        "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat(sep=" "),
        "station": station.as_json(),
        "upper": upper_json,
        "enrollment": seal_secret(secret, code, _associated(station, upper_json)),
    }
    text = json.dumps(body, ensure_ascii=False, indent=1)
    signature = upper_keys.sign(text.encode("utf-8")).hex()
    document = {"format": SETUP_FORMAT, "setup": text, "signature": signature}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def _read_bytes(path: Path) -> bytes:
    try:
        if path.stat().st_size > _MAX_SETUP_BYTES:
            raise SetupFileError(code="setup.too_large", path=path)
        return path.read_bytes()
    except FileNotFoundError:
        raise SetupFileError(code="setup.not_found", path=path) from None
    except IsADirectoryError:
        raise SetupFileError(code="setup.is_folder", path=path) from None
    except OSError as exc:
        raise SetupFileError(code="setup.unreadable", path=path, reason=exc.strerror or exc) from exc


def _signed_body(path: Path, raw: bytes) -> dict[str, Any]:
    """The body whose signature by the upper key it names checks out."""
    try:
        document = json.loads(raw.decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != SETUP_FORMAT:
            raise SetupFileError(code="setup.not_ours", name=path.name)
        text, signature = document["setup"], bytes.fromhex(document["signature"])
        body = json.loads(text)
        if not isinstance(body, dict):
            raise ValueError("body")
    except SetupFileError:
        raise
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        if SETUP_FORMAT.encode() not in raw:
            raise SetupFileError(code="setup.not_ours", name=path.name) from None
        raise SetupFileError(code="setup.damaged", name=path.name) from None
    try:
        signed = verify_signature(str(body["upper"]["sign_key"]), text.encode("utf-8"), signature)
    except (KeyError, TypeError):
        signed = False
    if not signed:
        raise SetupFileError(code="setup.damaged", name=path.name)
    return body


def read_setup_file(path: Path) -> SetupData:
    """Read and check a setup file; SetupFileError (one Chinese line) when it cannot be trusted."""
    path = Path(path)
    body = _signed_body(path, _read_bytes(path))
    version = body.get("version")
    if not isinstance(version, int) or version > SETUP_VERSION:
        raise SetupFileError(code="setup.too_new")
    if version < SETUP_VERSION:
        raise SetupFileError(code="setup.old_version", name=path.name)
    try:
        upper_box_key = str(body["upper"]["box_key"])
        sealed = body["enrollment"]
        if len(bytes.fromhex(upper_box_key)) != 32 or not isinstance(sealed, dict):
            raise ValueError("box key")
        for name in ("salt", "nonce", "sealed"):
            base64.b64decode(sealed[name], validate=True)
        return SetupData(
            station=StationCard.from_json(body["station"]),
            upper=StationCard.from_json(body["upper"]),
            upper_sign_key=str(body["upper"]["sign_key"]),
            upper_box_key=upper_box_key,
            created_at=dt.datetime.fromisoformat(body["created_at"]),
            sealed=sealed,
        )
    except (KeyError, TypeError, ValueError):
        raise SetupFileError(code="setup.damaged", name=path.name) from None


def division_contains(outer_code: str, inner_code: str) -> bool:
    """True when division ``inner_code`` lies inside ``outer_code`` (a city or a county, 6 digits).

    GB/T 2260: a city is ``PPCC00`` and holds every ``PPCCxx``; a county ``PPCCXX`` holds the townships
    whose 12-digit NBS codes start with it.
    """
    if len(outer_code) != 6 or inner_code == outer_code:
        return False
    if outer_code.endswith("00"):  # a city: its counties and their townships
        return inner_code.startswith(outer_code[:4]) and len(inner_code) in (6, 12)
    return len(inner_code) == 12 and inner_code.startswith(outer_code)


# -- the lower station's own claim, kept next to its keys ----------------------------------------------

REGISTRATION_FILENAME = "registration.json"
_REGISTRATION_FORMAT = "huimin-registration"


def store_registration(keys_dir: Path, claim: Registration) -> None:
    """Keep the claim the upward packages carry (public keys and the proof: nothing secret)."""
    from huimin_desktop.sync.keys import write_private_file

    document = {"format": _REGISTRATION_FORMAT, "version": 1, **claim.as_json()}
    write_private_file(keys_dir / REGISTRATION_FILENAME, json.dumps(document, indent=1).encode("ascii"))


def load_registration(keys_dir: Path) -> Registration | None:
    """This station's claim, or None (a station enrolled under the old scheme, or no upper station)."""
    try:
        document = json.loads((keys_dir / REGISTRATION_FILENAME).read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(document, dict) or document.get("format") != _REGISTRATION_FORMAT:
        return None
    return Registration.from_header({REGISTRATION_KEY: document})
