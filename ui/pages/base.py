"""What every page shares: a title line and a scrollable body with comfortable margins."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("pageTitle")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    return label


# Cards stop growing here: short forms on a wide screen stay readable instead of stretching.
CARD_MAX_WIDTH = 860


def make_card() -> QFrame:
    frame = QFrame()
    frame.setObjectName("card")
    frame.setMaximumWidth(CARD_MAX_WIDTH)
    return frame


def muted_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("mutedText")
    label.setWordWrap(True)
    return label


class Page(QScrollArea):
    """A page: ``self.body`` is the vertical layout under the title; content scrolls on small screens."""

    def __init__(self, parent: QWidget | None = None, title: str = "") -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner.setObjectName("pageBody")
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(24, 16, 24, 16)  # as the list pages: titles stay put between pages
        self.body.setSpacing(14)
        self.title = title_label(title)
        self.body.addWidget(self.title)
        self.setWidget(inner)

    def finish(self) -> None:
        """Push the content to the top (call after adding it)."""
        self.body.addStretch(1)
