"""The key vault (``keys/vault.json``): the data folder's data key, wrapped once per user and once for
the administrator's recovery code, and the failed-login state that must be writable before login.

The database, attachments, drafts and backups are encrypted under one random 32-byte data key. The
vault holds it wrapped: for each user by a key derived from their password (argon2id raw, a salt of
their own, the parameters stored beside it), for the recovery code the same way; each wrap is a
ChaCha20-Poly1305 box whose associated data names what it is for (``user:NAME`` / ``recovery``), so a
box moved to another name does not open. A password change rewraps the key; nothing is re-encrypted.

The file is clear (no personal data: user names, salts, boxes, counters). The key-bearing part is
sealed with an HMAC under a key derived from the data key, checked at every unlock: a box removed,
added or swapped is refused. The failed-attempt counters and the pending failed-login events are not
sealed (they are written when the password was wrong, i.e. without the key): deleting them resets a
lock, which only helps someone who already has the file and can run argon2 against it offline anyway;
the argon2 cost is the real defence of a stolen laptop, the lock that of a borrowed one.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
import os
import secrets
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from huimin_desktop.errors import AuthenticationError

FORMAT = "huimin-vault/1"
KEY_BYTES = 32
MAX_FAILURES = 5
LOCK_MINUTES = 15
_MAX_EVENTS = 200  # pending failed-login events kept per name (a flood of attempts cannot grow the file)


@dataclass(frozen=True)
class KdfParams:
    """argon2id cost. Stored with every box, so a vault made with other costs still opens."""

    # OWASP's first choice for argon2id (46 MiB, one pass): ~50 ms here, a few times that on an old laptop;
    # each guess at a stolen vault costs the same.
    time_cost: int = 1
    memory_cost: int = 46 * 1024  # KiB
    parallelism: int = 1


# Tests lower this in-process (tests/conftest.py); never lowered by the program itself.
DEFAULT_KDF = KdfParams()


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_recovery_code() -> str:
    """20 Crockford base32 characters (100 bits) in groups of four: typed once in an emergency."""
    raw = "".join(secrets.choice(_CROCKFORD) for _ in range(20))
    return "-".join(raw[i : i + 4] for i in range(0, 20, 4))


def normalise_recovery_code(code: str) -> str:
    cleaned = code.strip().upper().replace("-", "").replace(" ", "")
    return cleaned.translate(str.maketrans("OIL", "011"))


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


# argon2 and cryptography load with the first key derivation, not with the module: the login dialog reads
# the vault's JSON before its first paint (services/login_hint.py) and needs neither (~20 ms).


def _derive(secret: str, salt: bytes, params: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        secret.encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _wrap(data_key: bytes, secret: str, purpose: str, params: KdfParams) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    box = ChaCha20Poly1305(_derive(secret, salt, params)).encrypt(nonce, data_key, purpose.encode())
    return {"salt": _b64(salt), "kdf": asdict(params), "nonce": _b64(nonce), "box": _b64(box)}


def _unwrap(entry: dict[str, Any], secret: str, purpose: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305

    params = KdfParams(**entry["kdf"])
    key = _derive(secret, _unb64(entry["salt"]), params)
    try:
        return ChaCha20Poly1305(key).decrypt(_unb64(entry["nonce"]), _unb64(entry["box"]), purpose.encode())
    except InvalidTag:
        return None


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.astimezone(dt.UTC) if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


@dataclass(frozen=True)
class LoginEvent:
    """A failed login or a lock, noted in the vault until the next unlock moves it into the audit log."""

    at: str  # ISO 8601, UTC
    user: str
    action: str  # "login_failed" | "locked"
    detail: str = ""


class Vault:
    """One data folder's vault; ``load`` it, change it, ``save`` it (atomic: temp file, fsync, rename)."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data

    # -- files ------------------------------------------------------------------------------------

    @classmethod
    def exists_at(cls, path: Path) -> bool:
        return path.is_file()

    @classmethod
    def load(cls, path: Path) -> Vault:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise AuthenticationError(code="auth.vault_damaged", path=path, reason=str(exc)) from exc
        if (
            not isinstance(data, dict)
            or data.get("format") != FORMAT
            or not isinstance(data.get("users"), dict)
        ):
            raise AuthenticationError(code="auth.vault_damaged", path=path, reason="format")
        data.setdefault("attempts", {})
        return cls(path, data)

    @classmethod
    def create(
        cls,
        path: Path,
        data_key: bytes,
        admin: str,
        password: str,
        recovery_code: str,
        *,
        params: KdfParams | None = None,
    ) -> Vault:
        params = params or DEFAULT_KDF
        vault = cls(path, {"format": FORMAT, "users": {}, "attempts": {}, "state": "ready"})
        vault.data["recovery"] = _wrap(data_key, normalise_recovery_code(recovery_code), "recovery", params)
        vault.set_password(data_key, admin, password, params=params)
        return vault

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(self.path.name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as handle:
            json.dump(self.data, handle, ensure_ascii=False, indent=1, sort_keys=True)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, self.path)

    # -- the seal ---------------------------------------------------------------------------------

    def _sealed_part(self) -> bytes:
        part = {"users": self.data["users"], "recovery": self.data.get("recovery")}
        return json.dumps(part, sort_keys=True, separators=(",", ":")).encode()

    @staticmethod
    def _seal_key(data_key: bytes) -> bytes:
        return hmac.new(data_key, b"huimin vault seal v1", hashlib.sha256).digest()

    def _reseal(self, data_key: bytes) -> None:
        self.data["seal"] = _b64(
            hmac.new(self._seal_key(data_key), self._sealed_part(), hashlib.sha256).digest()
        )

    def _check_seal(self, data_key: bytes) -> None:
        expected = hmac.new(self._seal_key(data_key), self._sealed_part(), hashlib.sha256).digest()
        try:
            stored = _unb64(str(self.data.get("seal", "")))
        except ValueError:
            stored = b""
        if not hmac.compare_digest(expected, stored):
            raise AuthenticationError(code="auth.vault_damaged", path=self.path, reason="seal")

    # -- boxes ------------------------------------------------------------------------------------

    def usernames(self) -> list[str]:
        return sorted(self.data["users"])

    def has_user(self, username: str) -> bool:
        return username in self.data["users"]

    def unlock(self, username: str, password: str) -> bytes | None:
        """The data key, or None for a wrong password or a name without a box. Checks the seal."""
        entry = self.data["users"].get(username)
        if entry is None:
            return None
        try:
            key = _unwrap(entry, password, f"user:{username}")
        except (KeyError, TypeError, ValueError) as exc:
            raise AuthenticationError(code="auth.vault_damaged", path=self.path, reason=str(exc)) from exc
        if key is not None:
            self._check_seal(key)
        return key

    def unlock_with_recovery_code(self, code: str) -> bytes:
        entry = self.data.get("recovery")
        if entry is None:
            raise AuthenticationError(code="auth.vault_damaged", path=self.path, reason="recovery")
        key = _unwrap(entry, normalise_recovery_code(code), "recovery")
        if key is None:
            raise AuthenticationError(code="auth.wrong_recovery_code")
        self._check_seal(key)
        return key

    def set_password(
        self, data_key: bytes, username: str, password: str, *, params: KdfParams | None = None
    ) -> None:
        """Wrap the data key for ``username`` (new user or password change); the data stays as it is."""
        self.data["users"][username] = _wrap(data_key, password, f"user:{username}", params or DEFAULT_KDF)
        self._reseal(data_key)

    def remove_user(self, data_key: bytes, username: str) -> None:
        self.data["users"].pop(username, None)
        self.data["attempts"].pop(username, None)
        self._reseal(data_key)

    def set_recovery_code(self, data_key: bytes, code: str) -> None:
        self.data["recovery"] = _wrap(data_key, normalise_recovery_code(code), "recovery", DEFAULT_KDF)
        self._reseal(data_key)

    # -- conversion state --------------------------------------------------------------------------

    @property
    def state(self) -> str:
        """``ready``, or ``converting`` while a clear folder's first encryption has not finished."""
        return str(self.data.get("state", "ready"))

    @state.setter
    def state(self, value: str) -> None:
        self.data["state"] = value

    # -- failed attempts -----------------------------------------------------------------------------

    def _attempts(self, username: str) -> dict[str, Any]:
        return self.data["attempts"].setdefault(username, {"failures": 0, "locked_until": None})

    def locked_until(self, username: str, now: dt.datetime) -> dt.datetime | None:
        """When the lock on ``username`` ends, if it is locked at ``now``."""
        until = self.data["attempts"].get(username, {}).get("locked_until")
        if not until:
            return None
        moment = dt.datetime.fromisoformat(until)
        return moment if moment > _utc(now) else None

    def failures(self, username: str) -> int:
        return int(self.data["attempts"].get(username, {}).get("failures", 0))

    def record_failure(self, username: str, now: dt.datetime) -> dt.datetime | None:
        """Count a wrong password; at the fifth in a row lock for 15 minutes. Returns the lock's end."""
        state = self._attempts(username)
        if state.get("locked_until") and self.locked_until(username, now) is None:
            state["failures"] = 0  # an expired lock starts a new count
            state["locked_until"] = None
        state["failures"] = int(state.get("failures", 0)) + 1
        now_utc = _utc(now)
        self._note(LoginEvent(now_utc.isoformat(), username, "login_failed", f"第 {state['failures']} 次"))
        if state["failures"] >= MAX_FAILURES:
            until = now_utc + dt.timedelta(minutes=LOCK_MINUTES)
            state["locked_until"] = until.isoformat()
            self._note(LoginEvent(now_utc.isoformat(), username, "locked", until.isoformat()))
            return until
        return None

    def clear_failures(self, username: str) -> None:
        state = self.data["attempts"].get(username)
        if state is not None:
            state["failures"] = 0
            state["locked_until"] = None

    def _note(self, event: LoginEvent) -> None:
        events = self.data.setdefault("events", [])
        events.append(asdict(event))
        del events[:-_MAX_EVENTS]

    def take_events(self) -> list[LoginEvent]:
        """The failed-login and lock events noted since the last unlock (removed from the vault)."""
        events = [LoginEvent(**event) for event in self.data.get("events", [])]
        self.data["events"] = []
        return events
