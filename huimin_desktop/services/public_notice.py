"""公示: the public notice of a year's beneficiaries, posted in the village (issue 13).

One line per beneficiary household and project of the year: the head's name, township, village, the
project and the amount. Nothing else leaves the database for it: never an ID number, a phone, health,
disability, income or bank data (the query reads only the columns it prints; a test scans the
workbook's bytes). The amount is the household's share of the project's public funds (省专项 + 市县配套 +
整合资金; 自筹 is the households' own money, not a benefit), split evenly over the project's distinct
beneficiary households, in whole yuan; the yuan left over go one each to the first households in the
list, so the shares add up to the funds exactly. The share does not depend on the scope printed: a
township's notice shows what its households get of a project that spans two townships.

The scope (the station, a county or a township) is ``services.reports.ReportScope``, named on the
command line as ``report`` names it (``--county`` / ``--township``, code or name).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from huimin_desktop.domain.masking import MASKED
from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import Words, text
from huimin_desktop.model import Division, Household, Project, ProjectBeneficiary, StationIdentity
from huimin_desktop.progress import TaskState
from huimin_desktop.services.disclosure import note_disclosure
from huimin_desktop.services.divisions import live_descendant_ids
from huimin_desktop.services.reports import ReportScope, ReportService, chinese_date
from huimin_desktop.spreadsheet.public_notice import NoticeLine, NoticeSheet, write_public_notice
from huimin_desktop.store.database import Database

PUBLIC_FUNDS = ("fund_provincial", "fund_local", "fund_integrated")


@dataclass(frozen=True)
class PublicNotice:
    year: int
    scope: ReportScope
    sheet: NoticeSheet

    @property
    def lines(self) -> tuple[NoticeLine, ...]:
        return self.sheet.lines

    @property
    def total(self) -> int:
        return sum(line.amount for line in self.sheet.lines)


@dataclass(frozen=True)
class NoticeSummary:
    path: Path
    year: int
    scope: str
    households: int  # distinct households listed
    lines: int
    total: int  # yuan


@dataclass(frozen=True)
class _Beneficiary:
    household_id: str
    project_id: str
    head_name: str
    sort_name: str
    township: str
    village: str
    division_id: str


class PublicNoticeService:
    def __init__(self, db: Database, reports: ReportService) -> None:
        self.db = db
        self.reports = reports

    def build(
        self, year: int, scope: ReportScope | None = None, *, task: TaskState | None = None
    ) -> PublicNotice:
        """The notice of ``year`` (the projects' year) for ``scope`` (default: the whole station)."""
        if not 2000 <= year <= 2100:
            raise ServiceError(code="notice.bad_year", year=year)
        task = task or TaskState()
        scope = scope or self.reports.scopes()[0]
        task.report(0, 2, text("working.gathering_notice"))
        with self.db.reader() as session:
            places = live_descendant_ids(session, scope.division_id) | {scope.division_id}
            projects = _projects(session, year)
            everyone = _beneficiaries(session, set(projects))
            station = session.scalars(select(StationIdentity.name)).one()
        shares = _shares(everyone, projects)
        lines = [
            NoticeLine(b.township, b.village, b.head_name, projects[b.project_id][0], shares[b])
            for b in everyone
            if b.division_id in places
        ]
        lines.sort(key=lambda line: (line.township, line.village, line.project, line.name))
        task.report(1, 2, text("working.gathering_notice"))
        today = dt.date.today()
        sheet = NoticeSheet(
            title=f"{scope.name}{year}年度惠民工程受益农户公示",
            intro=(
                "根据惠民工程项目管理的有关规定，现将本年度项目受益农户及扶持资金予以公示。公示期 7 天，"
                "如有异议，请在公示期内向乡镇人民政府或县（市、区）民族宗教事务部门反映。"
            ),
            lines=tuple(lines),
            footer=f"公示单位（盖章）：{station}　　　　　　公示日期：{chinese_date(today)}",
        )
        return PublicNotice(year, scope, sheet)

    def export(
        self,
        out: str | Path,
        year: int,
        scope: ReportScope | None = None,
        *,
        task: TaskState | None = None,
    ) -> NoticeSummary:
        """The notice as an A4 .xlsx (title, intro, numbered lines, 合计, signature line); audited."""
        out = Path(out)
        if out.suffix.lower() != ".xlsx":
            raise ServiceError(code="output.wrong_suffix", path=out, suffix=".xlsx")
        notice = self.build(year, scope, task=task)
        write_public_notice(out, notice.sheet)
        households = len({(line.township, line.village, line.name) for line in notice.lines})
        details = {"year": year, "scope": notice.scope.name, "lines": len(notice.lines)}
        what = Words("公示名单", "public notice")
        note_disclosure(self.db, what=what, path=out, reason="", masking=MASKED, details=details)
        return NoticeSummary(out, year, notice.scope.name, households, len(notice.lines), notice.total)


def _projects(session: Session, year: int) -> dict[str, tuple[str, int]]:
    """Live projects of ``year``: id → (name, public funds in yuan)."""
    columns = [getattr(Project, name) for name in PUBLIC_FUNDS]
    rows = session.execute(
        select(Project.id, Project.name, *columns).where(Project.year == year, Project.deleted.is_(False))
    )
    return {row[0]: (row[1], sum(value or 0 for value in row[2:])) for row in rows}


def _beneficiaries(session: Session, project_ids: set[str]) -> list[_Beneficiary]:
    """Each live household once per project (the city and a township may both have added it), with its
    village and township names: only the columns the notice prints, never a personal one."""
    if not project_ids:
        return []
    village, township = Division.__table__.alias("village"), Division.__table__.alias("township")
    rows = session.execute(
        select(
            ProjectBeneficiary.household_id,
            ProjectBeneficiary.project_id,
            Household.head_name,
            Household.head_name_sort,
            township.c.name,
            village.c.name,
            Household.division_id,
        )
        .join(Household, Household.id == ProjectBeneficiary.household_id)
        .outerjoin(village, village.c.id == Household.division_id)
        .outerjoin(township, township.c.id == village.c.parent_id)
        .where(
            ProjectBeneficiary.project_id.in_(project_ids),
            ProjectBeneficiary.deleted.is_(False),
            Household.deleted.is_(False),
        )
        .distinct()
    )
    found = {
        (r[0], r[1]): _Beneficiary(r[0], r[1], r[2] or "", r[3] or "", r[4] or "", r[5] or "", r[6])
        for r in rows
    }
    return sorted(found.values(), key=lambda b: (b.township, b.village, b.sort_name, b.household_id))


def _shares(
    everyone: Sequence[_Beneficiary], projects: dict[str, tuple[str, int]]
) -> dict[_Beneficiary, int]:
    """Each beneficiary's whole-yuan share of its project's public funds, adding up to them exactly."""
    by_project: dict[str, list[_Beneficiary]] = defaultdict(list)
    for beneficiary in everyone:  # already in list order: the leftover yuan go to the first ones
        by_project[beneficiary.project_id].append(beneficiary)
    shares: dict[_Beneficiary, int] = {}
    for project_id, households in by_project.items():
        base, left = divmod(projects[project_id][1], len(households))
        for index, beneficiary in enumerate(households):
            shares[beneficiary] = base + (1 if index < left else 0)
    return shares
