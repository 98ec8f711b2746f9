"""Input pieces the project and training editors share: dates as typed, amounts, the place, attachments.

Dates are typed, not spun: a cadre copies "2024.4.1" or "2024年4月1日" from a paper form, and an optional
date must be able to stay empty, which a QDateEdit cannot.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QFrame, QLabel, QLineEdit, QVBoxLayout, QWidget

from huimin_desktop.domain.amounts import (
    AmountCheck,
    format_wan_yuan,
    format_yuan,
    parse_amount,
    parse_wan_yuan,
)
from ui.errors import issue_message
from ui.widgets.fields import FieldMessage, mark

if TYPE_CHECKING:
    from huimin_desktop.services.project_records import DivisionNode
    from huimin_desktop.services.station import Station
    from ui.attachments.panel import AttachmentPanel

# 年, 月, 日 by code point: ui/ holds no Chinese literals (the translation test checks it).
_YEAR, _MONTH, _DAY = chr(0x5E74), chr(0x6708), chr(0x65E5)
_DATE = re.compile(rf"(\d{{4}})\s*[-./{_YEAR}]\s*(\d{{1,2}})\s*[-./{_MONTH}]\s*(\d{{1,2}})\s*{_DAY}?")
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
PLACE_LEVELS = ("county", "township", "village")  # where a project or a training can be


def parse_date(text: str) -> dt.date | None:
    """ "2024-04-01", "2024-4-1", "2024/4/1", "2024.4.1", "2024年4月1日", "20240401" → a date; else None."""
    cleaned = text.strip()
    match = _DATE.fullmatch(cleaned) or _COMPACT_DATE.fullmatch(cleaned)
    if match is None:
        return None
    try:
        return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


class DateField(QLineEdit):
    """An optional date typed as text; shown back as YYYY-MM-DD once the field is left."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.setMaxLength(16)
        self.message = FieldMessage()
        self.editingFinished.connect(self.check)
        width = self.fontMetrics().horizontalAdvance("2024-04-01") + 28
        self.setMinimumWidth(width)

    def date(self) -> dt.date | None:
        return parse_date(self.text())

    def set_date(self, value: dt.date | None) -> None:
        self.setText(value.isoformat() if value else "")
        self.show_issue("")

    def is_valid(self) -> bool:
        return not self.text().strip() or self.date() is not None

    def check(self) -> str:
        """Mark the field when its text is no date; a good date is rewritten as YYYY-MM-DD."""
        value = self.date()
        if value is not None and self.text() != value.isoformat():
            self.setText(value.isoformat())
        message = "" if self.is_valid() else self.tr("Not a date; write it as 2024-04-01")
        self.show_issue(message)
        return message

    def show_issue(self, message: str, severity: str = "error") -> None:
        mark(self, severity if message else None)
        self.message.show_message(message, severity)


class AmountField(QLineEdit):
    """Money in 万元 (project funds) or in yuan; ``value()`` is whole yuan, None when empty."""

    def __init__(self, *, wan: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.wan = wan
        self.message = FieldMessage()
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(20)
        self.editingFinished.connect(self.check)

    def _parsed(self) -> AmountCheck:
        parse = parse_wan_yuan if self.wan else parse_amount
        return parse(self.text())

    def value(self) -> int | None:
        result = self._parsed()
        return result.value if result.ok else None

    def set_value(self, value: int | None) -> None:
        self.setText((format_wan_yuan if self.wan else format_yuan)(value) if value else "")
        self.show_issue("")

    def error(self) -> str:
        result = self._parsed()
        return next((issue_message(i) for i in result.issues if i.is_error), "")

    def check(self) -> str:
        message = self.error()
        if not message and self.value() is not None:
            formatted = (format_wan_yuan if self.wan else format_yuan)(self.value())
            if self.text() != formatted:
                self.setText(formatted)
        self.show_issue(message)
        return message

    def show_issue(self, message: str, severity: str = "error") -> None:
        mark(self, severity if message else None)
        self.message.show_message(message, severity)


def stage_date_edit() -> QDateEdit:
    """A required date (a stage, a training): today by default, with a calendar."""
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(2000, 1, 1))
    return edit


def to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())


class DivisionCombo(QComboBox):
    """The station's own area and the places in it (county, township, village), in tree order."""

    def __init__(
        self, station: Station, parent: QWidget | None = None, *, levels: Sequence[str] = ()
    ) -> None:
        super().__init__(parent)
        self.setMaxVisibleItems(24)
        wanted = set(levels or PLACE_LEVELS)
        home = station.divisions.find_by_code(station.info().division_code)
        entries: list[tuple[str, str, str]] = []  # id, name, township name (for villages)

        def walk(nodes: Sequence[DivisionNode], inside: bool, township: str) -> None:
            for node in nodes:
                division = node.division
                here = inside or home is None or division.id == home.id
                if here and division.level in wanted:
                    entries.append((division.id, division.name, township))
                walk(node.children, here, division.name if division.level == "township" else township)

        walk(station.divisions.tree(), False, "")
        several = len({township for _, _, township in entries if township}) > 1
        for division_id, name, township in entries:
            label = name
            if several and township:
                label = self.tr("{village} ({township})").format(village=name, township=township)
            self.addItem(label, division_id)
        self.setCurrentIndex(-1)

    def division_id(self) -> str | None:
        value = self.currentData()
        return str(value) if value else None

    def set_division(self, division_id: str | None, fallback_name: str = "") -> None:
        index = self.findData(division_id) if division_id else -1
        if index < 0 and division_id:
            self.addItem(fallback_name or division_id, division_id)
            index = self.count() - 1
        self.setCurrentIndex(index)


class _AttachmentPlaceholder(QFrame):
    """Stands in for the attachment panel until ui/attachments/panel.py exists (same small interface)."""

    changed = Signal()

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attachmentPlaceholder")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(text)
        label.setObjectName("mutedText")
        label.setWordWrap(True)
        layout.addWidget(label)
        self.owner: tuple[str, str | None] | None = None

    def set_owner(self, owner_table: str, owner_id: str | None) -> None:
        self.owner = (owner_table, owner_id)


def attachment_panel(
    station: Station, categories: Sequence[str], parent: QWidget | None = None
) -> AttachmentPanel | _AttachmentPlaceholder:
    """The attachment panel for photos, audio, video and scans (a note in its place while it is missing).

    Imported here, on first use, so that an editor still opens when the attachment store is not there.
    """
    try:
        from ui.attachments.panel import AttachmentPanel
    except ImportError:
        return _AttachmentPlaceholder(
            QCoreApplication.translate(
                "AttachmentPlaceholder", "Photos, audio and video can be attached in a later version."
            ),
            parent,
        )
    return AttachmentPanel(station, parent, categories=list(categories))
