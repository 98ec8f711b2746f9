"""What every page shares: a title line, a scrollable body with comfortable margins, cards."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from ui.widgets.labels import title_label

# Cards stop growing here: short forms on a wide screen stay readable instead of stretching.
CARD_MAX_WIDTH = 860


def make_card() -> QFrame:
    frame = QFrame()
    frame.setObjectName("card")
    frame.setMaximumWidth(CARD_MAX_WIDTH)
    return frame


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
