"""Authority of a package (DESIGN.md §4): whose rows and whose edits one package may carry.

The enrolled stations form a tree (city → counties → townships). A package crosses one edge of it,
which splits the stations in two: the sender's side and the recipient's side.

- An upward package (from a lower station ``O``): the sender's side is ``O`` and every station enrolled
  below it (a county relays its townships); everything else is the recipient's side.
- A return package (from the upper station): the recipient's side is the recipient and the stations
  below it; the upper station speaks for everything else.

Two rules follow, checked on every record before anything of the package is committed:

1. *Stamps.* A stamp says "this station wrote this value". News (a stamp the recipient does not hold
   yet) may only come from the sender's side. A stamp of the recipient's side — a row's creation
   stamp, row stamp, field stamps and base stamps (``field_bases``), tombstones included — is only an
   echo of what the recipient already has: it must not be newer than the recipient's own stamp of that
   field, and a row the recipient has never seen carries none.
2. *Records.* Every record must belong to the side the package may speak for: upward, to the sender's
   side; downward, to the recipient's side, or be reference data. A household, project or training
   belongs to its origin; a member, survey, stage, beneficiary or attendee to its parent's owner; an
   attachment to the owner of the record it hangs on; and every other record a row links to (a
   beneficiary's household, an attendee's member) must belong there too. Upward, reference data
   (divisions, indicators) belongs to the sender's side when one of its stations made it or when it
   lies within the division of one of them (a township renames a village of its own township).
3. *Assessment.* The city defines the indicators (考核指标), their milestones and the reference
   attachments hung on an indicator: an upward package may carry no news of any of them. Counties
   and townships report progress: an upward progress entry (and so its evidence) must concern an
   indicator of a county some station of the sender's side lies in.

Anything else refuses the whole package with one line naming the station and the record kind.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from sqlalchemy import Connection

from huimin_desktop.messages import EN, ZH, Words
from huimin_desktop.stamps.clock import STAMP_PREFIX_LEN
from huimin_desktop.sync.records import REFERENCE_TABLES, TABLES, MergeRefused, TableSpec

SEED_STATION = "0" * 32  # the shipped reference divisions (services.station_setup)
STAMP_LENGTH = STAMP_PREFIX_LEN + 32
ROOT_TABLES = ("household", "project", "training")  # tables whose rows belong to their origin
# The row a child row belongs with (the first foreign key of each child table that decides).
OWNING_PARENT: dict[str, tuple[str, str]] = {
    "member": ("household", "household_id"),
    "survey": ("household", "household_id"),
    "project_stage": ("project", "project_id"),
    "project_beneficiary": ("project", "project_id"),
    "training_attendee": ("training", "training_id"),
}
KIND_LABELS = {
    "household": "农户",
    "member": "家庭成员",
    "survey": "年度调查",
    "project": "项目",
    "project_stage": "项目阶段",
    "project_beneficiary": "项目受益户",
    "training": "培训",
    "training_attendee": "培训学员",
    "division": "行政区划",
    "indicator": "考核指标",
    "indicator_milestone": "指标节点",
    "indicator_progress": "指标进展",
    "attachment": "附件",
}
# The same kinds in English, as the refusals name them (plural: "changes to households").
KIND_WORDS_EN = {
    "household": "households",
    "member": "household members",
    "survey": "yearly surveys",
    "project": "projects",
    "project_stage": "project stages",
    "project_beneficiary": "project beneficiaries",
    "training": "trainings",
    "training_attendee": "trainees",
    "division": "divisions",
    "indicator": "indicators",
    "indicator_milestone": "indicator milestones",
    "indicator_progress": "indicator progress entries",
    "attachment": "attachments",
}
CITY_DEFINED = frozenset({"indicator", "indicator_milestone"})  # rule 3: only news from above
REPORTED_BELOW = "indicator_progress"  # rule 3: news from below, on its own county's indicators


class AuthorityError(MergeRefused):
    """The package carries what its sender may not send; the message is the one-line reason (a
    ``merge.*`` code of the catalog, stations passed as ``Words`` of their labels in both languages)."""


def kind_words(table: str) -> Words:
    """A record kind as the refusals name it: 农户 / households (the table's name for one not listed)."""
    return Words(KIND_LABELS.get(table, table), KIND_WORDS_EN.get(table, table))


def _links(spec: TableSpec) -> tuple[tuple[str, str], ...]:
    """(column, table) of every foreign key from ``spec`` to a table that is not reference data."""
    table = spec.model.__table__  # type: ignore[attr-defined]
    found = []
    for column in table.columns:
        for key in column.foreign_keys:
            target = key.column.table.name
            if target not in REFERENCE_TABLES:
                found.append((column.name, target))
    return tuple(found)


LINKS: dict[str, tuple[tuple[str, str], ...]] = {name: _links(spec) for name, spec in TABLES.items()}


# -- naming stations -----------------------------------------------------------------------------


def station_label(name: str | None, division: str | None, language: str | None = None) -> str:
    """ "马友营蒙古族乡（211381204000）", or what of it is known ("" when nothing is); in English (the
    current language, messages.set_language, unless ``language`` says) "马友营蒙古族乡 (211381204000)"."""
    from huimin_desktop.messages import text

    name, division = (name or "").strip(), (division or "").strip()
    if name and division:
        return text("station.label", {"name": name, "division": division}, language)
    if name:
        return name
    if division:
        return text("station.label_division", {"division": division}, language)
    return ""


def station_words(name: str | None, division: str | None) -> Words:
    """A station as a refusal names it in either language: the Chinese label (name and division), and
    in an English sentence the quoted name alone (a name is data and stays as typed)."""
    name = (name or "").strip()
    english = f"“{name}”" if name else station_label(None, division, EN)
    return Words(station_label(name, division, ZH), english)


@dataclass(frozen=True)
class KnownStation:
    id: str
    name: str
    level: str
    division: str
    relation: str  # "self" | "upper" | "lower" | "relayed"
    via: str | None = None


@dataclass
class StationDirectory:
    """The stations this one knows (itself and its peers), to name them and to find subtrees."""

    me: KnownStation
    peers: dict[str, KnownStation] = field(default_factory=dict)

    @classmethod
    def load(cls, connection: Connection) -> StationDirectory:
        identity = connection.exec_driver_sql(
            "SELECT id, name, level, division_code FROM station_identity"
        ).first()
        me = KnownStation("", "", "", "", "self")
        if identity is not None:
            station_id, name, level, division = identity
            me = KnownStation(station_id, name, level, division, "self")
        peers = {
            row[0]: KnownStation(*row)
            for row in connection.exec_driver_sql(
                "SELECT station_id, name, level, division_code, relation, via FROM sync_peer"
            )
        }
        return cls(me, peers)

    def get(self, station_id: str) -> KnownStation | None:
        return self.me if station_id == self.me.id else self.peers.get(station_id)

    def label(self, station_id: str, language: str | None = None) -> str:
        from huimin_desktop.messages import text

        if station_id == SEED_STATION:
            return text("station.seed", language=language)
        known = self.get(station_id)
        label = station_label(known.name, known.division, language) if known is not None else ""
        return label or text("station.unregistered", {"station": station_id}, language)

    def words(self, station_id: str) -> Words:
        """``label`` in both languages, for a refusal's parameter (English: a known station's quoted
        name, see ``station_words``)."""
        known = self.get(station_id)
        if station_id != SEED_STATION and known is not None and known.name.strip():
            return station_words(known.name, known.division)
        return Words(self.label(station_id, ZH), self.label(station_id, EN))

    def below(self, station_id: str) -> set[str]:
        """The stations known to be enrolled below ``station_id`` (its lower and relayed stations)."""
        if station_id == self.me.id:
            return {p.id for p in self.peers.values() if p.relation in ("lower", "relayed")}
        return {p.id for p in self.peers.values() if p.relation == "relayed" and p.via == station_id}


# -- the rule ------------------------------------------------------------------------------------


@dataclass
class Authority:
    """What one package may carry, from the recipient's point of view (see the module docstring)."""

    upward: bool
    sender: str
    directory: StationDirectory
    sender_side: frozenset[str]  # upward: the sender and the stations below it
    recipient_side: frozenset[str]  # downward: the recipient and the stations below it
    _pending: dict[tuple[str, str], set[str]] = field(default_factory=lambda: defaultdict(set))
    _places: set[tuple[str, str]] = field(default_factory=set)
    _reports: set[str] = field(default_factory=set)  # progress entries with news from the sender's side

    @classmethod
    def for_package(
        cls, directory: StationDirectory, sender: str, declared: Iterable[dict[str, Any]] = ()
    ) -> Authority:
        """The authority of a package from ``sender``; ``declared``: the stations an upward package
        says are enrolled below its sender (the header's ``stations``), checked against what we know."""
        peer = directory.peers.get(sender)
        if peer is None or peer.relation not in ("upper", "lower"):
            raise AuthorityError(code="merge.sender_unregistered", station=directory.words(sender))
        declared = list(declared)
        if peer.relation == "upper":
            if declared:
                raise AuthorityError(code="merge.return_lists_stations")
            mine = frozenset({directory.me.id, *directory.below(directory.me.id)})
            return cls(False, sender, directory, frozenset(), mine)
        below = directory.below(sender) | {_declared_station(directory, peer, s) for s in declared}
        return cls(True, sender, directory, frozenset({sender, *below}), frozenset())

    # what a stamp's station may do

    def may_write(self, station: str) -> bool:
        """True when news from ``station`` may come in this package."""
        return station in self.sender_side if self.upward else station not in self.recipient_side

    def may_own(self, station: str) -> bool:
        """True when a record belonging to ``station`` may travel in this package."""
        return station in (self.sender_side if self.upward else self.recipient_side)

    # per record, while the merge runs

    def check_record(self, spec: TableSpec, record: dict[str, Any], current_row: list[Any] | None) -> None:
        """Rule 1 for one record, and rule 2 where the record alone decides; the rest is noted for
        ``finish``. ``current_row``: the recipient's row before this package (``stored_columns``)."""
        current = _Current(spec, current_row) if current_row is not None else None
        self._check_stamps(spec, record, current)
        name = spec.name
        if self.upward:
            self._check_rule_3(spec, record, current)
        origins = {record["o"]} if current is None else {record["o"], current.value("origin")}
        if name in ROOT_TABLES:
            for origin in origins:
                if not self.may_own(origin):
                    self._refuse_owner(origin, name)
        elif name in REFERENCE_TABLES and self.upward and not all(self.may_own(o) for o in origins):
            self._places.add((name, record["id"]))  # inside the sender's division, perhaps
        links = LINKS[name]
        if not links and name != "attachment":
            return
        values = [record["v"].get] + ([current.value] if current is not None else [])
        for value in values:
            for column, target in links:
                if (linked := value(column)) is not None:
                    self._pending[(target, linked)].add(name)
            if name == "attachment":
                self._pending[(str(value("owner_table")), str(value("owner_id")))].add(name)

    def _check_stamps(self, spec: TableSpec, record: dict[str, Any], current: _Current | None) -> None:
        fs, fb = record["fs"], record["fb"]
        if not (fs.keys() <= spec.field_set and fb.keys() <= spec.field_set):
            raise AuthorityError(code="merge.record_malformed", table=spec.name, record=repr(record["id"]))
        news_allowed = True
        for stamp in (record["cs"], record["s"], *fs.values(), *fb.values()):
            if type(stamp) is not str or len(stamp) != STAMP_LENGTH:
                raise AuthorityError(
                    code="merge.stamps_malformed", table=spec.name, record=repr(record["id"])
                )
            news_allowed = news_allowed and self.may_write(stamp[STAMP_PREFIX_LEN:])
        if news_allowed:
            return
        checks = [("cs", record["cs"]), ("s", record["s"])]
        checks += [(f"fs:{f}", s) for f, s in fs.items()] + [(f"fb:{f}", s) for f, s in fb.items()]
        for where, stamp in checks:
            station = stamp[STAMP_PREFIX_LEN:]
            if self.may_write(station) or (current is not None and _known(where, stamp, current.record)):
                continue
            raise AuthorityError(
                code="merge.edit_in_the_name_of",
                sender=self._sender(),
                station=self.directory.words(station),
                what=kind_words(spec.name),
            )

    def _check_rule_3(self, spec: TableSpec, record: dict[str, Any], current: _Current | None) -> None:
        if spec.name in (*CITY_DEFINED, REPORTED_BELOW):
            self._check_assessment(spec, record)
        elif spec.name == "attachment":
            owners = {record["v"].get("owner_table"), current.value("owner_table") if current else None}
            if owners & CITY_DEFINED:
                self._check_assessment(
                    spec, record, Words("考核指标的参考附件", "reference attachments of indicators")
                )

    def _check_assessment(self, spec: TableSpec, record: dict[str, Any], what: Words | None = None) -> None:
        """Rule 3, for an upward record of an indicator, a milestone, a progress entry or an
        indicator's reference attachment (``what`` names the last)."""
        news = [s for s in spec.stamps_of(record) if self.may_write(s[STAMP_PREFIX_LEN:])]
        if not news:
            return
        if spec.name in CITY_DEFINED or what:
            raise AuthorityError(
                code="merge.city_defined", sender=self._sender(), what=what or kind_words(spec.name)
            )
        self._reports.add(record["id"])

    # after every record, inside the same transaction

    def finish(self, connection: Connection) -> None:
        """Rule 2 for what needs other rows: parents, linked rows, attachments' owners, places."""
        by_table: dict[str, set[str]] = defaultdict(set)
        for table, row_id in self._pending:
            by_table[table].add(row_id)
        for table, ids in by_table.items():
            if table in REFERENCE_TABLES:
                if self.upward:
                    self._places.update(
                        (table, i) for i in ids if not self._reference_owned(connection, table, i)
                    )
                continue
            if table not in TABLES:
                raise AuthorityError(code="merge.attachment_unknown_table", table=table)
            owners = _owners(connection, table, ids)
            for row_id in ids:
                owner = owners.get(row_id)
                kinds = self._pending[(table, row_id)]
                if owner is None:
                    if "attachment" in kinds:
                        raise AuthorityError(code="merge.attachment_owner_missing")
                    continue  # a missing parent: the foreign-key check refuses the package at commit
                if not self.may_own(owner):
                    self._refuse_owner(owner, sorted(kinds)[0], parent=table)
        if self._places:
            self._check_places(connection)
        if self._reports:
            self._check_reports(connection)

    def _check_reports(self, connection: Connection) -> None:
        """Rule 3: each progress entry's indicator belongs to a county of the sender's side."""
        from huimin_desktop.sync.enrollment import division_contains

        divisions = {known.division for s in self.sender_side if (known := self.directory.get(s))}
        sql = (
            "SELECT d.code, d.name FROM indicator_progress p JOIN indicator i ON i.id = p.indicator_id "
            "JOIN division d ON d.id = i.division_id WHERE p.id = ?"
        )
        for progress_id in sorted(self._reports):
            found = connection.exec_driver_sql(sql, (progress_id,)).first()
            if found is None:
                continue  # no such indicator: the foreign-key check refuses the package at commit
            code, name = found
            if not any(
                code and (division == code or division_contains(code, division)) for division in divisions
            ):
                raise AuthorityError(code="merge.progress_other_county", sender=self._sender(), county=name)

    def _reference_owned(self, connection: Connection, table: str, row_id: str) -> bool:
        origin = connection.exec_driver_sql(f"SELECT origin FROM {table} WHERE id = ?", (row_id,)).scalar()
        return origin is not None and self.may_own(origin)

    def _check_places(self, connection: Connection) -> None:
        divisions = {
            row[0]: (row[1], row[2])
            for row in connection.exec_driver_sql("SELECT id, parent_id, code FROM division")
        }
        codes = {self.directory.get(s).division for s in self.sender_side if self.directory.get(s)}  # type: ignore[union-attr]
        for table, row_id in sorted(self._places):
            place = _place_of(connection, table, row_id)
            if place is None or not _within(divisions, place, codes):
                origin = connection.exec_driver_sql(
                    f"SELECT origin FROM {table} WHERE id = ?", (row_id,)
                ).scalar()
                self._refuse_owner(origin or "", table)

    def _sender(self) -> Words:
        return self.directory.words(self.sender)

    def _refuse_owner(self, owner: str, table: str, *, parent: str | None = None) -> None:
        what = kind_words(table)
        if parent is not None and parent != table:
            owning = kind_words(parent)
            what = Words(f"{owning.zh}的{what.zh}", f"{what.en} of {owning.en}")
        if self.upward:
            raise AuthorityError(
                code="merge.not_senders_record",
                sender=self._sender(),
                owner=self.directory.words(owner),
                what=what,
            )
        raise AuthorityError(code="merge.not_our_record", owner=self.directory.words(owner), what=what)


def _declared_station(directory: StationDirectory, sender: KnownStation, entry: Any) -> str:
    """A station an upward package says is enrolled below its sender, if that can be true."""
    from huimin_desktop.sync.enrollment import division_contains

    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str) or not entry["id"]:
        raise AuthorityError(code="merge.stations_malformed")
    station_id = entry["id"]
    named = station_words(str(entry.get("name", "")), str(entry.get("division", "")))
    if not named.zh:
        named = Words(station_id, station_id)
    known = directory.get(station_id)
    if station_id == sender.id or (
        known is not None and (known.relation != "relayed" or known.via != sender.id)
    ):
        raise AuthorityError(
            code="merge.declared_not_below",
            sender=directory.words(sender.id),
            station=directory.words(station_id),
        )
    division = str(entry.get("division", ""))
    if not division_contains(sender.division, division):
        raise AuthorityError(code="merge.declared_outside", sender=directory.words(sender.id), station=named)
    return station_id


class _Current:
    """The recipient's row before this package, read only as far as the checks need."""

    def __init__(self, spec: TableSpec, row: list[Any]) -> None:
        self.spec, self.row = spec, row

    def value(self, column: str) -> Any:
        return self.row[self.spec.stored_columns.index(column)]

    @cached_property
    def record(self) -> dict[str, Any]:
        return self.spec.record_from_row(tuple(self.row))


def _known(where: str, stamp: str, current: dict[str, Any]) -> bool:
    """True when the recipient already holds ``stamp`` (or a newer one) where the record carries it."""
    if where == "cs":
        return stamp == current["cs"]
    if where == "s":
        return stamp <= current["s"]
    name = where[3:]
    return stamp <= current["fs"].get(name, current["cs"])


def _owners(connection: Connection, table: str, ids: set[str]) -> dict[str, str]:
    """The owning station of each row (its origin, or its parent's), for rows that exist."""
    found: dict[str, str] = {}
    ordered = sorted(ids)
    if table in OWNING_PARENT:
        parent, column = OWNING_PARENT[table]
        sql = f"SELECT c.id, p.origin FROM {table} c JOIN {parent} p ON p.id = c.{column} WHERE c.id IN "
    else:
        sql = f"SELECT id, origin FROM {table} WHERE id IN "
    for start in range(0, len(ordered), 500):
        block = ordered[start : start + 500]
        rows = connection.exec_driver_sql(sql + f"({', '.join('?' for _ in block)})", tuple(block))
        found.update((row_id, origin) for row_id, origin in rows)
    return found


def _place_of(connection: Connection, table: str, row_id: str) -> str | None:
    """The division a reference row concerns."""
    if table == "division":
        return row_id
    if table == "indicator":
        sql = "SELECT division_id FROM indicator WHERE id = ?"
    else:
        sql = f"SELECT i.division_id FROM {table} c JOIN indicator i ON i.id = c.indicator_id WHERE c.id = ?"
    return connection.exec_driver_sql(sql, (row_id,)).scalar()


def _within(divisions: dict[str, tuple[str | None, str | None]], division_id: str, codes: set[str]) -> bool:
    seen: set[str] = set()
    current: str | None = division_id
    while current is not None and current not in seen:
        seen.add(current)
        parent, code = divisions.get(current, (None, None))
        if code and code in codes:
            return True
        current = parent
    return False
