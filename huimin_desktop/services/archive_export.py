"""One project's whole archive as a plain folder, for inspections (一个项目一个档案).

The folder can be browsed without this program::

    P2025-001_马友营村道路硬化_档案/
        档案摘要.xlsx                       project fields, stage history, list of every file
        01_申报/申报材料_001_申请书.pdf      stage documents, stage folders in workflow order
        02_评审/公示照片_001_IMG_0001.jpg
        06_项目资料/施工照片_001_现场.jpg    the project's own material, by category
        07_培训/2025-05-12_大棚技术_培训签到表_001_签到.jpg   sessions held under the project

Files are numbered per category within their folder, in the order they were added. Everything is
written into a hidden ``.partial`` folder first and renamed when complete, so a cancelled or failed
export leaves nothing behind, and each copied file is checked against its SHA-256. A missing or damaged
blob does not stop the export: it is listed in ``ArchiveExport.problems`` and marked in the sheet.
"""

from __future__ import annotations

import datetime as dt
import shutil
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.domain.masking import FULL
from huimin_desktop.errors import ServiceError
from huimin_desktop.messages import Words, describe, text
from huimin_desktop.messages.system import with_path
from huimin_desktop.model import Division, Training
from huimin_desktop.progress import TaskState
from huimin_desktop.security.roles import SEE_PERSONAL_DATA
from huimin_desktop.services.attachments import AttachmentRecord, AttachmentService, clean_filename
from huimin_desktop.services.disclosure import note_disclosure, require_reason
from huimin_desktop.services.project_records import ProjectRecord
from huimin_desktop.services.projects import FUNDS, ProjectService, stage_name, stage_order
from huimin_desktop.store.database import Database

if TYPE_CHECKING:  # openpyxl loads in 0.2 s; the station facade (and so start-up) should not pay for it
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

SUMMARY_NAME = "档案摘要.xlsx"
PROJECT_MATERIAL = "项目资料"
TRAININGS = "培训"
UNCATEGORISED = "未分类"


@dataclass(frozen=True)
class ArchiveFile:
    relative_path: str  # inside the archive folder, with "/" separators
    attachment: AttachmentRecord
    ok: bool  # False: the blob was missing or damaged and the file is not in the folder


@dataclass
class ArchiveExport:
    folder: Path
    files: list[Path] = field(default_factory=list)  # every file written, the summary sheet included
    entries: list[ArchiveFile] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Planned:
    folder: str
    attachment: AttachmentRecord
    prefix: str = ""  # e.g. a training's date and topic


class ArchiveExporter:
    def __init__(self, db: Database, projects: ProjectService, attachments: AttachmentService) -> None:
        self.db = db
        self.projects = projects
        self.attachments = attachments

    def export_project(
        self, project_id: str, dest_dir: Path, *, task: TaskState | None = None, reason: str | None = None
    ) -> ArchiveExport:
        """The archive folder. Its documents (applications, ID card copies, signed lists) cannot be
        masked, so every archive counts as full personal data: ``reason`` is required and goes to the
        audit log with the user (``services.disclosure``)."""
        self.db.actor.require(SEE_PERSONAL_DATA)
        task = task or TaskState()
        reason = require_reason(FULL, reason)
        project = self.projects.get(project_id)
        planned = self._plan(project)
        dest_dir = Path(dest_dir)
        try:
            dest_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ServiceError(code="os.error", error=with_path(exc, dest_dir)) from exc
        final = _free_folder(dest_dir, clean_filename(f"{project.code}_{project.name}_档案"))
        partial = dest_dir / f".{final.name}.{uuid.uuid4().hex[:8]}.partial"
        partial.mkdir()
        result = ArchiveExport(final)
        try:
            counters: dict[tuple[str, str], int] = {}
            total = len(planned) + 1
            for done, item in enumerate(planned):
                task.report(done, total, text("working.exporting_file", {"name": item.attachment.filename}))
                category = _category_name(item.attachment.category)
                key = (item.folder, item.prefix + category)
                counters[key] = counters.get(key, 0) + 1
                name = clean_filename(
                    f"{item.prefix}{category}_{counters[key]:03d}_{item.attachment.filename}"
                )
                relative = f"{item.folder}/{name}"
                (partial / item.folder).mkdir(exist_ok=True)
                try:
                    self.attachments.copy_out(item.attachment, partial / item.folder / name, check=task.check)
                except ServiceError as exc:
                    result.problems.append(describe(exc) or exc.message)
                    result.entries.append(ArchiveFile(relative, item.attachment, ok=False))
                    continue
                result.entries.append(ArchiveFile(relative, item.attachment, ok=True))
            task.report(len(planned), total, text("working.writing_archive_summary"))
            _write_summary(partial / SUMMARY_NAME, project, self._division_name(project.division_id), result)
            task.check()
            partial.rename(final)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        result.files = [final / SUMMARY_NAME] + [final / e.relative_path for e in result.entries if e.ok]
        details = {"project": project.id, "code": project.code, "files": len(result.files)}
        note_disclosure(
            self.db,
            what=Words("项目档案", "project archive"),
            path=final,
            reason=reason,
            masking=FULL,
            details=details,
            record_id=project.id,
        )
        task.report(total, total, "")
        return result

    # -- what goes where --------------------------------------------------------------------------

    def _plan(self, project: ProjectRecord) -> list[_Planned]:
        order = stage_order()
        planned: list[_Planned] = []
        by_entry = self.attachments.for_records("project_stage", [entry.id for entry in project.stages])
        for position, code in enumerate(order, start=1):
            folder = f"{position:02d}_{stage_name(code)}"
            for entry in project.stages:
                if entry.stage == code:
                    planned += [_Planned(folder, a) for a in by_entry[entry.id]]
        own = self.attachments.for_record("project", project.id)
        folder = f"{len(order) + 1:02d}_{PROJECT_MATERIAL}"
        planned += [_Planned(folder, a) for a in sorted(own, key=lambda a: _category_rank(a.category))]
        folder = f"{len(order) + 2:02d}_{TRAININGS}"
        for training_id, date, topic in self._trainings(project.id):
            prefix = clean_filename(f"{date.isoformat()}_{topic}_")
            planned += [
                _Planned(folder, a, prefix) for a in self.attachments.for_record("training", training_id)
            ]
        return planned

    def _trainings(self, project_id: str) -> list[tuple[str, dt.date, str]]:
        with self.db.reader() as session:
            rows = session.execute(
                select(Training.id, Training.date, Training.topic)
                .where(Training.project_id == project_id, Training.deleted.is_(False))
                .order_by(Training.date, Training.id)
            ).all()
        return [(row[0], row[1], row[2]) for row in rows]

    def _division_name(self, division_id: str) -> str:
        with self.db.reader() as session:
            division = session.get(Division, division_id)
            return division.name if division is not None else ""


def _category_rank(code: str) -> tuple[int, str]:
    codes = code_lists().attachment_category.codes()
    return (codes.index(code) if code in codes else len(codes), code)


def _category_name(code: str) -> str:
    return code_lists().attachment_category.name(code) or UNCATEGORISED


def _free_folder(dest_dir: Path, name: str) -> Path:
    candidate = dest_dir / name
    number = 1
    while candidate.exists():
        number += 1
        candidate = dest_dir / f"{name} ({number})"
    return candidate


# -- the summary workbook -----------------------------------------------------------------------------


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _wan(yuan: int) -> float:
    return round(yuan / 10_000, 4)


def _project_rows(project: ProjectRecord, division: str) -> list[tuple[str, object]]:
    lists = code_lists()
    rows: list[tuple[str, object]] = [
        ("项目编号", project.code),
        ("项目名称", project.name),
        ("项目类别", lists.project_category.name(project.category) or project.category),
        ("实施地点", division),
        ("年度", project.year),
        ("当前阶段", stage_name(project.stage)),
        ("建设内容", project.content),
        ("建设规模", project.scale),
    ]
    rows += [(f"{label}（万元）", _wan(getattr(project, name))) for name, label in FUNDS.items()]
    rows += [
        ("资金合计（万元）", _wan(project.total_funds)),
        ("计划开工", _date(project.planned_start)),
        ("计划完工", _date(project.planned_finish)),
        ("实际开工", _date(project.actual_start)),
        ("实际完工", _date(project.actual_finish)),
        ("负责人", project.responsible),
        ("预计户均增收（元）", project.income_increase_expected or ""),
        ("实测户均增收（元）", project.income_increase_measured or ""),
        ("受益户数", project.beneficiaries.total),
        ("其中少数民族户数", project.beneficiaries.minority),
        ("备注", project.notes),
        ("档案导出时间", dt.datetime.now().strftime("%Y-%m-%d %H:%M")),
    ]
    return rows


def _sheet(
    workbook: Workbook, title: str, header: list[str], rows: Sequence[Sequence[object]], widths: list[int]
) -> Worksheet:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title)
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def _write_summary(path: Path, project: ProjectRecord, division: str, result: ArchiveExport) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment

    workbook = Workbook()
    for default_sheet in workbook.worksheets:
        workbook.remove(default_sheet)
    info = _sheet(
        workbook, "项目信息", ["项目", "内容"], [list(r) for r in _project_rows(project, division)], [22, 60]
    )
    for row in info.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    history = [
        [
            e.date.isoformat(),
            e.stage_name,
            "退回" if e.action == "return" else "推进",
            e.person,
            e.opinion,
            e.note,
        ]
        for e in project.stages
    ]
    _sheet(
        workbook,
        "阶段记录",
        ["日期", "阶段", "操作", "经办人", "意见", "备注"],
        history,
        [12, 8, 8, 12, 40, 30],
    )
    listing = [
        [
            entry.relative_path if entry.ok else "（未导出）",
            entry.attachment.filename,
            _category_name(entry.attachment.category),
            entry.attachment.caption,
            entry.attachment.taken_at.strftime("%Y-%m-%d %H:%M") if entry.attachment.taken_at else "",
            entry.attachment.size,
            entry.attachment.sha256,
            "正常" if entry.ok else "缺失或损坏",
        ]
        for entry in result.entries
    ]
    _sheet(
        workbook,
        "文件清单",
        ["档案中的文件", "原文件名", "类别", "说明", "拍摄时间", "字节数", "SHA-256", "状态"],
        listing,
        [44, 30, 12, 24, 17, 12, 66, 12],
    )
    workbook.save(path)
