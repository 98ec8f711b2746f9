"""``Station``: the one object the GUI and the CLI talk to (one open data folder).

Like Anki's ``Collection``: it owns the database and hands out the use cases, each of which opens and
closes its own short session.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from huimin_desktop.errors import NoStationError, ServiceError, StationExistsError
from huimin_desktop.model import StationIdentity
from huimin_desktop.paths import resolve_data_dir
from huimin_desktop.services import leftovers
from huimin_desktop.services.archive_export import ArchiveExporter
from huimin_desktop.services.attachments import AttachmentService
from huimin_desktop.services.audit import AuditService
from huimin_desktop.services.checkup import UNUSED_AGE_S, CheckReport, check_station, remove_unused_blobs
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.enrollment import EnrollmentService
from huimin_desktop.services.households import HouseholdService
from huimin_desktop.services.indicators import IndicatorService
from huimin_desktop.services.projects import ProjectService
from huimin_desktop.services.records import StationInfo
from huimin_desktop.services.rosters import RosterService
from huimin_desktop.services.station_setup import (
    check_setup,
    create_station,
    ensure_station_keys,
    validate_station,
)
from huimin_desktop.services.sync import SyncService
from huimin_desktop.services.trainings import TrainingService
from huimin_desktop.services.users import UserService
from huimin_desktop.store.database import Database
from huimin_desktop.store.datafolder import DataFolder, has_station
from huimin_desktop.sync.enrollment import SetupData, open_secret, read_setup_file

if TYPE_CHECKING:
    from huimin_desktop.demo import DemoSummary
    from huimin_desktop.progress import TaskState

__all__ = ["Station", "has_station"]


class Station:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.divisions = DivisionService(db)
        self.households = HouseholdService(db)
        self.projects = ProjectService(db)
        self.trainings = TrainingService(db)
        self.indicators = IndicatorService(db)
        self.attachments = AttachmentService(db)
        self.archive = ArchiveExporter(db, self.projects, self.attachments)
        self.users = UserService(db)
        self.audit = AuditService(db)
        self.rosters = RosterService(db)
        self.sync = SyncService(db)
        self.swept = leftovers.Leftovers()  # what Station.open removed, for check to report
        self.enrollment = EnrollmentService(db)

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(cls, data_dir: str | os.PathLike[str] | None = None) -> Station:
        """Open an existing station; NoStationError when the folder has none."""
        folder = DataFolder(resolve_data_dir(data_dir))
        if not folder.exists():
            raise NoStationError(path=folder.root)
        db = Database.open(folder)
        if db.station_id is None:
            db.close()
            raise NoStationError(path=folder.root)
        try:
            ensure_station_keys(db)  # a station made before stations had keys gets them once
        except BaseException:
            db.close()
            raise
        station = cls(db)
        # what killed merges and intakes left (decrypted photos in staging, temporary blobs)
        station.swept = leftovers.sweep(folder.staging_dir, folder.attachments_dir)
        return station

    @classmethod
    def create(
        cls,
        data_dir: str | os.PathLike[str] | None,
        *,
        level: str,
        name: str,
        division_code: str,
        setup: SetupData | None = None,
        secret: bytes = b"",
    ) -> Station:
        # Everything that can be refused is checked before the folder is touched.
        validate_station(level, name, division_code)
        folder = DataFolder(resolve_data_dir(data_dir))
        if folder.exists():
            raise StationExistsError(path=folder.root)
        if folder.root.exists() and not folder.root.is_dir():
            raise ServiceError(code="data_folder.not_a_folder", path=folder.root)
        db = Database.open(folder)
        try:
            create_station(
                db, level=level, name=name, division_code=division_code, setup=setup, secret=secret
            )
        except BaseException:
            db.close()
            for leftover in folder.root.glob(f"{folder.db_path.name}*"):
                leftover.unlink(missing_ok=True)
            raise
        return cls(db)

    @classmethod
    def create_from_setup(
        cls,
        data_dir: str | os.PathLike[str] | None,
        setup_file: str | os.PathLike[str],
        code: str,
    ) -> Station:
        """First start of a station its upper station enrolled: identity and trust from the file, its own
        keys made here, proven once to the upper station with the secret that ``code`` opens.

        A damaged, edited or inconsistent setup file, a wrong code, or a folder that already holds a
        station is refused with one Chinese line; nothing is written.
        """
        setup = read_setup_file(Path(setup_file))
        check_setup(setup)
        secret = open_secret(setup, code)
        card = setup.station
        return cls.create(
            data_dir,
            level=card.level,
            name=card.name,
            division_code=card.division,
            setup=setup,
            secret=secret,
        )

    @classmethod
    def open_demo(cls, data_dir: str | os.PathLike[str] | None) -> tuple[Station, bool]:
        """The folder's station, creating the demo city station first when it has none; (station, created)."""
        if has_station(data_dir):
            return cls.open(data_dir), False
        from huimin_desktop.demo import DEMO_STATION  # the demo package sits above the services

        level, name, code = DEMO_STATION["level"], DEMO_STATION["name"], DEMO_STATION["division_code"]
        return cls.create(data_dir, level=level, name=name, division_code=code), True

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Station:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- about the station --------------------------------------------------------------------

    @property
    def data_dir(self) -> Path:
        return self.db.folder.root

    def info(self) -> StationInfo:
        with self.db.reader() as session:
            identity = session.scalars(select(StationIdentity)).one()
            return StationInfo(
                identity.id, identity.name, identity.level, identity.division_code, identity.created_at
            )

    def check(self, *, verify_hashes: bool = True) -> CheckReport:
        """The check, with what opening the station swept (``services.leftovers``) among its notes."""
        return check_station(self.db, verify_hashes=verify_hashes, swept=self.swept)

    def remove_unused_blobs(self, *, older_than_s: float = UNUSED_AGE_S) -> tuple[int, int]:
        return remove_unused_blobs(self.db, older_than_s=older_than_s)

    # -- demo data ----------------------------------------------------------------------------

    def generate_demo(
        self,
        households: int,
        *,
        seed: int = 828,
        attachments_mb: int = 0,
        task: TaskState | None = None,
    ) -> DemoSummary:
        """Add synthetic households, projects, trainings, indicators and photos (huimin_desktop.demo)."""
        from huimin_desktop.demo import generate_demo

        return generate_demo(self, households, seed=seed, attachments_mb=attachments_mb, task=task)
