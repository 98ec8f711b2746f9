"""The progress labels the core reports (``task.report(done, total, label)``) are worded by code
(``working.*`` in messages/catalog.py) in the process's current language: the English GUI's progress
dialogs and the CLI under ``--lang en`` show English, the Chinese program the labels it always showed.
File, package and station names are data and stay as they are."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from huimin_desktop import messages
from huimin_desktop.demo import generate_demo
from huimin_desktop.media import samples
from huimin_desktop.progress import TaskState
from huimin_desktop.services.station import Station
from huimin_desktop.sync import package as container
from tests.core.sync_helpers import add_household, enroll_station
from tests.core.test_attachment_store import make_project
from tests.core.test_backup_restore import attach_photos
from tests.core.test_clear_folder_conversion import clear_folder
from tests.core.test_cli_language import CJK, CORE
from tests.core.test_roster_fixtures import sample_rows, write_office_xlsx
from tests.stations import new_station

LANGUAGES = ("en", "zh")
REPORTERS = ("report", "_report")  # TaskState.report and DriveBackup._report, which passes its label on


# -- no Chinese literal handed to a progress report ---------------------------------------------------


def chinese_labels_in(source: str) -> list[int]:
    """Lines of ``….report(…)`` calls given a string literal or f-string with Chinese in it (a literal
    inside a call in the arguments, ``text("working.x", {"name": …})``, is that call's business)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in REPORTERS
        ):
            continue
        arguments = [*node.args, *(keyword.value for keyword in node.keywords)]
        if any(_chinese_literal(argument) for argument in arguments):
            found.append(node.lineno)
    return found


def _chinese_literal(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(CJK.search(node.value))
    return any(_chinese_literal(child) for child in ast.iter_child_nodes(node))


def test_no_progress_report_passes_a_chinese_literal() -> None:
    sample = "\n".join(
        [
            'task.report(0, 1, "正在保存")',
            'task.report(done, total, f"正在添加 {path.name}（{done + 1}/{total}）")',
            'self._report(0, 1, "写入农户" if user else "检查花名册")',
            'task.report(0, 1, message="提交")',
            'task.report(0, 1, text("working.saving"))',
            'task.report(0, 1, text("working.adding_file", {"name": "照片.jpg"}))',
            'task.report(total, total, "")',
            'print("正在保存")',
        ]
    )
    assert chinese_labels_in(sample) == [1, 2, 3, 4]  # the scan sees a bare label, and the worded ones
    found = {
        str(path.relative_to(CORE)): lines
        for path in sorted(CORE.rglob("*.py"))
        if (lines := chinese_labels_in(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "word these progress labels with text('working.…') and a catalog entry"


# -- real runs, in English and in Chinese ---------------------------------------------------------------


@pytest.fixture(params=LANGUAGES)
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    messages.set_language(request.param)
    try:
        yield request.param
    finally:
        messages.set_language("zh")


def collecting() -> tuple[TaskState, list[str]]:
    seen: list[str] = []
    return TaskState(lambda _done, _total, label: seen.append(label)), seen


def check_labels(language: str, seen: list[str], chinese: set[str], names: tuple[str, ...] = ()) -> None:
    """English: every label without Chinese once the names are left out, and none of the Chinese ones;
    Chinese: exactly the labels the program always showed."""
    labels = [label for label in seen if label]
    assert labels, "the run reported no progress"
    if language == "zh":
        assert set(labels) == chinese
        return
    for label in labels:
        rest = label
        for name in names:
            rest = rest.replace(name, "")
        assert not CJK.search(rest), label
        assert label not in chinese, label
    assert len(set(labels)) == len(chinese)  # one English label for each Chinese one


def test_adding_and_exporting_attachments(station: Station, tmp_path: Path, language: str) -> None:
    project = make_project(station, "P1")
    photos = [
        samples.write_jpeg(tmp_path / "现场.jpg", taken_at=dt.datetime(2025, 5, 3, 10, 15)),
        samples.write_jpeg(tmp_path / "IMG_0002.jpg", taken_at=dt.datetime(2025, 5, 3, 10, 16)),
    ]
    task, seen = collecting()
    added = station.attachments.add_files("project", project, photos, task=task).added
    station.attachments.export_files([a.id for a in added], tmp_path / "out", task=task)
    station.archive.export_project(project, tmp_path / "archive", task=task, reason="检查")
    chinese = {
        "正在添加 现场.jpg（1/2）",
        "正在添加 IMG_0002.jpg（2/2）",
        "正在保存",
        "正在导出 现场.jpg",
        "正在导出 IMG_0002.jpg",
        "正在写档案摘要",
    }
    check_labels(language, seen, chinese, names=("现场.jpg",))
    if language == "en":
        assert seen[:2] == ["Adding 现场.jpg (1/2)", "Adding IMG_0002.jpg (2/2)"]


def test_a_roster_import_and_export(station: Station, tmp_path: Path, language: str) -> None:
    path = write_office_xlsx(tmp_path / "花名册.xlsx", sample_rows())
    task, seen = collecting()
    station.rosters.import_file(path, dry_run=True, task=task)
    assert set(seen) == {messages.text("working.roster_checking")}  # a preview writes nothing
    assert station.rosters.import_file(path, task=task).added == 4
    station.rosters.export(tmp_path / "out.xlsx", task=task, reason="检查")
    chinese = {"检查花名册", "写入农户", "提交", "整理农户", "写入 Excel 文件"}
    check_labels(language, seen, chinese)


def test_a_sync_export_verify_and_merge(
    tmp_path: Path, language: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(container, "_RECORDS_PER_CHECK", 1)  # a label for every record, not every 2000th
    city = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code="211300")
    stick = tmp_path / "stick"
    stick.mkdir()
    township = enroll_station(
        city, "township", "马友营蒙古族乡", "211381204000", stick / "setup.json", tmp_path / "township"
    )
    try:
        household = add_household(township, "宝斯鲁", "211381198001010019")
        attach_photos(township, household, tmp_path / "photos", 2)
        task, seen = collecting()
        exported = township.sync.export(stick, task=task)
        (summary,) = city.sync.merge([exported.package], task=task)
        assert summary.new > 0
    finally:
        township.close()
        city.close()
    chinese = {
        "写入同步包：记录",
        "写入同步包：附件",
        "校验同步包：记录",
        f"合并同步包 {exported.package.name}",
        "合并完成",
    }
    check_labels(language, seen, chinese, names=(exported.package.name,))


def test_a_report_and_a_public_notice(station: Station, language: str) -> None:
    task, seen = collecting()
    station.reports.build(2025, task=task)
    station.public_notice.build(2025, task=task)
    check_labels(language, seen, {"正在统计报表", "正在整理公示名单"})


def test_demo_data(station: Station, language: str) -> None:
    task, seen = collecting()
    generate_demo(station, 5, seed=1, attachments_mb=1, task=task)
    check_labels(language, seen, {"生成农户", "生成项目、培训和考核指标", "生成附件照片"})


def test_a_stick_backup_and_its_restore(station: Station, tmp_path: Path, language: str) -> None:
    household = add_household(station, "宝斯鲁", "211381198001010019")
    attach_photos(station, household, tmp_path / "photos", 2)
    stick = tmp_path / "stick"
    stick.mkdir()
    task, seen = collecting()
    backup = station.backups.to_drive(stick, task=task).folder
    station.backups.restore(backup, task=task)
    chinese = {
        "正在写入U盘",
        "正在校验U盘上的备份",
        "备份完成",
        "正在检查备份",
        "正在恢复附件",
        "正在替换数据库",
    }
    check_labels(language, seen, chinese)


def test_encrypting_a_clear_folder(tmp_path: Path, language: str) -> None:
    folder = clear_folder(tmp_path / "old")
    task, seen = collecting()
    with Station.open(folder.root, "Boss", "boss-pass", task=task):
        pass
    chinese = {
        "正在加密数据库",
        "正在加密备份",
        "正在加密附件和草稿",
        "附件已加密",
        "正在加密草稿和日志",
        "正在清除明文缓存",
        "加密完成",
    }
    check_labels(language, seen, chinese)


def test_every_progress_label_has_both_languages() -> None:
    from huimin_desktop.messages import CATALOG

    codes = [code for code in CATALOG if code.startswith("working.")]
    assert len(codes) >= 30
    for code in codes:
        params: dict[str, object] = {"name": "照片.jpg", "done": 3, "total": 10}
        assert CJK.search(messages.text(code, params, "zh")), code
        assert not CJK.search(messages.text(code, params, "en").replace("照片.jpg", "")), code
