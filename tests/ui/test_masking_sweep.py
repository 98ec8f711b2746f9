"""The GUI's side of the masking sweep (tests/core/test_masking_sweep.py has the command line's): as a
录入员 on the same demo data, every text on screen — each page of the main window, the household editor
of every household, the conflict review, the roster import's preview and the audit viewer — holds no
whole ID number, phone, or birth date beside its person's name; and the files the GUI writes itself (the
File menu's roster, the refused rows, the audit log's export) hold none either.

Texts are read from the widgets themselves: labels, line edits, buttons, combo box items, text edits,
tool tips, window titles, and every cell of every item view (display, edit and tool-tip roles), a view's
row being one unit, so a birth date and a name count together only when they stand in one row.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from huimin_desktop.model import Household
from huimin_desktop.security import roles
from huimin_desktop.services.station import Station
from tests.core.test_masking_sweep import ENTRY_PASSWORD, ENTRY_USER, Demo, file_units
from tests.core.test_masking_sweep import demo as demo  # the module's demo station (a fixture)
from tests.stations import open_station

ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, Qt.ItemDataRole.ToolTipRole)


def _view_rows(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    rows, top = [], QModelIndex()
    try:
        columns = model.columnCount(top)
    except TypeError:  # a list model keeps its columnCount to itself: one column
        columns = 1
    for row in range(model.rowCount(top)):
        cells = []
        for column in range(columns):
            index = model.index(row, column)
            cells += [str(model.data(index, role) or "") for role in ROLES]
        rows.append("\t".join(cells))
    return rows


def screen_texts(top: QWidget) -> list[str]:
    """Every text ``top`` and its children show or hold, one unit per widget (per row for views)."""
    units = [top.windowTitle()]
    for widget in [top, *top.findChildren(QWidget)]:
        units.append(widget.toolTip())
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            units.append(widget.text())
        elif isinstance(widget, QComboBox):
            units += [widget.currentText(), *(widget.itemText(i) for i in range(widget.count()))]
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            units.append(widget.toPlainText())
        if isinstance(widget, QAbstractItemView):
            units += _view_rows(widget)
    return [unit for unit in units if unit]


@pytest.fixture
def entry(demo: Demo) -> Iterator[Station]:
    with open_station(demo.data, user=ENTRY_USER, password=ENTRY_PASSWORD) as station:
        yield station


def _shown(qtbot: QtBot, widget: QWidget) -> QWidget:
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    QCoreApplication.processEvents()
    return widget


def test_every_page_of_the_main_window(
    qtbot: QtBot, demo: Demo, entry: Station, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    from ui.main_window import MainWindow

    window = _shown(qtbot, MainWindow(entry))
    assert isinstance(window, MainWindow)
    for entry_ in window.entries:
        window.show_page(entry_.key)
        QCoreApplication.processEvents()
        page = window.pages[entry_.key]
        leaked = demo.personal.leaks(screen_texts(window))
        assert not leaked, f"{entry_.key}: {leaked[:5]}"
        if entry_.key == "households":
            assert page.model.rowCount() >= 16  # type: ignore[attr-defined]  (the list was read)
    roster = tmp_path / "roster.xlsx"
    window.roster_menu.export_to(roster)  # File → export roster: masked for 录入员, no question asked
    assert roster.exists() and not demo.personal.leaks(file_units(roster))


def test_every_household_in_the_editor(
    qtbot: QtBot, demo: Demo, entry: Station, chinese: str, sync_operations: None
) -> None:
    from ui.household_editor.editor import HouseholdEditor

    with entry.db.reader() as session:
        households = list(session.scalars(select(Household.id).where(Household.deleted.is_(False))))
    assert len(households) >= 16
    for household_id in households:
        editor = HouseholdEditor(entry, household_id, user=ENTRY_USER)
        _shown(qtbot, editor)
        try:
            assert editor.members.model.rowCount() > 0
            leaked = demo.personal.leaks(screen_texts(editor))
            units = [u for u in screen_texts(editor) if demo.personal.leaks([u])]
            assert not leaked, f"household {household_id}: {leaked[:5]} in {units[:3]}"
        finally:
            editor._closing = True
            editor.close()


def test_the_conflict_review(
    qtbot: QtBot, demo: Demo, entry: Station, chinese: str, sync_operations: None
) -> None:
    from ui.sync.conflict_review import ConflictReviewDialog

    dialog = ConflictReviewDialog(entry, user=ENTRY_USER)
    dialog.editors_enabled = False
    _shown(qtbot, dialog)
    assert dialog.table.rowCount() >= 3
    for row in range(dialog.table.rowCount()):
        dialog.table.selectRow(row)
        QCoreApplication.processEvents()
        leaked = demo.personal.leaks(screen_texts(dialog))
        assert not leaked, f"conflict {row}: {leaked[:5]}"


def test_the_roster_import_preview(
    qtbot: QtBot, demo: Demo, entry: Station, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    """The demo's own full roster dropped in: its refused rows' reasons and every tab of the preview."""
    from ui.roster_import.dialog import RosterImportDialog

    dialog = RosterImportDialog(entry, path=demo.roster)
    _shown(qtbot, dialog)
    assert dialog.preview_panel.rejected.rowCount() >= 2
    leaked = demo.personal.leaks(screen_texts(dialog))
    assert not leaked, leaked[:5]
    refused = tmp_path / "refused.xlsx"
    dialog.write_rejected(refused)  # Save refused rows…: masked for 录入员, no question asked
    assert refused.exists() and not demo.personal.leaks(file_units(refused))


def test_the_audit_viewer(
    qtbot: QtBot, demo: Demo, entry: Station, tmp_path: Path, chinese: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """录入员 may not read the log; should an office allow it (the permission table is the only change),
    the values read masked."""
    from ui.audit.viewer import AuditWindow

    monkeypatch.setitem(roles.LOWEST_ROLE, roles.READ_AUDIT, roles.ENTRY)
    window = AuditWindow(entry)
    _shown(qtbot, window)
    assert window.model.rowCount() > 0
    leaked = demo.personal.leaks(screen_texts(window))
    assert not leaked, leaked[:5]
    exported = tmp_path / "audit.xlsx"
    assert window.export_to(exported)  # masked, no question asked
    assert not demo.personal.leaks(file_units(exported))
