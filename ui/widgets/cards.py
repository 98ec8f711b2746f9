"""The white panel an editor's sections sit in."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout

from ui.widgets.labels import section_title


def card(title: str = "") -> tuple[QFrame, QVBoxLayout]:
    """A white panel with an optional bold title; returns the frame and its layout."""
    frame = QFrame()
    frame.setObjectName("editorCard")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    if title:
        layout.addWidget(section_title(title))
    return frame, layout
