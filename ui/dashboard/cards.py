"""The dashboard's figure cards: a caption, one big number, a line of context, an optional bar."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QSizePolicy, QVBoxLayout, QWidget

# Local to the dashboard (its page sets it), so the look does not depend on the application sheet.
DASHBOARD_STYLE = """
#dashboardBody { background: #f4f6f9; }
#figureCard {
    background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; text-align: left; padding: 0;
}
#figureCard:hover { border: 1px solid #7aa7d6; background: #fbfdff; }
#figureCard:focus { border: 1px solid #1f5f99; }
#figureCaption { color: #4a5868; }
#figureValue { color: #0d4a80; font-weight: bold; }
#figureValue[tone="good"] { color: #2e7d32; }
#figureValue[tone="short"] { color: #b26a00; }
#figureDetail { color: #5b6777; }
#chartCard, #tableCard { background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; }
#panelTitle { color: #14324f; font-weight: bold; }
#chartWaiting { color: #8a96a3; }
QProgressBar#figureBar { border: none; background: #e7ecf2; border-radius: 3px; max-height: 6px; }
QProgressBar#figureBar::chunk { background: #2f7bc4; border-radius: 3px; }
QProgressBar#figureBar[tone="good"]::chunk { background: #43a047; }
"""


class FigureCard(QPushButton):
    """A clickable card (Enter or Space when focused, like any button): it opens the matching list."""

    def __init__(self, caption: str, with_bar: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("figureCard")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.caption = QLabel(caption)
        self.caption.setObjectName("figureCaption")
        self.value = QLabel("—")
        self.value.setObjectName("figureValue")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() * 1.9)
        self.value.setFont(font)
        self.detail = QLabel()
        self.detail.setObjectName("figureDetail")
        self.detail.setWordWrap(True)
        self.bar: QProgressBar | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(3)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        if with_bar:
            self.bar = QProgressBar()
            self.bar.setObjectName("figureBar")
            self.bar.setTextVisible(False)
            self.bar.setRange(0, 100)
            layout.addWidget(self.bar)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        for label in (self.caption, self.value, self.detail):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMinimumHeight(112)
        # as tall as the row's tallest card, so the row reads as one band
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def show_figure(self, value: str, detail: str, *, share: float | None = None, tone: str = "") -> None:
        """``share``: the bar's fill (0–1 and beyond; drawn up to full); ``tone``: "good", "short" or ""."""
        self.value.setText(value)
        self.detail.setText(detail)
        self.value.setProperty("tone", tone)
        self.value.style().unpolish(self.value)
        self.value.style().polish(self.value)
        if self.bar is not None:
            self.bar.setValue(round(min(max(share or 0.0, 0.0), 1.0) * 100))
            self.bar.setProperty("tone", tone)
            self.bar.style().unpolish(self.bar)
            self.bar.style().polish(self.bar)
        self.setToolTip("\n".join((self.caption.text(), value, detail)))

    def sizeHint(self) -> QSize:
        """The labels' size (a button's own hint knows only its text, which is empty)."""
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()
