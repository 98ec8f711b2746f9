"""报表: the five official tables of a year, for the whole station or one county or township.

The figures the 首页 also shows come from ``services.figures`` (its per-division ``Tally``, with the
meanings written there: 覆盖农户, 入户调查, 户均增收 from the baseline year to the newest survey, projects
by category and stage, funds planned and spent at 验收, trainings and 人次), so the two never disagree;
what only a table needs (人口, 人均纯收入, 学时, 参训农户 …) is counted here with the same rules, one
``GROUP BY`` per kind of record. Per-division figures are rolled up the division tree (a county's row is
the sum of its townships', a township's of its villages'; records kept at a level that also has
children shown get a "（本级）" row), so every row is the sum of the rows under it and the 合计 the sum
of the first level. Who counts where:

- projects and funds by the project's division, year = the project's year; 受益农户 by each beneficiary
  household's own village (distinct households), so no household is counted twice at any level;
- households and incomes by the household's village; two live surveys of one household and year (two
  stations before a sync) count once: the one changed last, as in ``services.figures``;
- trainings by the session's division and date in the year; 参训农户 by the household's own village;
- 绩效考核 by county, one row per indicator, scored by ``services.scoring`` as of the report date.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from huimin_desktop import messages
from huimin_desktop.errors import ServiceError
from huimin_desktop.model import Division, StationIdentity
from huimin_desktop.progress import TaskState
from huimin_desktop.security.roles import PRINT_REPORTS
from huimin_desktop.services import scoring
from huimin_desktop.services.assessment import indicator_scores
from huimin_desktop.services.figures import ACCEPTED_STAGE, FigureService, ProgramTargets, Tally
from huimin_desktop.spreadsheet.report_tables import (
    COUNT,
    DECIMAL,
    PERCENT,
    TEXT,
    WAN,
    YUAN,
    ReportColumn,
    ReportRow,
    ReportTable,
    write_report_workbook,
)
from huimin_desktop.store.database import Database

CATEGORY_CODES = ("1", "2", "3", "4")
STAGE_CODES = ("1", "2", "3", "4", "5")
TABLE_KEYS = ("projects", "income", "training", "assessment", "funds")
OWN_LEVEL = "（本级）"

Measures = dict[str, list[float]]  # division id → additive figures, in the table's own order


@dataclass(frozen=True)
class DivisionNode:
    id: str
    code: str
    name: str
    level: str
    children: list[DivisionNode] = field(default_factory=list)


@dataclass(frozen=True)
class ReportScope:
    """Where a report covers: the station's own division, or one county or township under it."""

    division_id: str
    code: str
    name: str
    level: str


@dataclass(frozen=True)
class ReportSet:
    year: int
    scope: ReportScope
    filler: str
    reported_on: str  # 2026年12月3日
    tables: tuple[ReportTable, ...]

    def table(self, key: str) -> ReportTable:
        return next(t for t in self.tables if t.key == key)


@dataclass(frozen=True)
class ReportSummary:
    path: Path
    year: int
    scope: str
    sheets: tuple[str, ...]  # the sheets' (Chinese) titles, as in the workbook
    rows: int  # data rows over all sheets, 合计 rows included
    tables: tuple[str, ...] = ()  # the tables' keys (TABLE_NAMES), in the sheets' order


# The five tables' names in English (their Chinese titles are the workbook's sheets).
TABLE_NAMES_EN = {
    "projects": "project statistics",
    "income": "household income",
    "training": "training",
    "assessment": "performance assessment progress",
    "funds": "use of funds",
}


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class ReportService:
    def __init__(self, db: Database, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.db = db
        self._today = today
        self.targets = ProgramTargets()

    # -- scopes ---------------------------------------------------------------------------------

    def scopes(self) -> list[ReportScope]:
        """The station's division first, then each county and township under it, in code order."""
        with self.db.reader() as session:
            root = _tree(session, _station_division(session))
        found: list[ReportScope] = []

        def walk(node: DivisionNode) -> None:
            if node.level in ("city", "county", "township"):
                found.append(ReportScope(node.id, node.code, node.name, node.level))
                for child in node.children:
                    walk(child)

        walk(root)
        return found

    def resolve_scope(self, county: str | None = None, township: str | None = None) -> ReportScope:
        """The scope a command line names by code or name (``--county`` / ``--township``)."""
        scopes = self.scopes()
        if county is None and township is None:
            return scopes[0]
        wanted, level = (county, "county") if county else (township, "township")
        name = (wanted or "").strip()
        matches = [s for s in scopes if s.level == level and name in (s.code, s.name)]
        county_level = level == "county"
        if not matches:
            raise ServiceError(code="report.no_county" if county_level else "report.no_township", name=name)
        if len(matches) > 1:
            raise ServiceError(
                code="report.county_ambiguous" if county_level else "report.township_ambiguous",
                name=name,
                count=len(matches),
                codes=", ".join(s.code for s in matches),
            )
        return matches[0]

    # -- building -------------------------------------------------------------------------------

    def build(
        self, year: int, scope: ReportScope | None = None, *, task: TaskState | None = None
    ) -> ReportSet:
        """The five tables of ``year`` for ``scope`` (default: the whole station). Reviewers and up."""
        self.db.actor.require(PRINT_REPORTS)
        if not 2000 <= year <= 2100:
            raise ServiceError(code="report.bad_year", year=year)
        task = task or TaskState()
        scope = scope or self.scopes()[0]
        today = self._today()
        task.report(0, 6, messages.text("working.counting_report"))
        tallies, _, baseline = FigureService(self.db).tallies(year, self.targets)
        with self.db.reader() as session:
            root = _find(_tree(session, _station_division(session)), scope.division_id)
            filler = "填报单位：" + session.scalars(select(StationIdentity.name)).one()
            inputs = _Inputs(session, root, year, filler, tallies, baseline, self.targets, today)
            builders = (_projects_table, _income_table, _training_table, _assessment_table, _funds_table)
            tables = []
            for done, builder in enumerate(builders, start=1):
                task.report(done, len(builders) + 1, messages.text("working.counting_report"))
                task.check()
                tables.append(builder(inputs))
        task.report(len(builders) + 1, len(builders) + 1, messages.text("working.counting_report"))
        return ReportSet(year, scope, filler, chinese_date(today), tuple(tables))

    def export(
        self,
        path: str | Path,
        year: int,
        scope: ReportScope | None = None,
        *,
        task: TaskState | None = None,
    ) -> ReportSummary:
        """Build the tables and write them to one .xlsx, one sheet per table."""
        report = self.build(year, scope, task=task)
        return self.write(path, report)

    def write(self, path: str | Path, report: ReportSet) -> ReportSummary:
        from huimin_desktop.services import audit

        self.db.actor.require(PRINT_REPORTS)
        target = Path(path)
        write_report_workbook(target, report.tables, report.reported_on)
        rows = sum(len(t.rows) for t in report.tables)
        audit.record_export(
            self.db,
            "report",
            report.scope.division_id,
            target,
            summary=audit.Summary.of(
                "audit.report", year=report.year, scope=report.scope.name, file=target.name
            ),
            details={"year": report.year, "tables": [t.title for t in report.tables], "rows": rows},
        )
        return ReportSummary(
            target,
            report.year,
            report.scope.name,
            tuple(t.title for t in report.tables),
            sum(len(t.rows) for t in report.tables),
            tuple(t.key for t in report.tables),
        )


# -- the division tree ----------------------------------------------------------------------------


def _station_division(session: Session) -> str:
    code = session.scalars(select(StationIdentity.division_code)).one()
    found = session.scalars(
        select(Division.id).where(Division.code == code, Division.deleted.is_(False))
    ).first()
    if found is None:
        raise ServiceError(code="report.division_unknown", division=code)
    return found


def _tree(session: Session, root_id: str) -> DivisionNode:
    rows = session.execute(
        select(Division.id, Division.code, Division.name, Division.level, Division.parent_id).where(
            Division.deleted.is_(False)
        )
    ).all()
    nodes = {r.id: DivisionNode(r.id, r.code or "", r.name, r.level) for r in rows}
    for r in sorted(rows, key=lambda r: (r.code or "~", r.name)):
        if r.parent_id in nodes and r.id != root_id:
            nodes[r.parent_id].children.append(nodes[r.id])
    return nodes[root_id]


def _find(node: DivisionNode, division_id: str) -> DivisionNode:
    stack = [node]
    while stack:
        current = stack.pop()
        if current.id == division_id:
            return current
        stack.extend(current.children)
    raise ServiceError(code="report.scope_gone")


def _rolled(node: DivisionNode, measures: Measures, width: int, into: dict[str, list[float]]) -> list[float]:
    """``node``'s figures with everything under it added (kept in ``into`` for every node)."""
    total = list(measures.get(node.id, [0.0] * width))
    for child in node.children:
        for index, value in enumerate(_rolled(child, measures, width, into)):
            total[index] += value
    into[node.id] = total
    return total


def _tree_rows(
    root: DivisionNode,
    measures: Measures,
    width: int,
    show: Callable[[list[float]], tuple[object, ...]],
) -> tuple[ReportRow, ...]:
    """合计, then every division under ``root`` with something to show (the first level always)."""
    rolled: dict[str, list[float]] = {}
    total = _rolled(root, measures, width, rolled)
    rows = [ReportRow(("合计", "", *show(total)), 0, True)]

    def walk(node: DivisionNode, depth: int) -> None:
        for child in node.children:
            figures = rolled[child.id]
            if depth > 1 and not any(figures):
                continue
            rows.append(ReportRow((child.name, child.code, *show(figures)), depth))
            own = measures.get(child.id)
            shown_children = [c for c in child.children if any(rolled[c.id])]
            if own and any(own) and shown_children:
                rows.append(ReportRow((OWN_LEVEL, "", *show(own)), depth + 1))
            walk(child, depth + 1)

    walk(root, 1)
    own = measures.get(root.id)
    if own and any(own) and root.children:
        rows.insert(1, ReportRow((f"{root.name}{OWN_LEVEL}", root.code, *show(own)), 1))
    return tuple(rows)


def _grouped(session: Session, sql: str, params: Mapping[str, object], width: int) -> Measures:
    """Rows of (division id, figure, figure, …) → division id → figures (added, for repeated ids)."""
    found: Measures = defaultdict(lambda: [0.0] * width)
    for row in session.execute(text(sql), params):
        figures = found[row[0]]
        for index, value in enumerate(row[1:]):
            figures[index] += value or 0
    return found


def _merge(first: Measures, second: Measures, width_first: int, width_second: int) -> Measures:
    merged: Measures = {}
    for key in set(first) | set(second):
        merged[key] = list(first.get(key, [0.0] * width_first)) + list(second.get(key, [0.0] * width_second))
    return merged


def _ratio(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _int_all(values: Iterable[float]) -> tuple[int, ...]:
    return tuple(round(v) for v in values)


NAME_COLUMNS = (ReportColumn("单位名称", TEXT, width=22), ReportColumn("区划代码", TEXT, width=14))


# -- what every table is built from -------------------------------------------------------------


@dataclass(frozen=True)
class _Inputs:
    session: Session
    root: DivisionNode
    year: int
    filler: str
    tallies: Mapping[str, Tally]  # services.figures, per division
    baseline: int | None  # the income baseline year
    targets: ProgramTargets
    today: dt.date

    def from_tallies(self, pick: Callable[[Tally], Sequence[float]]) -> Measures:
        return {division_id: list(pick(tally)) for division_id, tally in self.tallies.items()}

    def table(
        self,
        key: str,
        attachment: str,
        name: str,
        unit: str,
        columns: Sequence[ReportColumn],
        rows: tuple[ReportRow, ...],
        notes: tuple[str, ...] = (),
    ) -> ReportTable:
        return ReportTable(
            key,
            attachment,
            f"{self.root.name}{self.year}年惠民工程{name}",
            self.filler,
            unit,
            (*NAME_COLUMNS, *columns),
            rows,
            notes,
            name,
        )


# -- 项目统计表 ----------------------------------------------------------------------------------


def _project_measures(tally: Tally) -> list[float]:
    categories = [tally.projects_at(category=c) for c in CATEGORY_CODES]
    stages = [tally.projects_at(stage=s) for s in STAGE_CODES]
    not_yet = tally.project_count - sum(stages)  # before 申报 (or a stage code this table does not know)
    return [tally.project_count, *categories, not_yet, *stages, tally.covered]


def _projects_table(inputs: _Inputs) -> ReportTable:
    measures = inputs.from_tallies(_project_measures)
    group, stage_group = "项目个数（个）", "项目进度（个，按当前阶段）"
    columns = (
        ReportColumn("合计", COUNT, group, 7),
        ReportColumn("生产发展", COUNT, group, 8),
        ReportColumn("惠及民生", COUNT, group, 8),
        ReportColumn("基层政权建设", COUNT, group, 9),
        ReportColumn("农业实用科技培训", COUNT, group, 10),
        ReportColumn("尚未申报", COUNT, stage_group, 7),
        ReportColumn("申报", COUNT, stage_group, 6),
        ReportColumn("评审", COUNT, stage_group, 6),
        ReportColumn("审核", COUNT, stage_group, 6),
        ReportColumn("公示", COUNT, stage_group, 6),
        ReportColumn("验收", COUNT, stage_group, 6),
        ReportColumn("受益农户（户）", COUNT, width=10),
    )
    rows = _tree_rows(inputs.root, measures, 12, _int_all)
    notes = ("说明：受益农户按农户所在村统计，同一户受益于多个项目只计一次。",)
    return inputs.table("projects", "附件1", "项目统计表", "单位：个、户", columns, rows, notes)


# -- 农户增收情况表 --------------------------------------------------------------------------------

# Beside the figures' 户均增收: people, the year's per-capita income, and the two averages the increase
# is the difference of, over the same households (baseline survey and a newer one up to the year).
_NET = "s.income_wage + s.income_business + s.income_property + s.income_transfer - s.expense_business"
# One pass over the households, each survey found through ix_survey_household_year (a window over the
# whole survey table joined back took four times as long at 100k households).
INCOME_SQL = f"""
WITH each AS MATERIALIZED (
  SELECT h.division_id AS division_id, h.member_count AS people,
    (SELECT {_NET} FROM survey AS s WHERE s.household_id = h.id AND s.deleted = 0 AND s.year = :year
     ORDER BY s.stamp DESC, s.id DESC LIMIT 1) AS net,
    (SELECT s.household_size FROM survey AS s
     WHERE s.household_id = h.id AND s.deleted = 0 AND s.year = :year
     ORDER BY s.stamp DESC, s.id DESC LIMIT 1) AS size,
    (SELECT {_NET} FROM survey AS s WHERE s.household_id = h.id AND s.deleted = 0 AND s.year = :baseline
     ORDER BY s.stamp DESC, s.id DESC LIMIT 1) AS base,
    (SELECT {_NET} FROM survey AS s
     WHERE s.household_id = h.id AND s.deleted = 0 AND s.year > :baseline AND s.year <= :year
     ORDER BY s.year DESC, s.stamp DESC, s.id DESC LIMIT 1) AS newest
  FROM household AS h WHERE h.deleted = 0
)
SELECT division_id, SUM(people), SUM(net), SUM(size),
  SUM(CASE WHEN newest IS NOT NULL THEN base END),
  SUM(CASE WHEN base IS NOT NULL THEN newest END),
  SUM(base IS NOT NULL AND newest - base >= :goal)
FROM each GROUP BY division_id
"""


def _income_shower(goal: int) -> Callable[[list[float]], tuple[object, ...]]:
    def show(m: list[float]) -> tuple[object, ...]:
        households, surveyed, compared, increase_total, people, net, size, base, newest, reached = m
        increase = Tally(income_households=int(compared), income_increase_total=int(increase_total))
        average = increase.average_increase
        return (
            int(households),
            int(people),
            int(surveyed),
            round(net / size) if size else None,
            int(compared),
            round(base / compared) if compared else None,
            round(newest / compared) if compared else None,
            average,
            goal,
            _ratio(average, goal) if average is not None else None,
            int(reached),
        )

    return show


def _income_table(inputs: _Inputs) -> ReportTable:
    year, baseline, goal = inputs.year, inputs.baseline, inputs.targets.income_increase
    params = {"year": year, "baseline": baseline if baseline is not None else -1, "goal": goal}
    extra = _grouped(inputs.session, INCOME_SQL, params, 6)
    shared = inputs.from_tallies(
        lambda t: [t.households, t.surveyed, t.income_households, t.income_increase_total]
    )
    measures = _merge(shared, extra, 4, 6)
    surveyed = f"{year}年调查"
    since = f"{baseline}年（基期）以来" if baseline is not None else "基期以来"
    columns = (
        ReportColumn("农户（户）", COUNT, width=8),
        ReportColumn("人口（人）", COUNT, width=8),
        ReportColumn("调查户数（户）", COUNT, surveyed, 9),
        ReportColumn("人均纯收入（元）", YUAN, surveyed, 10),
        ReportColumn("可比农户（户）", COUNT, since, 9),
        ReportColumn("基期户均纯收入（元）", YUAN, since, 11),
        ReportColumn("最新户均纯收入（元）", YUAN, since, 11),
        ReportColumn("户均增收（元）", YUAN, since, 9),
        ReportColumn("增收目标（元/户）", YUAN, width=9),
        ReportColumn("完成目标", PERCENT, width=8),
        ReportColumn(f"增收{goal}元以上（户）", COUNT, width=10),
    )
    rows = _tree_rows(inputs.root, measures, 10, _income_shower(goal))
    notes = (
        "说明：纯收入 = 工资性 + 经营性 + 财产性 + 转移性收入 − 经营费用；可比农户为有基期调查、"
        f"且在基期之后至{year}年还有调查的农户，户均增收 = 最新一次与基期纯收入之差的平均。",
    )
    return inputs.table("income", "附件2", "农户增收情况表", "单位：户、人、元", columns, rows, notes)


# -- 培训情况表 ------------------------------------------------------------------------------------

TRAINING_SQL = """
SELECT t.division_id, SUM(t.project_id IS NOT NULL), SUM(t.hours),
  SUM(COALESCE(a.attendees, 0)), SUM(t.extra_attendees)
FROM training t LEFT JOIN (
  SELECT training_id, COUNT(*) AS attendees FROM training_attendee WHERE deleted = 0 GROUP BY training_id
) a ON a.training_id = t.id
WHERE t.deleted = 0 AND t.date >= :first AND t.date < :after GROUP BY t.division_id
"""
TRAINED_HOUSEHOLDS_SQL = """
SELECT h.division_id, COUNT(DISTINCT a.household_id)
FROM training_attendee a JOIN training t ON t.id = a.training_id JOIN household h ON h.id = a.household_id
WHERE a.deleted = 0 AND t.deleted = 0 AND h.deleted = 0 AND t.date >= :first AND t.date < :after
GROUP BY h.division_id
"""


def _training_figures(m: list[float]) -> tuple[object, ...]:
    sessions, people, with_project, hours, listed, extra, households = m
    return (
        int(sessions),
        int(with_project),
        round(hours, 1),
        int(people),
        int(listed),
        int(extra),
        int(households),
    )


def _training_table(inputs: _Inputs) -> ReportTable:
    params = {"first": f"{inputs.year}-01-01", "after": f"{inputs.year + 1}-01-01"}
    shared = inputs.from_tallies(lambda t: [t.trainings, t.trained])
    sessions = _merge(shared, _grouped(inputs.session, TRAINING_SQL, params, 4), 2, 4)
    households = _grouped(inputs.session, TRAINED_HOUSEHOLDS_SQL, params, 1)
    measures = _merge(sessions, households, 6, 1)
    people = "培训人次（人次）"
    columns = (
        ReportColumn("培训期数（期）", COUNT, width=9),
        ReportColumn("其中项目培训（期）", COUNT, width=10),
        ReportColumn("培训学时（学时）", DECIMAL, width=10),
        ReportColumn("合计", COUNT, people, 8),
        ReportColumn("在册农户人员", COUNT, people, 10),
        ReportColumn("其他人员", COUNT, people, 8),
        ReportColumn("参训农户（户）", COUNT, width=10),
    )
    rows = _tree_rows(inputs.root, measures, 7, _training_figures)
    notes = ("说明：培训按举办单位统计；参训农户按农户所在村统计，同一户多次参训只计一次。",)
    unit = "单位：期、学时、人次、户"
    return inputs.table("training", "附件3", "培训情况表", unit, columns, rows, notes)


# -- 资金使用情况表 --------------------------------------------------------------------------------


def _fund_measures(tally: Tally) -> list[float]:
    planned, spent = tally.funds_planned, tally.funds_spent
    sources = [planned.provincial, planned.local, planned.integrated, planned.self_raised]
    return [tally.project_count, *sources, tally.projects_at(stage=ACCEPTED_STAGE), spent.total]


def _funds_figures(m: list[float]) -> tuple[object, ...]:
    count, provincial, local, integrated, own, accepted, spent = m
    planned = provincial + local + integrated + own
    return (
        int(count),
        planned / 10000,
        provincial / 10000,
        local / 10000,
        integrated / 10000,
        own / 10000,
        int(accepted),
        spent / 10000,
        _ratio(spent, planned),
    )


def _funds_table(inputs: _Inputs) -> ReportTable:
    measures = inputs.from_tallies(_fund_measures)
    planned, accepted = "计划投资（万元）", "已验收项目"
    columns = (
        ReportColumn("项目个数（个）", COUNT, width=8),
        ReportColumn("合计", WAN, planned, 10),
        ReportColumn("省专项", WAN, planned, 10),
        ReportColumn("市县配套", WAN, planned, 10),
        ReportColumn("整合资金", WAN, planned, 10),
        ReportColumn("自筹", WAN, planned, 10),
        ReportColumn("个数（个）", COUNT, accepted, 7),
        ReportColumn("已使用资金（万元）", WAN, accepted, 10),
        ReportColumn("资金使用率", PERCENT, width=9),
    )
    rows = _tree_rows(inputs.root, measures, 7, _funds_figures)
    notes = (
        "说明：项目资金按报账制在验收后拨付，已使用资金为已验收项目的资金；"
        "资金使用率 = 已使用资金 ÷ 计划投资合计。",
    )
    return inputs.table("funds", "附件5", "资金使用情况表", "单位：个、万元", columns, rows, notes)


# -- 绩效考核进度表 --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorLine:
    county_id: str
    code: str
    name: str
    unit: str
    target: float | None
    done: float | None
    score: scoring.Score
    deadline: dt.date | None
    responsible: str
    lead_unit: str


def _indicator_lines(session: Session, year: int, today: dt.date) -> list[IndicatorLine]:
    """Scored as the 考核 page scores them (services/assessment.py: by each indicator's method, from its
    entries or from the figure it is bound to)."""
    return [
        IndicatorLine(
            i.division_id,
            i.code,
            i.name,
            i.unit,
            i.target_value,
            i.latest_value,
            i.score,
            i.deadline,
            i.responsible_person,
            i.lead_unit,
        )
        for i in indicator_scores(session, year, today)
    ]


def _indicator_row(line: IndicatorLine) -> ReportRow:
    return ReportRow(
        (
            line.name,
            line.code,
            line.unit,
            line.target,
            line.done,
            line.score.completion,
            line.score.max_score,
            line.score.points,
            line.score.missed_milestones,
            line.deadline.isoformat() if line.deadline else "",
            line.responsible,
            line.lead_unit,
        ),
        2,
    )


def _sum_row(label: str, code: str, lines: Sequence[IndicatorLine], depth: int) -> ReportRow:
    max_score = sum(line.score.max_score for line in lines)
    points = sum(line.score.points for line in lines)
    missed = sum(line.score.missed_milestones for line in lines)
    values = (
        label,
        code,
        f"{len(lines)}项",
        None,
        None,
        _ratio(points, max_score),
        max_score,
        points,
        missed,
    )
    return ReportRow((*values, "", "", ""), depth, depth == 0)


def _assessment_table(inputs: _Inputs) -> ReportTable:
    root = inputs.root
    counties = [root] if root.level == "county" else [c for c in root.children if c.level == "county"]
    by_county: dict[str, list[IndicatorLine]] = defaultdict(list)
    for line in _indicator_lines(inputs.session, inputs.year, inputs.today):
        by_county[line.county_id].append(line)
    shown = [line for county in counties for line in by_county.get(county.id, [])]
    rows = [_sum_row("合计", "", shown, 0)]
    for county in counties:
        lines = by_county.get(county.id, [])
        if lines:
            rows.append(_sum_row(county.name, county.code, lines, 1))
            rows += [_indicator_row(line) for line in lines]
    columns = (
        ReportColumn("计量单位", TEXT, width=8),
        ReportColumn("目标值", DECIMAL, width=9),
        ReportColumn("完成值", DECIMAL, width=9),
        ReportColumn("完成率", PERCENT, width=8),
        ReportColumn("分值", DECIMAL, "得分", 7),
        ReportColumn("得分", DECIMAL, "得分", 7),
        ReportColumn("未按期节点（个）", COUNT, width=9),
        ReportColumn("完成时限", TEXT, width=11),
        ReportColumn("责任人", TEXT, width=8),
        ReportColumn("牵头单位", TEXT, width=16),
    )
    notes = (
        f"说明：完成值为截至{chinese_date(inputs.today)}最新一次填报的进度，得分按各指标的计分方式计算；"
        "合计与县级行的完成率为得分率（得分 ÷ 分值）。",
    )
    table = inputs.table("assessment", "附件4", "绩效考核进度表", "单位：分", columns, tuple(rows), notes)
    first = ReportColumn("县（市、区）/考核指标", TEXT, width=30)
    return replace(table, columns=(first, ReportColumn("指标编号", TEXT, width=9), *table.columns[2:]))
