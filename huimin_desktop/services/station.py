"""``Station``: the one object the GUI and the CLI talk to (one open data folder).

Like Anki's ``Collection``: it owns the database and hands out the use cases, each of which opens and
closes its own short session.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from huimin_desktop.domain.masking import Masking
from huimin_desktop.errors import (
    AuthenticationError,
    NoStationError,
    ServiceError,
    StationExistsError,
    ValidationError,
)
from huimin_desktop.model import StationIdentity
from huimin_desktop.paths import resolve_data_dir
from huimin_desktop.security.roles import MAINTAIN_STATION
from huimin_desktop.security.vault import Vault, new_data_key, new_recovery_code
from huimin_desktop.services import leftovers
from huimin_desktop.services.archive_export import ArchiveExporter
from huimin_desktop.services.assessment import AssessmentService
from huimin_desktop.services.attachments import AttachmentService
from huimin_desktop.services.audit import AuditService
from huimin_desktop.services.backups import BackupService
from huimin_desktop.services.checkup import UNUSED_AGE_S, CheckReport, check_station, remove_unused_blobs
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.encryption import convert_clear_folder
from huimin_desktop.services.enrollment import EnrollmentService
from huimin_desktop.services.failure_logs import FailureLogService
from huimin_desktop.services.figures import FigureService
from huimin_desktop.services.households import HouseholdService
from huimin_desktop.services.indicators import IndicatorService
from huimin_desktop.services.login_hint import DEMO_ADMIN, DEMO_PASSWORD, demo_credentials
from huimin_desktop.services.projects import ProjectService
from huimin_desktop.services.public_notice import PublicNoticeService
from huimin_desktop.services.records import StationInfo
from huimin_desktop.services.reports import ReportService
from huimin_desktop.services.rosters import RosterService
from huimin_desktop.services.station_setup import (
    check_setup,
    create_station,
    ensure_station_keys,
    validate_station,
)
from huimin_desktop.services.sync import SyncService
from huimin_desktop.services.trainings import TrainingService
from huimin_desktop.services.users import (
    Clock,
    UserService,
    actor_for,
    check_password,
    normalise_username,
    record_login,
    unlock,
    username_issues,
    utc_now,
)
from huimin_desktop.store.database import Database, backup_database
from huimin_desktop.store.datafolder import DataFolder, has_station
from huimin_desktop.store.encryption import is_clear_database
from huimin_desktop.store.sealed_files import remember_key, sweep_clear_copies
from huimin_desktop.sync.enrollment import SetupData, open_secret, read_setup_file

if TYPE_CHECKING:
    from huimin_desktop.demo import DemoSummary
    from huimin_desktop.services.backup_restore import StickBackup

from huimin_desktop.progress import TaskState

__all__ = ["DEMO_ADMIN", "DEMO_PASSWORD", "Station", "has_station"]

CONVERTING, READY = "converting", "ready"  # the vault's state (services/encryption.py)


class Station:
    def __init__(self, db: Database, clock: Clock = utc_now) -> None:
        self.db = db
        self._clock = clock
        remember_key(db.folder.root, db.data_key)  # this process's failure log is sealed with it
        # set once by ``create`` and by a clear folder's first login (``open``): show it, then forget it
        self.recovery_code: str | None = None
        self.divisions = DivisionService(db)
        self.households = HouseholdService(db)
        self.projects = ProjectService(db)
        self.trainings = TrainingService(db)
        self.indicators = IndicatorService(db)
        self.figures = FigureService(db)  # the 首页's and the 报表's figures
        self.assessment = AssessmentService(db)
        self.attachments = AttachmentService(db)
        self.archive = ArchiveExporter(db, self.projects, self.attachments)
        self.users = UserService(db, clock)
        self.audit = AuditService(db)
        self.rosters = RosterService(db)
        self.reports = ReportService(db)
        self.public_notice = PublicNoticeService(db, self.reports)
        self.sync = SyncService(db)
        self.swept = leftovers.Leftovers()  # what Station.open removed, for check to report
        self.enrollment = EnrollmentService(db)
        self.backups = BackupService(db)
        self.failure_logs = FailureLogService(db)

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        data_dir: str | os.PathLike[str] | None = None,
        user: str | None = None,
        password: str | None = None,
        *,
        clock: Clock = utc_now,
        task: TaskState | None = None,
        audit_login: str = "now",
    ) -> Station:
        """Open an existing station as ``user``: the password unwraps the data key (keys/vault.json), the
        database opens with it, ``db.actor`` is the user. NoStationError when the folder has none;
        AuthenticationError (wrong password, locked until …, disabled) changes nothing but the vault's
        failed-attempt count.

        A folder without a vault whose database is clear was made by the version before encryption: its
        first login makes this user its first administrator, creates the vault and encrypts the folder
        (``services/encryption.py``); ``recovery_code`` is then set, to be shown once.

        ``audit_login``: ``"now"`` writes the login (and the failed ones before it) to the audit log at
        once; ``"with_first_change"`` (the command line) writes it with the first change the station
        makes, so a refused or read-only command leaves the database as it was.
        """
        folder = DataFolder(resolve_data_dir(data_dir))
        if not folder.exists():
            raise NoStationError(path=folder.root)
        if not user or password is None:
            raise AuthenticationError(code="auth.login_required", path=folder.root)
        username = normalise_username(user)
        if not folder.vault_path.is_file():
            if is_clear_database(folder.db_path):
                return cls._first_login(folder, username, password, clock, task)  # audited at once
            raise AuthenticationError(code="auth.no_vault", path=folder.root)
        vault = Vault.load(folder.vault_path)
        key = unlock(vault, username, password, clock())
        recovery = None
        if vault.state == CONVERTING:  # a first encryption killed half-way goes on
            recovery = cls._finish_conversion(folder, vault, key, task)
        deferred = audit_login == "with_first_change" and recovery is None
        return cls._admit(Database.open(folder, key), vault, username, clock, recovery, deferred)

    @classmethod
    def _admit(
        cls,
        db: Database,
        vault: Vault,
        username: str,
        clock: Clock,
        recovery: str | None = None,
        deferred: bool = False,
    ) -> Station:
        try:
            if db.station_id is None:
                raise NoStationError(path=db.folder.root)
            db.actor = actor_for(db, username)
            ensure_station_keys(db)  # a station made before stations had keys gets them once
            record_login(db, vault, username, clock(), with_first_change=deferred)
        except BaseException:
            db.close()
            raise
        station = cls(db, clock)
        station.recovery_code = recovery
        # what killed merges and intakes left (decrypted photos in staging, temporary blobs)
        station.swept = leftovers.sweep(db.folder.staging_dir, db.folder.attachments_dir)
        sweep_clear_copies(leftovers.CLEAR_COPY_AGE_S)  # decrypted copies a killed player or Word left
        return station

    @classmethod
    def _first_login(
        cls, folder: DataFolder, username: str, password: str, clock: Clock, task: TaskState | None
    ) -> Station:
        check_password(password)
        issues = username_issues(username)
        if issues:
            raise ValidationError(issues)
        db = Database.open(folder)  # clear: upgraded (after a backup) like any older folder
        try:
            if db.station_id is None:
                raise NoStationError(path=folder.root)
            with db.session("system", capture=False) as session:
                UserService(db, clock).add_first_admin(session, username)
        finally:
            db.close()
        backup_database(folder.db_path, folder.backups_dir, "before-encryption")  # encrypted in step 2
        key, code = new_data_key(), new_recovery_code()
        vault = Vault.create(folder.vault_path, key, username, password, code)
        vault.state = CONVERTING
        vault.save()
        convert_clear_folder(folder, key, task)
        vault.state = READY
        vault.save()
        return cls._admit(Database.open(folder, key), vault, username, clock, code)

    @staticmethod
    def _finish_conversion(folder: DataFolder, vault: Vault, key: bytes, task: TaskState | None) -> str:
        convert_clear_folder(folder, key, task)
        code = new_recovery_code()  # the first one may never have been shown
        vault.set_recovery_code(key, code)
        vault.state = READY
        vault.save()
        return code

    @classmethod
    def recover(
        cls,
        data_dir: str | os.PathLike[str] | None,
        recovery_code: str,
        admin: str,
        password: str,
        *,
        clock: Clock = utc_now,
    ) -> Station:
        """Every password forgotten: the recovery code unwraps the data key, ``admin`` becomes (or stays)
        an administrator with the new ``password``, and the station opens as them."""
        folder = DataFolder(resolve_data_dir(data_dir))
        if not folder.exists():
            raise NoStationError(path=folder.root)
        if not folder.vault_path.is_file():
            raise AuthenticationError(code="auth.no_vault", path=folder.root)
        username = normalise_username(admin)
        issues = username_issues(username)
        if issues:
            raise ValidationError(issues)
        check_password(password)
        vault = Vault.load(folder.vault_path)
        key = vault.unlock_with_recovery_code(recovery_code)
        db = Database.open(folder, key)
        try:
            with db.session("system", capture=False) as session:
                UserService(db, clock).add_first_admin(session, username, recovery=True)
            vault.set_password(key, username, password)
            vault.clear_failures(username)
            vault.save()
        except BaseException:
            db.close()
            raise
        return cls._admit(db, vault, username, clock)

    @classmethod
    def restore_new(
        cls,
        data_dir: str | os.PathLike[str] | None,
        backup: str | os.PathLike[str],
        user: str,
        password: str,
        *,
        recovery_code: str | None = None,
        clock: Clock = utc_now,
        task: TaskState | None = None,
        verified: bool = False,
    ) -> Station:
        """A stick's backup into a folder without a station (a new laptop), opened as ``user``: with
        their password in the backup's vault, or with the recovery code (then ``password`` becomes
        ``user``'s new administrator password, checked before anything is written).
        ``verified``: ``check_new_backup`` has just checked the stick. services/backup_restore.py."""
        from huimin_desktop.services.backup_restore import restore_to_new_folder

        folder = DataFolder(resolve_data_dir(data_dir))
        username = normalise_username(user)
        if recovery_code:
            issues = username_issues(username)
            if issues:
                raise ValidationError(issues)
            check_password(password)
        restore_to_new_folder(
            folder,
            Path(backup),
            username,
            password=None if recovery_code else password,
            recovery_code=recovery_code,
            task=task,
            verified=verified,
        )
        if recovery_code:
            return cls.recover(folder.root, recovery_code, username, password, clock=clock)
        return cls.open(folder.root, username, password, clock=clock)

    @staticmethod
    def check_new_backup(backup: str | os.PathLike[str], task: TaskState | None = None) -> StickBackup:
        """Before a restore onto a new laptop asks for a password: the stick's backup folder finished
        and every file whole (reads only). RestoreRefused otherwise."""
        from huimin_desktop.services.backup_restore import check_stick_backup

        return check_stick_backup(Path(backup), task)

    @classmethod
    def create(
        cls,
        data_dir: str | os.PathLike[str] | None,
        *,
        level: str,
        name: str,
        division_code: str,
        admin: str,
        password: str,
        setup: SetupData | None = None,
        secret: bytes = b"",
        clock: Clock = utc_now,
        password_policy: bool = True,
    ) -> Station:
        """A new station, encrypted from the start: a new data key, ``admin`` its first administrator
        (their box and the recovery code's in keys/vault.json). ``recovery_code`` is set: show it once."""
        # Everything that can be refused is checked before the folder is touched.
        validate_station(level, name, division_code)
        admin = normalise_username(admin)
        issues = username_issues(admin)
        if issues:
            raise ValidationError(issues)
        if password_policy:
            check_password(password)
        folder = DataFolder(resolve_data_dir(data_dir))
        if folder.exists():
            raise StationExistsError(path=folder.root)
        if folder.root.exists() and not folder.root.is_dir():
            raise ServiceError(code="data_folder.not_a_folder", path=folder.root)
        key, code = new_data_key(), new_recovery_code()
        db = Database.open(folder, key)
        try:
            create_station(
                db, level=level, name=name, division_code=division_code, setup=setup, secret=secret
            )
            with db.session("system", capture=False) as session:
                UserService(db, clock).add_first_admin(session, admin)
            Vault.create(folder.vault_path, key, admin, password, code).save()
            db.actor = actor_for(db, admin)
        except BaseException:
            db.close()
            for leftover in folder.root.glob(f"{folder.db_path.name}*"):
                leftover.unlink(missing_ok=True)
            folder.vault_path.unlink(missing_ok=True)
            raise
        station = cls(db, clock)
        station.recovery_code = code
        return station

    @classmethod
    def create_from_setup(
        cls,
        data_dir: str | os.PathLike[str] | None,
        setup_file: str | os.PathLike[str],
        code: str,
        *,
        admin: str,
        password: str,
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
            admin=admin,
            password=password,
            setup=setup,
            secret=secret,
        )

    @classmethod
    def open_demo(cls, data_dir: str | os.PathLike[str] | None) -> tuple[Station, bool]:
        """The folder's station opened as the demo's ``admin`` / ``demo``, creating the demo city station
        first when it has none; (station, created)."""
        if has_station(data_dir):
            return cls.open(data_dir, DEMO_ADMIN, DEMO_PASSWORD), False
        from huimin_desktop.demo import DEMO_STATION  # the demo package sits above the services

        level, name, code = DEMO_STATION["level"], DEMO_STATION["name"], DEMO_STATION["division_code"]
        station = cls.create(
            data_dir,
            level=level,
            name=name,
            division_code=code,
            admin=DEMO_ADMIN,
            password=DEMO_PASSWORD,
            password_policy=False,
        )
        vault = Vault.load(station.db.folder.vault_path)
        vault.data["demo"] = True  # the login dialog shows the demo's credentials for this folder
        vault.save()
        return station, True

    @staticmethod
    def demo_login(data_dir: str | os.PathLike[str] | None) -> tuple[str, str] | None:
        """(user, password) to show at the login of the demo folder; None for any other folder."""
        return demo_credentials(data_dir)

    def confirm_password(self, password: str) -> None:
        """The logged-in user's password again (the GUI's idle lock). Wrong ones count towards the lock
        like a login's; AuthenticationError when wrong or locked. The unlock is audited as a login."""
        username = self.db.actor.username
        vault = Vault.load(self.db.folder.vault_path)
        key = unlock(vault, username, password, self._clock())
        if key != self.db.data_key:  # another folder's vault swapped in meanwhile
            raise AuthenticationError(code="auth.wrong_password", user=username)
        record_login(self.db, vault, username, self._clock())

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

    @property
    def masking(self) -> Masking:
        """How the logged-in user sees ID numbers and phones (every screen asks this, never the role)."""
        return Masking.for_actor(self.db.actor)

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
        self.db.actor.require(MAINTAIN_STATION)
        removed, freed = remove_unused_blobs(self.db, older_than_s=older_than_s)
        if removed:
            from huimin_desktop.services import audit

            with self.db.session(capture=False) as session:
                summary = audit.Summary.of("audit.unused_blobs", count=removed, bytes=freed)
                audit.record(
                    session, audit.DELETE, "attachment", "", summary=summary, details={"bytes": freed}
                )
        return removed, freed

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
        self.db.actor.require(MAINTAIN_STATION)
        from huimin_desktop.demo import generate_demo

        return generate_demo(self, households, seed=seed, attachments_mb=attachments_mb, task=task)
