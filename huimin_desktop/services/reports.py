"""报表: the five official tables of a year, for the whole station or one county or township.

Each table is one ``GROUP BY`` per kind of record over the division its rows belong to, rolled up the
division tree here (a county's row is the sum of its townships', a township's of its villages'; records
kept at a level that also has children shown get a "（本级）" row, so every row is the sum of the rows
under it and the 合计 is the sum of the first level). Who counts where:

- projects and funds by the project's division, year = the project's year; 受益农户 by each beneficiary
  household's own village (distinct households), so no household is counted twice at any level;
- households and incomes by the household's village; 本年 = the report year's live survey, 上年 = the
  year before, and the increase is over the households surveyed in both (a household with two live
  surveys of one year, which a merge can leave for review, counts with their average);
- trainings by the session's division and date in the year; 参训农户 by the household's own village;
- 绩效考核 by county, one row per indicator (``services.scoring`` scores it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from huimin_desktop.errors import ServiceError
from huimin_desktop.model import Division, StationIdentity
from huimin_desktop.progress import TaskState
from huimin_desktop.security.roles import PRINT_REPORTS
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

INCOME_TARGET = 1000  # yuan more per household and year: the 828 program's goal (DESIGN.md §1)
ACCEPTED_STAGE = "5"  # 验收
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
    sheets: tuple[str, ...]
    rows: int  # data rows over all sheets, 合计 rows included


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


class ReportService:
    def __init__(self, db: Database, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.db = db
        self._today = today

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
        wanted, level, label = (
            (county, "county", "县（市、区）") if county else (township, "township", "乡镇")
        )
        name = (wanted or "").strip()
        matches = [s for s in scopes if s.level == level and name in (s.code, s.name)]
        if not matches:
            raise ServiceError(f"本站点下没有{label}“{name}”（可写区划代码或名称）")
        if len(matches) > 1:
            codes = "、".join(s.code for s in matches)
            raise ServiceError(f"有 {len(matches)} 个{label}名为“{name}”，请写区划代码：{codes}")
        return matches[0]

    # -- building -------------------------------------------------------------------------------

    def build(
        self, year: int, scope: ReportScope | None = None, *, task: TaskState | None = None
    ) -> ReportSet:
        """The five tables of ``year`` for ``scope`` (default: the whole station). Reviewers and up."""
        self.db.actor.require(PRINT_REPORTS)
        if not 2000 <= year <= 2100:
            raise ServiceError(f"报表年度应在 2000 到 2100 之间，收到 {year}")
        task = task or TaskState()
        scope = scope or self.scopes()[0]
        with self.db.reader() as session:
            root = _find(_tree(session, _station_division(session)), scope.division_id)
            filler = "填报单位：" + session.scalars(select(StationIdentity.name)).one()
            builders = (_projects_table, _income_table, _training_table, _assessment_table, _funds_table)
            tables = []
            for done, builder in enumerate(builders):
                task.report(done, len(builders), "正在统计报表")
                task.check()
                tables.append(builder(session, root, year, filler))
        task.report(len(builders), len(builders), "正在统计报表")
        return ReportSet(year, scope, filler, chinese_date(self._today()), tuple(tables))

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
        target = Path(path)
        write_report_workbook(target, report.tables, report.reported_on)
        return ReportSummary(
            target,
            report.year,
            report.scope.name,
            tuple(t.title for t in report.tables),
            sum(len(t.rows) for t in report.tables),
        )


# -- the division tree ----------------------------------------------------------------------------


def _station_division(session: Session) -> str:
    code = session.scalars(select(StationIdentity.division_code)).one()
    found = session.scalars(
        select(Division.id).where(Division.code == code, Division.deleted.is_(False))
    ).first()
    if found is None:
        raise ServiceError(f"本站点的区划（{code}）不在区划表中，无法统计报表")
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
    raise ServiceError("所选的统计范围已不在本站点的区划中")


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


def _table(
    key: str,
    attachment: str,
    name: str,
    root: DivisionNode,
    year: int,
    filler: str,
    unit: str,
    columns: Sequence[ReportColumn],
    rows: tuple[ReportRow, ...],
    notes: tuple[str, ...] = (),
) -> ReportTable:
    return ReportTable(
        key,
        attachment,
        f"{root.name}{year}年惠民工程{name}",
        filler,
        unit,
        (*NAME_COLUMNS, *columns),
        rows,
        notes,
        name,
    )


# -- 项目统计表 ----------------------------------------------------------------------------------

PROJECT_SQL = """
SELECT division_id, COUNT(*),
  {categories},
  SUM(stage NOT IN ('1','2','3','4','5')),
  {stages}
FROM project WHERE deleted = 0 AND year = :year GROUP BY division_id
""".format(
    categories=", ".join(f"SUM(category = '{c}')" for c in CATEGORY_CODES),
    stages=", ".join(f"SUM(stage = '{s}')" for s in STAGE_CODES),
)
BENEFICIARY_SQL = """
SELECT h.division_id, COUNT(DISTINCT b.household_id)
FROM project_beneficiary b JOIN project p ON p.id = b.project_id JOIN household h ON h.id = b.household_id
WHERE b.deleted = 0 AND p.deleted = 0 AND h.deleted = 0 AND p.year = :year GROUP BY h.division_id
"""


def _projects_table(session: Session, root: DivisionNode, year: int, filler: str) -> ReportTable:
    projects = _grouped(session, PROJECT_SQL, {"year": year}, 11)
    beneficiaries = _grouped(session, BENEFICIARY_SQL, {"year": year}, 1)
    measures = _merge(projects, beneficiaries, 11, 1)
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
    rows = _tree_rows(root, measures, 12, _int_all)
    notes = ("说明：受益农户按农户所在村统计，同一户受益于多个项目只计一次。",)
    return _table("projects", "附件1", "项目统计表", root, year, filler, "单位：个、户", columns, rows, notes)


# -- 农户增收情况表 --------------------------------------------------------------------------------

INCOME_SQL = """
WITH s AS (
  SELECT household_id, year,
    AVG(income_wage + income_business + income_property + income_transfer - expense_business) AS net,
    AVG(household_size) AS size
  FROM survey WHERE deleted = 0 AND year IN (:previous, :year) GROUP BY household_id, year
)
SELECT h.division_id, COUNT(*), SUM(h.member_count),
  COUNT(c.household_id), SUM(c.net), SUM(c.size),
  SUM(c.household_id IS NOT NULL AND p.household_id IS NOT NULL),
  SUM(CASE WHEN p.household_id IS NOT NULL THEN c.net END),
  SUM(CASE WHEN c.household_id IS NOT NULL THEN p.net END),
  SUM(c.net - p.net >= :target)
FROM household h
  LEFT JOIN s c ON c.household_id = h.id AND c.year = :year
  LEFT JOIN s p ON p.household_id = h.id AND p.year = :previous
WHERE h.deleted = 0 GROUP BY h.division_id
"""


def _income_figures(m: list[float]) -> tuple[object, ...]:
    households, people, surveyed, net, size, both, current, previous, reached = m
    increase = (current - previous) / both if both else None
    return (
        int(households),
        int(people),
        int(surveyed),
        round(net / size) if size else None,
        int(both),
        round(previous / both) if both else None,
        round(current / both) if both else None,
        round(increase) if increase is not None else None,
        INCOME_TARGET,
        _ratio(increase, INCOME_TARGET) if increase is not None else None,
        int(reached),
    )


def _income_table(session: Session, root: DivisionNode, year: int, filler: str) -> ReportTable:
    params = {"year": year, "previous": year - 1, "target": INCOME_TARGET}
    measures = _grouped(session, INCOME_SQL, params, 9)
    surveyed, compared = f"{year}年调查", f"{year - 1}—{year}年均调查的农户"
    columns = (
        ReportColumn("农户（户）", COUNT, width=8),
        ReportColumn("人口（人）", COUNT, width=8),
        ReportColumn("调查户数（户）", COUNT, surveyed, 9),
        ReportColumn("人均纯收入（元）", YUAN, surveyed, 10),
        ReportColumn("户数（户）", COUNT, compared, 8),
        ReportColumn(f"{year - 1}年户均纯收入（元）", YUAN, compared, 11),
        ReportColumn(f"{year}年户均纯收入（元）", YUAN, compared, 11),
        ReportColumn("户均增收（元）", YUAN, compared, 9),
        ReportColumn("增收目标（元/户）", YUAN, width=9),
        ReportColumn("完成目标", PERCENT, width=8),
        ReportColumn(f"增收{INCOME_TARGET}元以上（户）", COUNT, width=10),
    )
    rows = _tree_rows(root, measures, 9, _income_figures)
    notes = (
        "说明：纯收入 = 工资性 + 经营性 + 财产性 + 转移性收入 − 经营费用；户均增收按两年均有调查的农户计算。",
    )
    return _table(
        "income", "附件2", "农户增收情况表", root, year, filler, "单位：户、人、元", columns, rows, notes
    )


# -- 培训情况表 ------------------------------------------------------------------------------------

TRAINING_SQL = """
SELECT t.division_id, COUNT(*), SUM(t.project_id IS NOT NULL), SUM(t.hours),
  SUM(t.extra_attendees + COALESCE(a.attendees, 0)), SUM(COALESCE(a.attendees, 0)), SUM(t.extra_attendees)
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
    sessions, with_project, hours, people, listed, extra, households = m
    return (
        int(sessions),
        int(with_project),
        round(hours, 1),
        int(people),
        int(listed),
        int(extra),
        int(households),
    )


def _training_table(session: Session, root: DivisionNode, year: int, filler: str) -> ReportTable:
    params = {"first": f"{year}-01-01", "after": f"{year + 1}-01-01"}
    sessions = _grouped(session, TRAINING_SQL, params, 6)
    households = _grouped(session, TRAINED_HOUSEHOLDS_SQL, params, 1)
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
    rows = _tree_rows(root, measures, 7, _training_figures)
    notes = ("说明：培训按举办单位统计；参训农户按农户所在村统计，同一户多次参训只计一次。",)
    return _table(
        "training",
        "附件3",
        "培训情况表",
        root,
        year,
        filler,
        "单位：期、学时、人次、户",
        columns,
        rows,
        notes,
    )


# -- 资金使用情况表 --------------------------------------------------------------------------------

FUNDS_SQL = f"""
SELECT division_id, COUNT(*), SUM(fund_provincial), SUM(fund_local), SUM(fund_integrated), SUM(fund_self),
  SUM(stage = '{ACCEPTED_STAGE}'),
  SUM(CASE WHEN stage = '{ACCEPTED_STAGE}'
      THEN fund_provincial + fund_local + fund_integrated + fund_self ELSE 0 END)
FROM project WHERE deleted = 0 AND year = :year GROUP BY division_id
"""


def _funds_figures(m: list[float]) -> tuple[object, ...]:
    count, provincial, local, integrated, own, accepted, accepted_funds = m
    planned = provincial + local + integrated + own
    return (
        int(count),
        planned / 10000,
        provincial / 10000,
        local / 10000,
        integrated / 10000,
        own / 10000,
        int(accepted),
        accepted_funds / 10000,
        _ratio(accepted_funds, planned),
    )


def _funds_table(session: Session, root: DivisionNode, year: int, filler: str) -> ReportTable:
    measures = _grouped(session, FUNDS_SQL, {"year": year}, 7)
    planned, accepted = "计划投资（万元）", "已验收项目"
    columns = (
        ReportColumn("项目个数（个）", COUNT, width=8),
        ReportColumn("合计", WAN, planned, 10),
        ReportColumn("省专项", WAN, planned, 10),
        ReportColumn("市县配套", WAN, planned, 10),
        ReportColumn("整合资金", WAN, planned, 10),
        ReportColumn("自筹", WAN, planned, 10),
        ReportColumn("个数（个）", COUNT, accepted, 7),
        ReportColumn("资金（万元）", WAN, accepted, 10),
        ReportColumn("资金完成率", PERCENT, width=9),
    )
    rows = _tree_rows(root, measures, 7, _funds_figures)
    notes = ("说明：资金完成率 = 已验收项目资金 ÷ 计划投资合计。",)
    return _table(
        "funds", "附件5", "资金使用情况表", root, year, filler, "单位：个、万元", columns, rows, notes
    )


# -- 绩效考核进度表 --------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorLine:
    county_id: str
    code: str
    name: str
    unit: str
    target: float | None
    done: float | None
    max_score: float
    score: float | None
    deadline: dt.date | None
    responsible: str
    lead_unit: str


INDICATOR_SQL = """
SELECT i.id, i.division_id, i.code, i.name, i.unit, i.target_value, i.max_score, i.deadline,
  i.responsible_person, i.lead_unit,
  (SELECT p.value FROM indicator_progress p WHERE p.indicator_id = i.id AND p.deleted = 0
     AND p.value IS NOT NULL ORDER BY p.date DESC, p.created_stamp DESC, p.id DESC LIMIT 1) AS done
FROM indicator i WHERE i.deleted = 0 AND i.year = :year ORDER BY i.code, i.name, i.id
"""


def _indicator_lines(session: Session, year: int) -> list[IndicatorLine]:
    lines = []
    for row in session.execute(text(INDICATOR_SQL), {"year": year}):
        target, done = row.target_value, row.done
        score = None
        if target and done is not None:
            score = round(row.max_score * min(1.0, max(0.0, done / target)), 2)
        deadline = dt.date.fromisoformat(row.deadline) if isinstance(row.deadline, str) else row.deadline
        lines.append(
            IndicatorLine(
                row.division_id,
                row.code,
                row.name,
                row.unit,
                target,
                done,
                row.max_score or 0.0,
                score,
                deadline,
                row.responsible_person,
                row.lead_unit,
            )
        )
    return lines


def _indicator_row(line: IndicatorLine) -> ReportRow:
    rate = _ratio(line.done, line.target) if line.done is not None and line.target else None
    return ReportRow(
        (
            line.name,
            line.code,
            line.unit,
            line.target,
            line.done,
            rate,
            line.max_score,
            line.score,
            line.deadline.isoformat() if line.deadline else "",
            line.responsible,
            line.lead_unit,
        ),
        2,
    )


def _sum_row(label: str, code: str, lines: Sequence[IndicatorLine], depth: int) -> ReportRow:
    max_score = sum(line.max_score for line in lines)
    score = sum(line.score or 0.0 for line in lines)
    rate = _ratio(score, max_score)
    return ReportRow(
        (label, code, f"{len(lines)}项", None, None, rate, max_score, score, "", "", ""), depth, depth == 0
    )


def _assessment_table(session: Session, root: DivisionNode, year: int, filler: str) -> ReportTable:
    counties = [root] if root.level == "county" else [c for c in root.children if c.level == "county"]
    by_county: dict[str, list[IndicatorLine]] = defaultdict(list)
    for line in _indicator_lines(session, year):
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
        ReportColumn("完成时限", TEXT, width=11),
        ReportColumn("责任人", TEXT, width=8),
        ReportColumn("牵头单位", TEXT, width=16),
    )
    notes = ("说明：完成值为截至报送日最新一次填报的进度；县级行的完成率为得分率（得分 ÷ 分值）。",)
    table = _table(
        "assessment", "附件4", "绩效考核进度表", root, year, filler, "单位：分", columns, tuple(rows), notes
    )
    first = ReportColumn("县（市、区）/考核指标", TEXT, width=30)
    return replace(table, columns=(first, ReportColumn("指标编号", TEXT, width=9), *columns))
