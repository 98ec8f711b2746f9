"""The user manual in a window of its own: docs/manual/*.md in a QTextBrowser, with back and contents."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget


class ManualWindow(QDialog):
    def __init__(self, index: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User manual"))
        self.resize(900, 680)
        self.index = index
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)  # a web address in the text opens the browser, if any
        back = QPushButton(self.tr("Back"))
        back.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(back.setEnabled)
        back.setEnabled(False)
        contents = QPushButton(self.tr("Contents"))
        contents.clicked.connect(self.show_contents)
        buttons = QHBoxLayout()
        buttons.addWidget(back)
        buttons.addWidget(contents)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.browser, 1)
        self.show_contents()

    def show_contents(self) -> None:
        if self.index.is_file():
            self.browser.setSource(
                QUrl.fromLocalFile(str(self.index)), QTextDocument.ResourceType.MarkdownResource
            )
        else:
            self.browser.setPlainText(
                self.tr("The manual is missing from this installation: {path}").format(path=self.index)
            )
