"""What an operation changed (like Anki's ``OpChanges``): the tables its committed transactions wrote.

Recorded where the writes happen rather than declared by each service: the store's engine
(store/engine.py) notes the table of every INSERT, UPDATE and DELETE a transaction executes (ORM
flushes, Core statements and the merge's raw SQL alike) and, when the transaction commits, hands them
to ``committed``. Chosen over an explicit ``Changes`` in each service result because it cannot drift:
no service can forget to report a write or name the wrong table, a new service or table is covered
the day it is written, the result types stay as they are (the CLI ignores all this), and an operation
of several transactions (three packages merged, the third refused) reports exactly what was
committed, which a result that never came back could not.

``recording()`` collects what the transactions on this thread commit while it is open, and the GUI's
operation helper (ui/operations.py) wraps every operation's work in one::

    with recording() as record:
        station.households.save_with_survey(None, data, survey)
    record.changes.households  # True

Commits outside any recording are told to nobody. Reads never record anything (their
transactions roll back), so a read-only operation reports no change.

Qt-free and import-free, like progress.py: the GUI imports it before its first paint.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

# Every table of the schema, by what a screen shows of it (tests/core/test_changes.py checks that each
# mapped table is here). Tables the screens never show (the audit log) are in an area of their own.
AREAS: dict[str, frozenset[str]] = {
    "households": frozenset({"household", "member", "survey"}),
    "projects": frozenset({"project", "project_stage", "project_beneficiary"}),
    "trainings": frozenset({"training", "training_attendee"}),
    "indicators": frozenset({"indicator", "indicator_milestone", "indicator_progress"}),
    "divisions": frozenset({"division"}),
    "attachments": frozenset({"attachment", "blob_fingerprint"}),
    "sync": frozenset(
        {"sync_peer", "sync_enrollment", "sync_package_log", "sync_conflict", "sync_quarantine", "sync_echo"}
    ),
    "station": frozenset({"station_identity"}),
    "users": frozenset({"app_user"}),
    "audit": frozenset({"audit_log"}),
}


@dataclass(frozen=True)
class Changes:
    """The tables an operation's committed transactions wrote; false when it wrote nothing."""

    tables: frozenset[str] = frozenset()

    def __bool__(self) -> bool:
        return bool(self.tables)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.tables | other.tables)

    def touches(self, *areas: str) -> bool:
        """Whether any table of these areas (keys of ``AREAS``) was written."""
        return any(not self.tables.isdisjoint(AREAS[area]) for area in areas)

    @property
    def households(self) -> bool:
        return self.touches("households")

    @property
    def projects(self) -> bool:
        return self.touches("projects")

    @property
    def trainings(self) -> bool:
        return self.touches("trainings")

    @property
    def indicators(self) -> bool:
        return self.touches("indicators")

    @property
    def divisions(self) -> bool:
        return self.touches("divisions")

    @property
    def attachments(self) -> bool:
        return self.touches("attachments")

    @property
    def sync(self) -> bool:
        return self.touches("sync")

    @property
    def station(self) -> bool:
        return self.touches("station")

    @property
    def users(self) -> bool:
        return self.touches("users")


NO_CHANGES = Changes()


class ChangeRecord:
    """What the transactions committed on one thread while its ``recording()`` was open."""

    def __init__(self) -> None:
        self._tables: set[str] = set()

    def add(self, tables: Iterable[str]) -> None:
        self._tables.update(tables)

    @property
    def changes(self) -> Changes:
        return Changes(frozenset(self._tables))


_records: ContextVar[tuple[ChangeRecord, ...]] = ContextVar("huimin_change_records", default=())


@contextmanager
def recording() -> Iterator[ChangeRecord]:
    """Collect what this thread's transactions commit inside the block (recordings may nest)."""
    record = ChangeRecord()
    token = _records.set((*_records.get(), record))
    try:
        yield record
    finally:
        _records.reset(token)


def committed(tables: Iterable[str]) -> None:
    """A transaction on this thread is committing these tables (called by the store's engine)."""
    tables = frozenset(tables)
    if not tables:
        return
    for record in _records.get():
        record.add(tables)
