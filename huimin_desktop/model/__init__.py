"""The data model: SQLAlchemy 2.x typed models, one module per aggregate."""

from huimin_desktop.model.attachment import ATTACHMENT_KINDS, Attachment, BlobFingerprint
from huimin_desktop.model.base import SYNC_COLUMNS, Base, Synced, new_id
from huimin_desktop.model.division import DIVISION_LEVELS, Division
from huimin_desktop.model.household import Household, Member, Survey
from huimin_desktop.model.indicator import Indicator, IndicatorMilestone, IndicatorProgress
from huimin_desktop.model.project import Project, ProjectBeneficiary, ProjectStageEntry
from huimin_desktop.model.station import STATION_LEVELS, AuditEntry, StationIdentity, User
from huimin_desktop.model.sync import (
    CONFLICT_KINDS,
    PEER_RELATIONS,
    SyncConflict,
    SyncEcho,
    SyncEnrollment,
    SyncPackageLog,
    SyncPeer,
    SyncQuarantine,
)
from huimin_desktop.model.training import Training, TrainingAttendee

# Every synced table, parents before children (the order a package applies them in).
SYNCED_MODELS: tuple[type[Synced], ...] = (
    Division,
    Household,
    Member,
    Survey,
    Project,
    ProjectStageEntry,
    ProjectBeneficiary,
    Training,
    TrainingAttendee,
    Indicator,
    IndicatorMilestone,
    IndicatorProgress,
    Attachment,
)

__all__ = [
    "ATTACHMENT_KINDS",
    "CONFLICT_KINDS",
    "DIVISION_LEVELS",
    "PEER_RELATIONS",
    "STATION_LEVELS",
    "SYNCED_MODELS",
    "SYNC_COLUMNS",
    "Attachment",
    "AuditEntry",
    "Base",
    "BlobFingerprint",
    "Division",
    "Household",
    "Indicator",
    "IndicatorMilestone",
    "IndicatorProgress",
    "Member",
    "Project",
    "ProjectBeneficiary",
    "ProjectStageEntry",
    "StationIdentity",
    "Survey",
    "SyncConflict",
    "SyncEcho",
    "SyncEnrollment",
    "SyncPackageLog",
    "SyncPeer",
    "SyncQuarantine",
    "Synced",
    "Training",
    "TrainingAttendee",
    "User",
    "new_id",
]
