"""xxh3 fingerprints of stored blobs: a fast way to confirm a blob is still the bytes its name says.

A blob is named by its SHA-256, and every path into the store (intake, merge, demo) hashes the bytes
anyway; it then also takes their xxh3 and records it here (table ``blob_fingerprint``, local, never
synced). An export, which must not send a blob that has rotted on the laptop's disk, compares the xxh3
instead of hashing everything with SHA-256 again: about 30 times faster here, and on the older laptops
without SHA instructions over a hundred times. The recipient still checks every blob's SHA-256, so a
fingerprint is only ever a fast early check, never the last word. ``check`` reads every blob with
SHA-256 and fills in fingerprints that are missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import xxhash
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

Fingerprint = tuple[str, int, str]  # (sha256, size, xxh3 as 16 hex digits)
_RECORD = text("INSERT OR REPLACE INTO blob_fingerprint (sha256, size, xxh3) VALUES (:sha256, :size, :xxh3)")
_IN_CHUNK = 500  # sha256 values per IN (...) query


def hasher() -> xxhash.xxh3_64:
    return xxhash.xxh3_64()


def of_bytes(data: bytes | bytearray | memoryview) -> str:
    return xxhash.xxh3_64_hexdigest(data)


def record(target: Session | Connection, fingerprints: Iterable[Fingerprint]) -> None:
    """Store fingerprints (a blob's bytes never change, so a newer one simply replaces an older one)."""
    rows = [{"sha256": s, "size": n, "xxh3": x} for s, n, x in fingerprints]
    if rows:
        target.execute(
            text(
                "INSERT OR REPLACE INTO blob_fingerprint (sha256, size, xxh3) VALUES (:sha256, :size, :xxh3)"
            ),
            rows,
        )


def load(target: Session | Connection, sha256s: Sequence[str]) -> dict[str, tuple[int, str]]:
    """``{sha256: (size, xxh3)}`` for those of ``sha256s`` that have a fingerprint."""
    found: dict[str, tuple[int, str]] = {}
    for start in range(0, len(sha256s), _IN_CHUNK):
        chunk = list(sha256s[start : start + _IN_CHUNK])
        marks = ", ".join(f":s{i}" for i in range(len(chunk)))
        rows = target.execute(
            text(f"SELECT sha256, size, xxh3 FROM blob_fingerprint WHERE sha256 IN ({marks})"),
            {f"s{i}": value for i, value in enumerate(chunk)},
        )
        for sha256, size, xxh3 in rows:
            found[sha256] = (size, xxh3)
    return found
