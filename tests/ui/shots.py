"""What the screenshot scripts (tests/ui/*screenshots.py) share: a scratch application, the township
station they fill, and settle-then-save. Run them under xvfb-run (see the brief); PNGs go to /tmp."""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QSettings, QSize, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from huimin_desktop.services.station import Station
from tests.stations import new_station
from ui import operations
from ui.app import create_application
from ui.i18n import CHINESE, install_translators
from ui.widgets.style import apply_style

TOWNSHIP_CODE = "211381204000"  # 马友营蒙古族乡, 北票市


def shot_arguments(prog: str, argv: list[str] | None, *, households: int | None = None) -> argparse.Namespace:
    """The scripts' command line: the folder for the PNGs (made here), and ``--households`` where asked."""
    parser = argparse.ArgumentParser(prog=prog)
    parser.add_argument("outdir", type=Path)
    if households is not None:
        parser.add_argument("--households", type=int, default=households)
    args = parser.parse_args(argv)
    args.outdir.mkdir(parents=True, exist_ok=True)
    return args


@dataclass
class ShotSession:
    app: QApplication
    scratch: Path  # a temporary folder, gone after the session
    screen: QSize
    size: str  # the screen as "WIDTHxHEIGHT", for file names
    translators: list[QTranslator] = field(default_factory=list)  # kept alive


@contextmanager
def shot_session(
    prefix: str, *, language: str | None = CHINESE, synchronous: bool = True
) -> Iterator[ShotSession]:
    """The styled application (translated when ``language`` is given), its preferences in a scratch
    folder, operations on the calling thread when ``synchronous``."""
    if synchronous:
        operations.set_synchronous(True)
    with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
        scratch = Path(tmp)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(scratch / "settings"))
        app = create_application()
        translators = install_translators(app, language) if language else []
        apply_style(app)
        screen = QGuiApplication.primaryScreen().size()
        yield ShotSession(app, scratch, screen, f"{screen.width()}x{screen.height()}", translators)


def township_station(scratch: Path) -> Station:
    return new_station(
        scratch / "station", level="township", name="马友营蒙古族乡", division_code=TOWNSHIP_CODE
    )


def screen_size() -> tuple[int, int]:
    """The virtual screen less a task bar's height, as a maximised window would be."""
    size = QGuiApplication.primaryScreen().size()
    return size.width(), size.height() - 40


def settle(app: QApplication, rounds: int = 8) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(app: QApplication, widget: QWidget, path: Path) -> None:
    settle(app)
    widget.grab().save(str(path))
    print(path, f"{widget.width()}x{widget.height()}")
