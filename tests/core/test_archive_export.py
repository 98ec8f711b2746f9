"""A project's archive as a folder: stage folders, project material by category, the summary workbook."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from openpyxl import load_workbook

from huimin_desktop.media import samples
from huimin_desktop.progress import Cancelled, TaskState
from huimin_desktop.services.divisions import DivisionService
from huimin_desktop.services.projects import ProjectInput, StageInput
from huimin_desktop.services.station import Station
from huimin_desktop.services.station_setup import division_id_for_code
from huimin_desktop.services.trainings import TrainingInput
from tests.conftest import TOWNSHIP_CODE
from tests.core.test_cli_language import CJK


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def archived_project(station: Station, tmp_path: Path) -> str:
    """A project at 评审 (one return on the way) with documents on stages, itself and a training."""
    village = DivisionService(station.db).add_village(division_id_for_code(TOWNSHIP_CODE), "东营子村")
    project = station.projects.create(
        ProjectInput(
            code="BP-2025-007",
            name="东营子村/道路硬化",
            category="2",
            division_id=village.id,
            year=2025,
            fund_provincial=500_000,
            responsible="王丽",
        )
    ).id
    station.projects.advance_stage(project, StageInput("1", dt.date(2025, 3, 1), person="张三"))
    station.projects.advance_stage(
        project, StageInput("2", dt.date(2025, 3, 20), person="李四", opinion="同意")
    )
    station.projects.return_stage(project, "1", dt.date(2025, 3, 25), person="李四", opinion="补材料")
    station.projects.advance_stage(
        project, StageInput("2", dt.date(2025, 4, 2), person="李四", opinion="同意")
    )
    entries = station.projects.history(project)
    files = tmp_path / "files"
    files.mkdir()
    application = files / "申请书.pdf"
    application.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    supplement = samples.write_jpeg(files / "补充材料.jpg", seed=5)
    review_photo = samples.write_jpeg(files / "IMG_0001.jpg", seed=6)
    site = [samples.write_jpeg(files / f"现场{i}.jpg", seed=10 + i) for i in range(2)]
    interview = samples.write_wav(files / "访谈.wav")
    add = station.attachments.add_files
    add("project_stage", entries[0].id, [application], category="01")
    add("project_stage", entries[2].id, [supplement], category="01")  # the return to 申报
    add("project_stage", entries[3].id, [review_photo], category="02")
    add("project", project, [*site], category="03")
    add("project", project, [interview], category="05")
    add("project", project, [application], category="01")  # the same bytes again: stored once
    training = station.trainings.create(
        TrainingInput(dt.date(2025, 5, 12), village.id, "大棚技术", project_id=project)
    ).id
    add("training", training, [samples.write_jpeg(files / "签到.jpg", seed=20)], category="06")
    return project


def test_archive_holds_every_file_with_the_right_hash(
    station: Station, archived_project: str, tmp_path: Path
) -> None:
    out = tmp_path / "检查"
    result = station.archive.export_project(archived_project, out, reason="检查")

    assert result.folder == out / "BP-2025-007_东营子村_道路硬化_档案"
    assert result.problems == []
    names = sorted(p.relative_to(result.folder).as_posix() for p in result.folder.rglob("*") if p.is_file())
    assert names == [
        "01_申报/申报材料_001_申请书.pdf",
        "01_申报/申报材料_002_补充材料.jpg",
        "02_评审/公示照片_001_IMG_0001.jpg",
        "06_项目资料/施工照片_001_现场0.jpg",
        "06_项目资料/施工照片_002_现场1.jpg",
        "06_项目资料/申报材料_001_申请书.pdf",
        "06_项目资料/访谈录音_001_访谈.wav",
        "07_培训/2025-05-12_大棚技术_培训签到表_001_签到.jpg",
        "档案摘要.xlsx",
    ]
    assert sorted(p.relative_to(result.folder).as_posix() for p in result.files) == names
    for entry in result.entries:
        assert sha(result.folder / entry.relative_path) == entry.attachment.sha256
    assert [p for p in out.iterdir() if p.name.startswith(".")] == []

    book = load_workbook(result.folder / "档案摘要.xlsx")
    assert book.sheetnames == ["项目信息", "阶段记录", "文件清单"]
    info = {row[0]: row[1] for row in book["项目信息"].iter_rows(min_row=2, values_only=True)}
    assert info["项目编号"] == "BP-2025-007"
    assert info["当前阶段"] == "评审"
    assert info["省专项资金（万元）"] == 50
    history = list(book["阶段记录"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1], r[2]) for r in history] == [
        ("2025-03-01", "申报", "推进"),
        ("2025-03-20", "评审", "推进"),
        ("2025-03-25", "申报", "退回"),
        ("2025-04-02", "评审", "推进"),
    ]
    listing = list(book["文件清单"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[6], r[7]) for r in listing] == [
        (e.relative_path, e.attachment.sha256, "正常") for e in result.entries
    ]

    again = station.archive.export_project(archived_project, out, reason="检查")
    assert again.folder.name == "BP-2025-007_东营子村_道路硬化_档案 (2)"


def test_a_damaged_blob_is_reported_and_the_rest_exported(
    station: Station, archived_project: str, tmp_path: Path
) -> None:
    [site, *_] = [a for a in station.attachments.for_record("project", archived_project) if a.kind == "photo"]
    station.attachments.blob_path(site.sha256).write_bytes(b"broken")
    result = station.archive.export_project(archived_project, tmp_path / "out", reason="检查")
    assert len(result.problems) == 1 and "现场0.jpg" in result.problems[0]
    assert not (result.folder / "06_项目资料" / "施工照片_001_现场0.jpg").exists()
    assert len(result.files) == 8
    listing = list(
        load_workbook(result.folder / "档案摘要.xlsx")["文件清单"].iter_rows(min_row=2, values_only=True)
    )
    assert ("（未导出）", "缺失或损坏") in [(r[0], r[7]) for r in listing]


def test_a_damaged_blob_is_named_in_the_process_language(
    station: Station, archived_project: str, tmp_path: Path
) -> None:
    """The problems go to the GUI's message box as they are: in English mode, English."""
    from huimin_desktop import messages

    [site, *_] = [a for a in station.attachments.for_record("project", archived_project) if a.kind == "photo"]
    station.attachments.blob_path(site.sha256).write_bytes(b"broken")
    messages.set_language("en")
    try:
        result = station.archive.export_project(archived_project, tmp_path / "out", reason="check")
    finally:
        messages.set_language("zh")
    [problem] = result.problems
    assert "现场0.jpg" in problem
    assert not CJK.search(problem.replace("现场0.jpg", "")), problem


def test_a_cancelled_export_leaves_nothing(station: Station, archived_project: str, tmp_path: Path) -> None:
    task = TaskState(lambda done, _total, _message: task.cancel() if done == 3 else None)
    out = tmp_path / "out"
    with pytest.raises(Cancelled):
        station.archive.export_project(archived_project, out, task=task, reason="检查")
    assert list(out.iterdir()) == []
