"""Making a button its dialog's default (Enter) even when it was created before it belonged to the dialog.

Pages of a QStackedWidget are usually built unparented, so ``setDefault(True)`` at build time sets only the
button's flag: the dialog never learns it and, when shown, makes the first auto-default button in the
focus chain (say "Look again") the default instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QPushButton, QStackedWidget


def make_default(button: QPushButton) -> None:
    # setDefault(True) does nothing when the flag is already set: clear it first so the dialog hears it.
    button.setDefault(False)
    button.setDefault(True)


def follow_pages(stack: QStackedWidget, defaults: Sequence[QPushButton]) -> None:
    """Page ``i``'s default button is ``defaults[i]``; call once the stack sits in its dialog."""
    stack.currentChanged.connect(lambda index: make_default(defaults[index]))
    make_default(defaults[stack.currentIndex()])
