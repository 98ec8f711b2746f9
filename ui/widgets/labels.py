"""The labels screens are made of: a page's title, a section's title, a grey explanation."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def title_label(text: str) -> QLabel:
    """A page's or dialog page's title, large and bold."""
    label = QLabel(text)
    label.setObjectName("pageTitle")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.6)
    font.setBold(True)
    label.setFont(font)
    return label


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionTitle")
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 1.1)
    label.setFont(font)
    return label


def muted_label(text: str = "") -> QLabel:
    """Grey, wrapping text: an explanation or a summary line."""
    label = QLabel(text)
    label.setObjectName("mutedText")
    label.setWordWrap(True)
    return label
