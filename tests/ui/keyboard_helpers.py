"""A keyboard that counts its presses, for the keyboard-entry tests (no test here).

Keys go where Qt sends a real keyboard's: to the open popup (a completer's list) if there is one, else
to the focused widget. Chinese is typed as an input method delivers it and costs what a cadre types for
it: the word's pinyin and one key (space) to choose it, so 宝斯鲁 costs len("baosilu") + 1 = 8.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from huimin_desktop.domain.search import pinyin_keys

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def settle(rounds: int = 3) -> None:
    for _ in range(rounds):  # completer popups and delegate commits go through queued calls
        QCoreApplication.processEvents()


class Keyboard:
    """``presses`` counts every key (a chord such as Ctrl+S is one press); ``log`` says which."""

    def __init__(self) -> None:
        self.presses = 0
        self.log: list[str] = []

    def target(self) -> QWidget:
        popup = QApplication.activePopupWidget()
        if popup is not None:
            return popup.focusWidget() or popup
        widget = QApplication.focusWidget()
        assert widget is not None, "no widget has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = NO_MODIFIER, text: str = "") -> None:
        self.presses += 1
        self.log.append(text or QKeyEvent(QEvent.Type.KeyPress, key, modifiers).keyCombination().key().name)
        target = self.target()
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QCoreApplication.sendEvent(target, QKeyEvent(kind, key, modifiers, text))
        settle()

    def type(self, text: str) -> None:
        """ASCII key by key; each run of Chinese characters as one input-method word."""
        run = ""
        for char in text + "\0":
            if char != "\0" and not char.isascii():
                run += char
                continue
            if run:
                self._chinese(run)
                run = ""
            if char != "\0":
                key = Qt.Key(ord(char.upper())) if char.isalnum() else Qt.Key.Key_unknown
                self.press(key, NO_MODIFIER, char)

    def _chinese(self, word: str) -> None:
        cost = len(pinyin_keys(word)[0]) + 1
        self.presses += cost
        self.log.append(f"{word}({cost})")
        target = self.target()
        QCoreApplication.sendEvent(target, QInputMethodEvent("pinyin", []))
        event = QInputMethodEvent()
        event.setCommitString(word)
        QCoreApplication.sendEvent(self.target(), event)
        settle()

    def enter(self, times: int = 1) -> None:
        for _ in range(times):
            self.press(Qt.Key.Key_Return)

    def tab(self, times: int = 1) -> None:
        for _ in range(times):
            self.press(Qt.Key.Key_Tab)
