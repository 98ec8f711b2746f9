"""The setup file: how a new station learns who it is, its keys, and whom to trust (DESIGN.md §4).

The city (or a county) enrolls a lower station and writes a setup file; the township's first start
(``init --setup FILE``) consumes it. The file is JSON::

    {"format": "huimin-setup", "setup": "<the body, itself JSON text>", "signature": "<hex>"}

The body holds the new station's identity (id, name, level, division code), its freshly generated
*private* keys, and the upper station's identity and *public* keys; ``signature`` is the upper station's
Ed25519 signature of the body text's UTF-8 bytes. Signing the exact text (rather than re-serialised
JSON) leaves nothing to canonicalise.

Why the upper station generates the keys: a township cadre never handles keys. No key exchange, no
fingerprints read over the phone, nothing to paste: the upper station makes the pair, keeps only the
public halves in its peer list (so it can verify that station's packages and seal return packages to
it), and hands over the private halves once, inside the setup file. The file is therefore a secret
until it is consumed: it is written readable by its owner only, travels on the same USB stick as the
program, and should be deleted after the first start. A lost laptop or a leaked file is handled by
revoking the station and enrolling it again (new keys, same station id).

The new station checks the signature against the upper key the file itself carries: that proves the
file is whole and was made by whoever holds that key (a damaged or edited file is refused). Trusting
that key at all rests on how the file arrived (by hand, from the office that installs the program).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from huimin_desktop.errors import ServiceError
from huimin_desktop.sync.keys import StationKeys, verify_signature

SETUP_FORMAT = "huimin-setup"
SETUP_VERSION = 1
_MAX_SETUP_BYTES = 1 << 20


class SetupFileError(ServiceError):
    """The setup file cannot be used; the message is the one-line Chinese reason."""

    code = "setup_file"


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
    station: StationCard
    keys: StationKeys
    upper: StationCard
    upper_sign_key: str  # hex
    upper_box_key: str  # hex
    created_at: dt.datetime


def setup_file_bytes(
    *, station: StationCard, keys: StationKeys, upper: StationCard, upper_keys: StationKeys
) -> bytes:
    """The signed setup file for ``station`` (enrolled by ``upper``)."""
    body = {
        "version": SETUP_VERSION,
        "created_at": dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0).isoformat(sep=" "),
        "station": station.as_json(),
        "keys": keys.secrets(),
        "upper": {
            **upper.as_json(),
            "sign_key": upper_keys.sign_public_hex,
            "box_key": upper_keys.box_public_hex,
        },
    }
    text = json.dumps(body, ensure_ascii=False, indent=1)
    signature = upper_keys.sign(text.encode("utf-8")).hex()
    document = {"format": SETUP_FORMAT, "setup": text, "signature": signature}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def read_setup_file(path: Path) -> SetupData:
    """Read and check a setup file; SetupFileError (one Chinese line) when it cannot be trusted."""
    try:
        if Path(path).stat().st_size > _MAX_SETUP_BYTES:
            raise SetupFileError(f"{path} 不是安装文件（文件过大）")
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise SetupFileError(f"找不到安装文件 {path}") from None
    except IsADirectoryError:
        raise SetupFileError(f"{path} 是文件夹，不是安装文件") from None
    except OSError as exc:
        raise SetupFileError(f"无法读取安装文件 {path}：{exc.strerror or exc}") from exc
    damaged = f"安装文件 {Path(path).name} 已损坏或被改动，不能使用；请向上级站点重新索取"
    try:
        document = json.loads(raw.decode("utf-8"))
        if not isinstance(document, dict) or document.get("format") != SETUP_FORMAT:
            raise SetupFileError(f"{Path(path).name} 不是本程序的安装文件")
        text, signature = document["setup"], bytes.fromhex(document["signature"])
        body = json.loads(text)
        if not isinstance(body, dict):
            raise ValueError("body")
    except SetupFileError:
        raise
    except (UnicodeDecodeError, ValueError, KeyError, TypeError):
        if SETUP_FORMAT.encode() not in raw:
            raise SetupFileError(f"{Path(path).name} 不是本程序的安装文件") from None
        raise SetupFileError(damaged) from None
    try:
        upper_sign_key = str(body["upper"]["sign_key"])
        signed = verify_signature(upper_sign_key, text.encode("utf-8"), signature)
    except (KeyError, TypeError):
        signed = False
    if not signed:
        raise SetupFileError(damaged)
    version = body.get("version")
    if not isinstance(version, int) or version > SETUP_VERSION:
        raise SetupFileError("安装文件来自较新版本的程序，请先升级本程序")
    try:
        station = StationCard.from_json(body["station"])
        upper = StationCard.from_json(body["upper"])
        keys = StationKeys.from_secrets(body["keys"]["sign_seed"], body["keys"]["box_secret"], station.id)
        upper_box_key = str(body["upper"]["box_key"])
        if len(bytes.fromhex(upper_box_key)) != 32:
            raise ValueError("box key")
        created_at = dt.datetime.fromisoformat(body["created_at"])
    except (KeyError, TypeError, ValueError):
        raise SetupFileError(damaged) from None
    return SetupData(station, keys, upper, upper_sign_key, upper_box_key, created_at)


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
