"""One editor window per record: the household, project and training editors share this bookkeeping,
and the pieces every editor window has (its heading, its draft banner, its scrolling body, its message
area and buttons, its layout, its size on the screen).

Opening a record that already has a window raises that window instead of making a second one (two
windows on one record would save over each other). The main window asks for every open editor when
the station changes or the program quits, so that each can close keeping its draft.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontMetrics, QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

EditorT = TypeVar("EditorT", bound=QWidget)


class EditorWindows(Generic[EditorT]):
    def __init__(self, record_id: Callable[[EditorT], str | None]) -> None:
        """``record_id(editor)`` is the id of the record an editor shows (None while it is new)."""
        self._record_id = record_id
        self._by_record: dict[str, EditorT] = {}
        self._all: set[EditorT] = set()

    def all(self) -> list[EditorT]:
        """Editor windows still open."""
        return list(self._all)

    def raise_existing(self, record_id: str | None) -> EditorT | None:
        """The open window of ``record_id``, brought to the front; None when there is none."""
        editor = self._by_record.get(record_id) if record_id is not None else None
        if editor is not None:
            _bring_to_front(editor)
        return editor

    def remember(self, editor: EditorT) -> None:
        """File ``editor`` under its record's id (again after a new record's first save)."""
        self._forget_id(editor)
        record_id = self._record_id(editor)
        if record_id is not None:
            self._by_record[record_id] = editor

    def show(self, editor: EditorT) -> EditorT:
        """Track a new editor window until it closes, and show it."""
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.remember(editor)
        self._all.add(editor)

        def forget() -> None:
            self._all.discard(editor)
            self._forget_id(editor)

        editor.destroyed.connect(lambda *_: forget())
        finished = getattr(editor, "finished", None)
        if finished is not None:
            finished.connect(lambda *_: forget())
        _bring_to_front(editor)
        return editor

    def _forget_id(self, editor: EditorT) -> None:
        for key, value in list(self._by_record.items()):
            if value is editor:
                del self._by_record[key]


def _bring_to_front(window: QWidget) -> None:
    window.show()
    window.raise_()
    window.activateWindow()


def editor_heading() -> QLabel:
    """The record's title at the top of an editor, half as large again as the text."""
    heading = QLabel()
    heading.setObjectName("sectionTitle")
    font = heading.font()
    font.setPointSizeF(font.pointSizeF() * 1.45)
    heading.setFont(font)
    return heading


def draft_banner(on_link: Callable[[str], None]) -> QLabel:
    """The hidden banner that says a draft was restored; its links (discard, …) go to ``on_link``."""
    banner = QLabel()
    banner.setObjectName("draftBanner")
    banner.setWordWrap(True)
    banner.setTextFormat(Qt.TextFormat.RichText)
    banner.linkActivated.connect(on_link)
    banner.hide()
    return banner


def fit_to_screen(window: QWidget, *, largest: QSize, smallest: QSize, without_screen: QSize) -> None:
    """Size ``window`` to its screen (at most ``largest``, at least ``smallest`` where the screen allows)
    and centre it; ``without_screen`` when there is none (offscreen tests)."""
    parent = window.parentWidget()
    screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(without_screen)
        return
    available = screen.availableGeometry()
    # Room for the window frame and title bar: at 1366×768 the window stays within 1300×700.
    size = QSize(min(largest.width(), available.width() - 66), min(largest.height(), available.height() - 68))
    window.setMinimumSize(QSize(min(smallest.width(), size.width()), min(smallest.height(), size.height())))
    window.resize(size)
    frame = window.frameGeometry()
    frame.moveCenter(available.center())
    window.move(frame.topLeft())


def editor_body() -> tuple[QScrollArea, QVBoxLayout]:
    """The scrolling middle of an editor window and the layout its cards go in."""
    body = QWidget()
    body.setObjectName("editorBody")
    layout = QVBoxLayout(body)
    layout.setContentsMargins(16, 8, 16, 12)
    layout.setSpacing(12)
    scroll_area = QScrollArea()
    scroll_area.setWidgetResizable(True)
    scroll_area.setFrameShape(QFrame.Shape.NoFrame)
    scroll_area.setWidget(body)
    return scroll_area, layout


def message_area() -> QLabel:
    """The hidden box above the buttons that lists why a save was refused."""
    area = QLabel()
    area.setObjectName("messageArea")
    area.setWordWrap(True)
    area.setTextFormat(Qt.TextFormat.RichText)
    area.hide()
    return area


def editor_button(text: str, metrics: QFontMetrics) -> QPushButton:
    """A button of the editor's bottom row: never the default (Enter moves between fields), and wide
    enough for its text with room to spare."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setDefault(False)
    button.setMinimumWidth(metrics.horizontalAdvance(text) + 36)
    return button


def lay_out_editor(
    window: QWidget,
    top: Sequence[QWidget],
    body: QScrollArea,
    bottom: Sequence[QWidget | QLayout],
    *,
    top_spacing: int | None = None,
) -> None:
    """The editor window: ``top`` (heading, banner) above the scrolling ``body``, ``bottom`` (messages,
    buttons) under it."""
    top_layout = QVBoxLayout()
    top_layout.setContentsMargins(20, 12, 20, 0)
    if top_spacing is not None:
        top_layout.setSpacing(top_spacing)
    for widget in top:
        top_layout.addWidget(widget)
    bottom_layout = QVBoxLayout()
    bottom_layout.setContentsMargins(20, 6, 20, 12)
    bottom_layout.setSpacing(8)
    for part in bottom:
        if isinstance(part, QLayout):
            bottom_layout.addLayout(part)
        else:
            bottom_layout.addWidget(part)
    layout = QVBoxLayout(window)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(0)
    layout.addLayout(top_layout)
    layout.addWidget(body, 1)
    layout.addLayout(bottom_layout)
