"""The entry point: ``generate_demo`` checks its arguments, runs the makers in order, audits the run.

The makers draw from one seeded random generator in a fixed order (places, households, projects,
trainings, indicators, photos), so that order is part of the data: the same seed gives the same
records only while it stays the same. Everything is written in ONE transaction: a refused count writes
nothing, and a cancelled or failed run rolls back, deleting the photo files it had stored meanwhile.
"""

from __future__ import annotations

import datetime as dt
import random
from contextlib import suppress
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, cast

from sqlalchemy import Connection, Table, insert, select

from huimin_desktop.demo.attachments import write_photos
from huimin_desktop.demo.bulk import BulkWriter
from huimin_desktop.demo.draws import FastRandom
from huimin_desktop.demo.households import HouseholdMaker
from huimin_desktop.demo.indicators import write_indicators
from huimin_desktop.demo.names import PeopleMaker
from huimin_desktop.demo.places import create_villages, find_townships
from huimin_desktop.demo.projects import ProjectMaker
from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import text
from huimin_desktop.model import AuditEntry, Member
from huimin_desktop.progress import TaskState
from huimin_desktop.services.audit import Summary, summary_columns
from huimin_desktop.store.attachments import BlobStore
from huimin_desktop.store.database import AUDIT_ACTOR
from huimin_desktop.store.search_index import deferred_search_indexing

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station

MAX_HOUSEHOLDS = 1_000_000
HOUSEHOLDS_PER_PROJECT = 200
HOUSEHOLDS_PER_TRAINING = 300
_BULK_CACHE_KIB = 256 * 1024  # SQLite page cache while generating: random UUID keys touch every page

# The station a demo folder gets when it has none yet (the CLI's ``demo`` and the GUI's "打开演示数据").
DEMO_STATION = {"level": "city", "name": "朝阳市民族和宗教事务委员会（演示）", "division_code": "211300"}


@dataclass(frozen=True)
class DemoSummary:
    """How many records of each kind one run wrote."""

    villages: int
    households: int
    members: int
    surveys: int
    projects: int
    trainings: int
    indicators: int
    attachments: int


def generate_demo(
    station: Station,
    households: int,
    *,
    seed: int = 828,
    attachments_mb: int = 0,
    task: TaskState | None = None,
) -> DemoSummary:
    """Add ``households`` synthetic households (and the rest) to the station, in one transaction.

    Refuses a count outside 1…1,000,000 (ServiceError, nothing written). ``task`` receives progress
    and may cancel; a cancelled run leaves the database and the attachment store as they were.
    """
    if (
        isinstance(households, bool)
        or not isinstance(households, int)
        or not 1 <= households <= MAX_HOUSEHOLDS
    ):
        raise ServiceError(code="demo.households_range", most=f"{MAX_HOUSEHOLDS:,}", given=households)
    if attachments_mb < 0:
        raise ServiceError(code="demo.attachments_negative", given=attachments_mb)
    task = task or TaskState()
    rng = FastRandom(seed)
    new_blobs: list[Path] = []
    try:
        with station.db.writer() as connection:
            connection.exec_driver_sql(f"PRAGMA cache_size=-{_BULK_CACHE_KIB}")
            try:
                run = _Run(station, connection, rng, task, new_blobs)
                with deferred_search_indexing(connection):
                    summary = run.run(households, attachments_mb)
                _write_audit(connection, run.station_id, seed, summary)
                task.check()
            finally:
                connection.exec_driver_sql("PRAGMA cache_size=-2000")  # back to SQLite's default
    except BaseException:
        _remove_new_blobs(new_blobs, station.db.folder.attachments_dir)
        raise
    return summary


def _remove_new_blobs(blobs: list[Path], root: Path) -> None:
    """Blobs this run added (nothing in the database refers to them now), and the folders it made for
    them: a failed run (a full disk) leaves the store as it found it."""
    for path in blobs:
        with suppress(OSError):
            path.unlink(missing_ok=True)
        for folder in (path.parent, path.parent.parent):
            if folder != root and folder.is_relative_to(root):
                with suppress(OSError):
                    folder.rmdir()  # only when empty: another blob may live there


class _Run:
    """One run's shared parts (writer, random generator, names) and the order the makers go in."""

    def __init__(
        self,
        station: Station,
        connection: Connection,
        rng: random.Random,
        task: TaskState,
        new_blobs: list[Path],
    ) -> None:
        db = station.db
        if db.clock is None or db.station_id is None:
            raise ServiceError(code="demo.no_station")
        self.station_id = db.station_id
        self.rng, self.task, self.new_blobs = rng, task, new_blobs
        self.blob_store = BlobStore(db.folder.attachments_dir, db.data_key)
        self.writer = BulkWriter(connection, db.station_id, db.clock.now())
        self.people = PeopleMaker(rng, _existing_id_numbers(connection))
        self.households = HouseholdMaker(self.writer, rng, self.people)
        self.projects = ProjectMaker(self.writer, rng, self.people, task)
        info = station.info()
        self.level = info.level
        self.townships = find_townships(connection, info.division_code, rng, self.people)

    def run(self, households: int, attachments_mb: int) -> DemoSummary:
        townships, task = self.townships, self.task
        if not townships:
            raise ServiceError(code="demo.no_townships")
        villages_created = create_villages(self.writer, self.rng, townships, households)
        villages = [v for t in townships for v in t.villages]
        members, surveys = self.households.write(villages, households, task)
        projects = max(1, round(households / HOUSEHOLDS_PER_PROJECT))
        task.report(0, 1, text("working.demo_records"))
        self.projects.write_projects(villages, projects)
        trainings = max(1, round(households / HOUSEHOLDS_PER_TRAINING))
        self.projects.write_trainings(townships, trainings)
        indicators = 0
        if self.level == "city":  # the city defines the indicators; lower stations receive them
            indicators = write_indicators(self.writer, self.rng, self.people, townships)
        task.report(1, 1, text("working.demo_records"))
        attachments = write_photos(
            self.writer,
            self.rng,
            task,
            self.projects.projects,
            attachments_mb,
            store=self.blob_store,
            new_blobs=self.new_blobs,
        )
        return DemoSummary(
            villages=villages_created,
            households=households,
            members=members,
            surveys=surveys,
            projects=projects,
            trainings=trainings,
            indicators=indicators,
            attachments=attachments,
        )


def _existing_id_numbers(connection: Connection) -> set[str]:
    """ID numbers already in use; only a station that already has members (a second run) pays for this."""
    rows = connection.execute(
        select(Member.id_number).where(Member.deleted.is_(False), Member.id_number != "")
    )
    return {number for (number,) in rows}


def _write_audit(connection: Connection, station_id: str, seed: int, summary: DemoSummary) -> None:
    facts = {"seed": seed, **asdict(summary)}
    connection.execute(
        insert(cast(Table, AuditEntry.__table__)),
        [
            {
                "at": dt.datetime.now(dt.UTC).replace(tzinfo=None),
                "station": station_id,
                "user": connection.info.get(AUDIT_ACTOR, ("", "system"))[1],  # who asked for it
                "action": "demo",
                "table_name": "household",
                "record_id": station_id,
                **summary_columns(Summary("audit.demo", facts), facts),
            }
        ],
    )
