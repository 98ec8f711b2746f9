"""A page that says what will be there, until the issue that builds it arrives."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ui.pages.base import Page, make_card
from ui.widgets.labels import muted_label


class PlaceholderPage(Page):
    def __init__(
        self, title: str, description: str, features: list[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, title)
        intro = QLabel(description)
        intro.setWordWrap(True)
        intro.setObjectName("pageIntro")
        self.body.addWidget(intro)

        card = make_card()
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(18, 14, 18, 14)
        card_layout.setSpacing(8)
        for feature in features:
            line = QLabel(f"•  {feature}")
            line.setWordWrap(True)
            card_layout.addWidget(line)
        self.body.addWidget(card)
        self.coming = muted_label(self.tr("This page is being built and comes with a later version."))
        self.body.addWidget(self.coming)
        self.finish()
