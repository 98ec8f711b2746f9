"""The user manual in a window of its own: docs/manual/*.md in a QTextBrowser, with back and contents.

The chapters show screenshots (docs/manual/images/, made by tests/ui/manual_shots.py). A picture wider
than the page is scaled down smoothly to fit, and fitted again when the window is resized; the manual's
folder is on the browser's search paths, so a chapter's relative ``images/…`` resolve inside the
program and in the built folder alike.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, Qt, QTimer, QUrl
from PySide6.QtGui import QImage, QPixmap, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

REFIT_DELAY_MS = 200  # a resize settles this long before the pictures are fitted again
MIN_PICTURE_WIDTH = 240


class ManualBrowser(QTextBrowser):
    """A QTextBrowser whose pictures never need a horizontal scroll bar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.fitted_width = 0  # the page width the current pictures were fitted to
        self.refit_timer = QTimer(self)
        self.refit_timer.setSingleShot(True)
        self.refit_timer.setInterval(REFIT_DELAY_MS)
        self.refit_timer.timeout.connect(self.refit_pictures)

    def page_width(self) -> int:
        """The text's width with the vertical scroll bar shown, so that its coming and going (as the
        pictures load) changes nothing."""
        margin = int(self.document().documentMargin())
        scroll_bar = self.verticalScrollBar().sizeHint().width()
        return max(MIN_PICTURE_WIDTH, self.width() - 2 * self.frameWidth() - scroll_bar - 2 * margin - 2)

    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        resource = super().loadResource(kind, url)
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return resource
        image = _as_image(resource)
        if image is None or image.isNull():
            return resource
        self.fitted_width = self.page_width()
        if image.width() > self.fitted_width:
            image = image.scaledToWidth(self.fitted_width, Qt.TransformationMode.SmoothTransformation)
        return image

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitted_width and self.page_width() != self.fitted_width:
            self.refit_timer.start()

    def refit_pictures(self) -> None:
        """Load the page again (its pictures at the new width), where the reader was."""
        bar = self.verticalScrollBar()
        share = bar.value() / bar.maximum() if bar.maximum() else 0.0
        self.reload()
        bar.setValue(round(share * bar.maximum()))


def _as_image(resource: Any) -> QImage | None:
    if isinstance(resource, QImage):
        return resource
    if isinstance(resource, QPixmap):
        return resource.toImage()
    if isinstance(resource, QByteArray | bytes):
        return QImage.fromData(resource)
    return None


class ManualWindow(QDialog):
    def __init__(self, index: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("User manual"))
        self.resize(1150, 700)  # the pictures are at most 1,092 wide: 1:1, on a 1366×768 screen too
        self.index = index
        self.browser = ManualBrowser()
        self.browser.setSearchPaths([str(index.parent)])
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
        self.show_page(self.index)

    def show_page(self, page: Path) -> None:
        if page.is_file():
            self.browser.setSource(QUrl.fromLocalFile(str(page)), QTextDocument.ResourceType.MarkdownResource)
        else:
            self.browser.setPlainText(
                self.tr("The manual is missing from this installation: {path}").format(path=page)
            )
