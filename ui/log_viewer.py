"""Help → 错误日志…: the failure logs a real bug left (services/failure_logs.py), for an administrator or a
support person at the administrator's login. A list (time, where, command, error) and the chosen log's
text, which Copy puts on the clipboard; the logs stay sealed on disk (the command line's ``huimin logs
export --reason`` writes a clear copy, audited)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.services.failure_logs import CLI, FailureLog
from huimin_desktop.services.station import Station


class LogViewer(QDialog):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.station = station
        self.logs: list[FailureLog] = station.failure_logs.entries()
        self.setWindowTitle(self.tr("Failure logs"))
        self.resize(980, 600)
        intro = QLabel(
            self.tr(
                "What went wrong inside the program, newest first: send the text to support when they ask. "
                "The logs may quote the station's data, so they are kept encrypted in {path}."
            ).format(path=station.failure_logs.folder)
        )
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self.logs), 4)
        self.table.setObjectName("failureLogList")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Time"), self.tr("Where"), self.tr("Command"), self.tr("Error")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for row, log in enumerate(self.logs):
            self._fill_row(row, log)
        self.table.setColumnWidth(2, 260)
        self.text = QPlainTextEdit()
        self.text.setObjectName("failureLogText")
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        font = self.text.font()
        font.setFamilies(["Consolas", "DejaVu Sans Mono", "monospace"])
        self.text.setFont(font)
        self.empty = QLabel(self.tr("No failure logs: nothing has gone wrong inside the program."))
        self.empty.setObjectName("mutedText")
        self.empty.setVisible(not self.logs)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.text)
        splitter.setSizes([220, 380])
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("Copy"))
        self.copy_button.setObjectName("copyFailureLog")
        self.copy_button.clicked.connect(self.copy)
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.buttons)
        self.table.currentCellChanged.connect(lambda row, *_: self.show_log(row))
        if self.logs:
            self.table.selectRow(0)
            self.show_log(0)
        self.copy_button.setEnabled(bool(self.logs))

    def _fill_row(self, row: int, log: FailureLog) -> None:
        where = self.tr("command line") if log.source == CLI else self.tr("window")
        cells = [log.at.strftime("%Y-%m-%d %H:%M:%S"), where, log.command or "-", log.error]
        for column, value in enumerate(cells):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            self.table.setItem(row, column, item)

    def show_log(self, row: int) -> None:
        if 0 <= row < len(self.logs):
            self.text.setPlainText(self.logs[row].text)

    def copy(self) -> None:
        """The shown log's text on the clipboard (for an e-mail or a chat with support)."""
        QGuiApplication.clipboard().setText(self.text.toPlainText())
