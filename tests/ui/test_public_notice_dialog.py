"""The 公示 dialog (ui/public_notice/dialog.py): the list on screen, saved as .xlsx, printed to PDF through
the same document the print preview shows; no ID number or phone anywhere in it."""

from __future__ import annotations

import zipfile
from pathlib import Path

from openpyxl import load_workbook
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from huimin_desktop.demo import generate_demo
from huimin_desktop.model import Household, Member, Project, ProjectBeneficiary
from huimin_desktop.services.station import Station
from ui.public_notice.dialog import PublicNoticeDialog


def _busiest_year(station: Station) -> int:
    with station.db.reader() as session:
        return (
            session.execute(
                select(Project.year)
                .join(ProjectBeneficiary, ProjectBeneficiary.project_id == Project.id)
                .group_by(Project.year)
                .order_by(func.count().desc())
            )
            .scalars()
            .first()
        )


def _personal(station: Station) -> set[str]:
    with station.db.reader() as session:
        found = set(session.scalars(select(Member.id_number))) | set(session.scalars(select(Member.phone)))
        found |= set(session.scalars(select(Household.phone)))
    found.discard("")
    return found


def test_the_dialog_shows_saves_and_prints_the_notice(
    qtbot: QtBot, station: Station, chinese: str, tmp_path: Path
) -> None:
    generate_demo(station, 40, seed=21)
    dialog = PublicNoticeDialog(station)
    qtbot.addWidget(dialog)
    dialog.show()
    year = _busiest_year(station)
    dialog.year.setValue(year)
    notice = station.public_notice.build(year)
    assert notice.lines
    assert dialog.table.rowCount() == len(notice.lines) + 1  # and the 合计 line
    first = notice.lines[0]
    assert [dialog.table.item(0, c).text() for c in range(1, 5)] == [
        first.township,
        first.village,
        first.name,
        first.project,
    ]
    assert dialog.table.item(len(notice.lines), 0).text() == "合计"
    assert dialog.title.text() == notice.sheet.title and dialog.print_button.isEnabled()
    shown = " ".join(dialog.table.item(r, c).text() for r in range(dialog.table.rowCount()) for c in range(6))
    personal = _personal(station)
    assert not [value for value in personal if value in shown]

    out = tmp_path / "公示.xlsx"
    dialog.save_to(out)
    assert load_workbook(out).active["A1"].value == notice.sheet.title
    with zipfile.ZipFile(out) as book:
        text = "".join(book.read(name).decode() for name in book.namelist())
    assert not [value for value in personal if value in text]

    printed = dialog.document().toPlainText()
    assert notice.sheet.title in printed and first.name in printed and "合计" in printed
    assert not [value for value in personal if value in printed]
    printer = dialog.printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "公示.pdf"))
    dialog.print_to(printer)
    assert (tmp_path / "公示.pdf").read_bytes().startswith(b"%PDF")

    dialog.print_button.click()
    assert isinstance(dialog.preview, QPrintPreviewDialog) and dialog.preview.isVisible()
    dialog.preview.close()


def test_a_year_without_projects_has_nothing_to_save(qtbot: QtBot, station: Station, chinese: str) -> None:
    dialog = PublicNoticeDialog(station)
    qtbot.addWidget(dialog)
    dialog.year.setValue(2001)
    assert dialog.table.rowCount() == 1  # the 合计 line alone
    assert not dialog.save_button.isEnabled() and not dialog.print_button.isEnabled()


def test_the_file_menu_opens_it(qtbot: QtBot, station: Station, chinese: str) -> None:
    from ui.main_window import MainWindow

    window = MainWindow(station)
    qtbot.addWidget(window)
    window.public_notice_action.trigger()
    assert isinstance(window.public_notice_dialog, PublicNoticeDialog)
    assert window.public_notice_dialog.isVisible()
    window.public_notice_dialog.close()
