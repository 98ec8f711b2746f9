"""The program's figures for a year and an area: one place that counts them, for the 首页 and the 报表.

Everything is computed from the rows (never typed twice) with a few grouped SQL queries per call, each
grouped by division; the division tree (small) is read whole and the per-division tallies are folded
up to any level in Python (``rollup``), so a county, a township or a village total is the sum of the
same numbers. What each figure means (the lead's and the reports' reference):

- **households covered** (覆盖农户) and **income increase** (户均增收): as services/figure_definitions.py
  defines them (the one definition, shared with the indicators bound to them);
- **surveys done** (入户调查) in year Y: distinct live households with a live survey of year Y;
- **projects** of year Y by category and current stage ("" before 申报), counted where the project is;
- **funds planned** (计划投入): the four sources over the year's projects; **funds spent** (已使用):
  the same over the projects that reached 验收, since the program's funds are paid out against an
  accepted project (报账制);
- **trainings** of year Y (by the session's date) and **people trained** (人次): listed attendees plus
  those who came but are not on the household list;
- **last package** from each lower station (not revoked) and its age in days;
- **indicators behind schedule**: each indicator of year Y in the area with a milestone missed as of
  ``as_of`` (due and not reached), as the 考核 grid scores it (services/assessment.py, scoring.py).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection, select, text
from sqlalchemy.orm import Session

from huimin_desktop.model import Division, StationIdentity, SyncPeer
from huimin_desktop.services import figure_definitions
from huimin_desktop.services.figure_definitions import (
    COVERED_BY_YEAR_SQL,
    INCREASE,
    SURVEYED,
    average_yuan,
    baseline_parameter,
    household_income_cte,
)
from huimin_desktop.store.database import Database

HOUSEHOLD_TARGET = 8_000  # households covered a year (the "828" program)
INCOME_INCREASE_GOAL = 1_000  # yuan per household
ACCEPTED_STAGE = "5"  # 验收 (resources/codelists/project_stage.csv)
NO_STAGE = ""  # before 申报
LEVELS = ("city", "county", "township", "village")


@dataclass(frozen=True)
class ProgramTargets:
    households: int = HOUSEHOLD_TARGET
    income_increase: int = INCOME_INCREASE_GOAL
    baseline_year: int | None = None  # None: the earliest year with surveys


@dataclass(frozen=True)
class Funds:
    """Whole yuan by source (the UI shows 万元)."""

    provincial: int = 0  # 省专项
    local: int = 0  # 市县配套
    integrated: int = 0  # 整合资金
    self_raised: int = 0  # 自筹

    @property
    def total(self) -> int:
        return self.provincial + self.local + self.integrated + self.self_raised

    def __add__(self, other: Funds) -> Funds:
        return Funds(
            self.provincial + other.provincial,
            self.local + other.local,
            self.integrated + other.integrated,
            self.self_raised + other.self_raised,
        )


@dataclass(frozen=True)
class Tally:
    """The figures of one division (with what lies under it, once rolled up) for one year."""

    households: int = 0
    covered: int = 0
    surveyed: int = 0
    income_households: int = 0  # households with a baseline and a later survey
    income_increase_total: int = 0  # their increases summed, yuan
    projects: Mapping[tuple[str, str], int] = field(default_factory=dict)  # (category, stage) → count
    funds_planned: Funds = Funds()
    funds_spent: Funds = Funds()
    trainings: int = 0
    trained: int = 0

    @property
    def average_increase(self) -> int | None:
        """户均增收 in whole yuan (half up); None when no household has both surveys."""
        return average_yuan(self.income_increase_total, self.income_households)

    @property
    def project_count(self) -> int:
        return sum(self.projects.values())

    def projects_at(self, *, category: str | None = None, stage: str | None = None) -> int:
        return sum(
            n
            for (c, s), n in self.projects.items()
            if (category is None or c == category) and (stage is None or s == stage)
        )

    def __add__(self, other: Tally) -> Tally:
        projects: dict[tuple[str, str], int] = defaultdict(int, self.projects)
        for key, count in other.projects.items():
            projects[key] += count
        return Tally(
            households=self.households + other.households,
            covered=self.covered + other.covered,
            surveyed=self.surveyed + other.surveyed,
            income_households=self.income_households + other.income_households,
            income_increase_total=self.income_increase_total + other.income_increase_total,
            projects=dict(projects),
            funds_planned=self.funds_planned + other.funds_planned,
            funds_spent=self.funds_spent + other.funds_spent,
            trainings=self.trainings + other.trainings,
            trained=self.trained + other.trained,
        )


@dataclass(frozen=True)
class Part:
    """One division's line in a breakdown (a township of the city, a village of a township)."""

    division_id: str
    code: str | None
    name: str
    level: str
    tally: Tally


@dataclass(frozen=True)
class PackageAge:
    station_id: str
    name: str
    level: str
    division_code: str
    last_package_at: dt.datetime | None
    age_days: int | None  # None: never sent one


@dataclass(frozen=True)
class LateIndicator:
    indicator_id: str
    division_id: str  # the county
    division_name: str
    code: str
    name: str
    unit: str
    month: int  # the latest milestone it missed
    planned: float | None  # None: a milestone of something done, not a value
    reported: float | None  # the latest value reported (or computed, for a bound indicator)


@dataclass(frozen=True)
class Figures:
    """What the 首页 shows for ``year`` over ``area`` (a division and everything under it)."""

    year: int
    years: tuple[int, ...]  # years with surveys, projects or trainings, newest first
    as_of: dt.date
    area_id: str | None  # None: the whole database
    area_name: str
    area_level: str
    targets: ProgramTargets
    baseline_year: int | None
    total: Tally
    parts: tuple[Part, ...]  # by township (by village at a township)
    covered_by_year: tuple[tuple[int, int], ...]  # (year, households covered), oldest first
    packages: tuple[PackageAge, ...]
    late_indicators: tuple[LateIndicator, ...]

    @property
    def part_level(self) -> str:
        return _part_level(self.area_level)


@dataclass(frozen=True)
class _Node:
    id: str
    code: str | None
    name: str
    level: str
    parent_id: str | None


class DivisionTree:
    """The live divisions, read once: ancestors, areas and the division that holds a row at a level."""

    def __init__(self, nodes: Iterable[_Node]) -> None:
        self.nodes = {node.id: node for node in nodes}
        self.children: dict[str | None, list[str]] = defaultdict(list)
        for node in self.nodes.values():
            self.children[node.parent_id].append(node.id)

    @classmethod
    def read(cls, session: Session) -> DivisionTree:
        rows = session.execute(
            select(Division.id, Division.code, Division.name, Division.level, Division.parent_id).where(
                Division.deleted.is_(False)
            )
        )
        return cls(_Node(*row) for row in rows)

    def under(self, division_id: str) -> set[str]:
        """The division and every live division below it."""
        found, stack = {division_id}, [division_id]
        while stack:
            for child in self.children.get(stack.pop(), []):
                if child not in found:
                    found.add(child)
                    stack.append(child)
        return found

    def at_level(self, division_id: str, level: str) -> str:
        """The ancestor of ``division_id`` (itself included) at ``level``; a division above that level
        (a training held for a whole township, seen by village) stands for itself."""
        node = self.nodes.get(division_id)
        while node is not None and node.level != level:
            if node.parent_id is None or node.parent_id not in self.nodes:
                return division_id
            node = self.nodes[node.parent_id]
        return node.id if node is not None else division_id

    def below(self, area_id: str | None, level: str) -> list[_Node]:
        """The divisions at ``level`` inside the area, in code order (uncoded ones by name, after)."""
        inside = self.under(area_id) if area_id is not None else set(self.nodes)
        found = [n for n in self.nodes.values() if n.level == level and n.id in inside]
        return sorted(found, key=lambda n: (0 if n.code else 1, n.code or "", n.name))


def rollup(tallies: Mapping[str, Tally], tree: DivisionTree, level: str) -> dict[str, Tally]:
    """The per-division tallies summed to their division at ``level`` (see ``DivisionTree.at_level``)."""
    rolled: dict[str, Tally] = {}
    for division_id, tally in tallies.items():
        key = tree.at_level(division_id, level)
        rolled[key] = rolled[key] + tally if key in rolled else tally
    return rolled


class FigureService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def years(self) -> list[int]:
        """Years with surveys, projects or trainings, newest first."""
        with self.db.reader() as session:
            return _years(session)

    def default_year(self, today: dt.date | None = None) -> int:
        """This year, or the latest year with data when this year has none yet."""
        return _default_year(self.years(), today or dt.date.today())

    def late_indicators(
        self, year: int, area_id: str | None = None, as_of: dt.date | None = None
    ) -> tuple[LateIndicator, ...]:
        """``Figures.late_indicators`` alone (see ``figures``)."""
        area_id = area_id or self.home_area()
        with self.db.reader() as session:
            inside = DivisionTree.read(session).under(area_id) if area_id is not None else None
        return _late_indicators(self.db, year, inside, as_of or dt.date.today())

    def home_area(self) -> str | None:
        """The station's own division (its id), None when the division table does not hold it."""
        with self.db.reader() as session:
            code = session.scalars(select(StationIdentity.division_code)).first()
            if code is None:
                return None
            return session.scalars(
                select(Division.id).where(Division.code == code, Division.deleted.is_(False))
            ).first()

    def tallies(
        self, year: int, targets: ProgramTargets = ProgramTargets()
    ) -> tuple[dict[str, Tally], DivisionTree, int | None]:
        """Per-division tallies for ``year`` (every division holding a row), the tree and the baseline year;
        the reports fold them to the level of their tables with ``rollup``."""
        with self.db.reader() as session:
            tree = DivisionTree.read(session)
            baseline = targets.baseline_year or _earliest_survey_year(session)
            return _division_tallies(session, year, baseline, _covered(session)), tree, baseline

    def figures(
        self,
        year: int | None = None,
        area_id: str | None = None,
        *,
        targets: ProgramTargets = ProgramTargets(),
        as_of: dt.date | None = None,
        now: dt.datetime | None = None,
        with_late: bool = True,
    ) -> Figures:
        """The figures of ``year`` (default: ``default_year``) over ``area_id`` (default: the station's
        own division). ``with_late=False`` leaves ``late_indicators`` empty: the 考核 grid behind them
        costs as much again at 100k households (bound figures), so the 首页 asks for them separately."""
        area_id = area_id or self.home_area()
        as_of = as_of or dt.date.today()
        with self.db.reader() as session:
            years = _years(session)
            year = year if year is not None else _default_year(years, as_of)
            tree = DivisionTree.read(session)
            baseline = targets.baseline_year or _earliest_survey_year(session)
            covered = _covered(session)
            tallies = _division_tallies(session, year, baseline, covered)
            inside = tree.under(area_id) if area_id is not None else None
            if inside is not None:
                tallies = {k: v for k, v in tallies.items() if k in inside}
            area = tree.nodes.get(area_id) if area_id is not None else None
            level = area.level if area is not None else "city"
            parts = _parts(tallies, tree, area_id, _part_level(level))
            total = sum(tallies.values(), Tally())
            return Figures(
                year=year,
                years=tuple(years),
                as_of=as_of,
                area_id=area_id,
                area_name=area.name if area is not None else "",
                area_level=level,
                targets=targets,
                baseline_year=baseline,
                total=total,
                parts=parts,
                covered_by_year=_by_year(covered, inside),
                packages=_packages(session, now or dt.datetime.now(dt.UTC).replace(tzinfo=None)),
                late_indicators=_late_indicators(self.db, year, inside, as_of) if with_late else (),
            )


def _years(session: Session) -> list[int]:
    others = session.execute(text(_OTHER_YEARS_SQL)).scalars()
    found = {*_survey_years(session), *(int(year) for year in others if year is not None)}
    return sorted(found, reverse=True)


def _default_year(years: list[int], today: dt.date) -> int:
    if today.year in years or not years:
        return today.year
    earlier = [year for year in years if year < today.year]
    return max(earlier) if earlier else min(years)


def _part_level(level: str) -> str:
    return "village" if level in ("township", "village") else "township"


def _parts(
    tallies: Mapping[str, Tally], tree: DivisionTree, area_id: str | None, level: str
) -> tuple[Part, ...]:
    rolled = rollup(tallies, tree, level)
    return tuple(
        Part(node.id, node.code, node.name, node.level, rolled.get(node.id, Tally()))
        for node in tree.below(area_id, level)
    )


# -- the queries ------------------------------------------------------------------------------------

# Years of surveys through the year index alone (a scan of the table takes seconds at 100k), then
# each checked for a live survey (the first row of the year nearly always is one).
_SURVEY_YEARS_SQL = "SELECT DISTINCT year FROM survey"
_LIVE_YEAR_SQL = "SELECT EXISTS (SELECT 1 FROM survey WHERE year = :year AND deleted = 0)"
_OTHER_YEARS_SQL = """
SELECT year FROM project WHERE deleted = 0
UNION SELECT CAST(substr(date, 1, 4) AS INTEGER) FROM training WHERE deleted = 0
"""

# The household list filters by the same definition of "households covered" (受益年度):
# services/household_list.py reads it from here.
BENEFICIARY_YEARS_SQL = figure_definitions.BENEFICIARY_YEARS_SQL

# Households covered and the income increase are defined once, in services/figure_definitions.py
# (the bound indicator figures read the same statements month by month). Here: one pass over the
# households (by village, from ix_household_division), each counted, whether it has a survey of the
# year, and its increase.
_HOUSEHOLDS_SQL = (
    household_income_cte(monthly=False)
    + f"""
SELECT division_id, COUNT(*), SUM({SURVEYED}), COUNT({INCREASE}), SUM({INCREASE}) FROM each
GROUP BY division_id
"""
)

_PROJECTS_SQL = """
SELECT division_id, category, stage, COUNT(*),
       SUM(fund_provincial), SUM(fund_local), SUM(fund_integrated), SUM(fund_self)
FROM project WHERE deleted = 0 AND year = :year
GROUP BY division_id, category, stage
"""

_TRAININGS_SQL = """
SELECT t.division_id, COUNT(*), SUM(t.extra_attendees + (
    SELECT COUNT(*) FROM training_attendee AS a WHERE a.training_id = t.id AND a.deleted = 0))
FROM training AS t
WHERE t.deleted = 0 AND t.date >= :start AND t.date < :end
GROUP BY t.division_id
"""


def _survey_years(session: Session | Connection) -> list[int]:
    """Years with a live survey, oldest first."""
    years = sorted(int(y) for y in session.execute(text(_SURVEY_YEARS_SQL)).scalars() if y is not None)
    return [y for y in years if session.execute(text(_LIVE_YEAR_SQL), {"year": y}).scalar()]


def _earliest_survey_year(session: Session | Connection) -> int | None:
    years = _survey_years(session)
    return years[0] if years else None


def baseline_year(session: Session | Connection, targets: ProgramTargets = ProgramTargets()) -> int | None:
    """The income increase's baseline year: the targets', else the earliest year with a live survey."""
    return targets.baseline_year or _earliest_survey_year(session)


def _covered(session: Session) -> list[tuple[int, str, int]]:
    return [(int(y), d, int(n)) for y, d, n in session.execute(text(COVERED_BY_YEAR_SQL))]


def _division_tallies(
    session: Session, year: int, baseline: int | None, covered: list[tuple[int, str, int]]
) -> dict[str, Tally]:
    values: dict[str, dict[str, object]] = defaultdict(dict)
    parameters = {"year": year, "baseline": baseline_parameter(baseline, year)}
    for division_id, households, surveyed, increased, increase in session.execute(
        text(_HOUSEHOLDS_SQL), parameters
    ):
        fields = values[division_id]
        fields.update(households=households, surveyed=int(surveyed or 0))
        if increased:
            fields.update(income_households=increased, income_increase_total=int(increase or 0))
    for covered_year, division_id, count in covered:
        if covered_year == year:
            values[division_id]["covered"] = count
    _put_projects(session, year, values)
    for division_id, sessions, people in session.execute(
        text(_TRAININGS_SQL), {"start": f"{year:04d}-01-01", "end": f"{year + 1:04d}-01-01"}
    ):
        values[division_id]["trainings"] = sessions
        values[division_id]["trained"] = int(people or 0)
    return {division_id: Tally(**fields) for division_id, fields in values.items()}  # type: ignore[arg-type]


def _put_projects(session: Session, year: int, values: dict[str, dict[str, object]]) -> None:
    for division_id, category, stage, count, *sources in session.execute(text(_PROJECTS_SQL), {"year": year}):
        fields = values[division_id]
        projects: dict[tuple[str, str], int] = fields.setdefault("projects", {})  # type: ignore[assignment]
        projects[(category, stage or NO_STAGE)] = projects.get((category, stage or NO_STAGE), 0) + count
        funds = Funds(*(int(value or 0) for value in sources))
        fields["funds_planned"] = funds + fields.get("funds_planned", Funds())  # type: ignore[operator]
        if stage == ACCEPTED_STAGE:
            fields["funds_spent"] = funds + fields.get("funds_spent", Funds())  # type: ignore[operator]


def _by_year(rows: list[tuple[int, str, int]], inside: set[str] | None) -> tuple[tuple[int, int], ...]:
    counts: dict[int, int] = defaultdict(int)
    for year, division_id, count in rows:
        if inside is None or division_id in inside:
            counts[year] += count
    return tuple(sorted(counts.items()))


def _packages(session: Session, now: dt.datetime) -> tuple[PackageAge, ...]:
    peers = session.scalars(
        select(SyncPeer)
        .where(SyncPeer.relation == "lower", SyncPeer.revoked_at.is_(None))
        .order_by(SyncPeer.division_code, SyncPeer.name)
    )
    return tuple(
        PackageAge(
            peer.station_id,
            peer.name,
            peer.level,
            peer.division_code,
            peer.last_package_at,
            (now.date() - peer.last_package_at.date()).days if peer.last_package_at is not None else None,
        )
        for peer in peers
    )


def _late_indicators(
    db: Database, year: int, inside: set[str] | None, as_of: dt.date
) -> tuple[LateIndicator, ...]:
    """The indicators the 考核 grid (services/assessment.py, scored by services/scoring.py) shows with
    a milestone missed as of ``as_of``: due, and not reached yet. The latest such milestone is named."""
    from huimin_desktop.services.assessment import AssessmentService  # the 考核 view, read when asked
    from huimin_desktop.services.scoring import Status

    late: list[LateIndicator] = []
    for county in AssessmentService(db).grid(year, as_of).counties:
        if inside is not None and county.division_id not in inside:
            continue
        for indicator in county.indicators:
            missed = [m for m in indicator.score.milestones if m.status == Status.MISSED]
            if not missed:
                continue
            milestone = max(missed, key=lambda m: m.month)
            late.append(
                LateIndicator(
                    indicator.id,
                    county.division_id,
                    county.name,
                    indicator.code,
                    indicator.name,
                    indicator.unit,
                    milestone.month,
                    milestone.planned,
                    indicator.latest_value,
                )
            )
    return tuple(late)
