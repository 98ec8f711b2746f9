"""The translations still waiting in resources/translations/incoming/*.tsv, compiled for the GUI tests.

While several people add strings at once, each puts the Chinese of their new strings in their own
incoming/NAME.tsv, and the lead merges them into huimin_zh_CN.ts/.qm at the end (see the brief). Until
then a Chinese-mode test would see the English source of a string that already has its Chinese; the
``chinese`` fixture (tests/ui/conftest.py) installs this catalog as well, so the tests see what the
program will show. Once the incoming files are merged (and removed) there is nothing to install.
"""

from __future__ import annotations

import functools
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from ui import translation_catalog
from ui.i18n import CHINESE


def _write_ts(translations: dict[tuple[str, str], str], target: Path) -> None:
    root = ET.Element("TS", version="2.1", language=CHINESE)
    contexts: dict[str, ET.Element] = {}
    for (context, source), translation in sorted(translations.items()):
        if context not in contexts:
            contexts[context] = ET.SubElement(root, "context")
            ET.SubElement(contexts[context], "name").text = context
        message = ET.SubElement(contexts[context], "message")
        ET.SubElement(message, "source").text = source
        ET.SubElement(message, "translation").text = translation
    ET.ElementTree(root).write(target, encoding="utf-8", xml_declaration=True)


@functools.cache
def pending_catalog() -> bytes | None:
    """incoming/*.tsv as the bytes of a .qm (None when nothing is waiting); compiled once a run."""
    translations = translation_catalog.incoming_translations()
    if not translations:
        return None
    with tempfile.TemporaryDirectory(prefix="huimin-pending-") as folder:
        ts, qm = Path(folder) / "pending.ts", Path(folder) / "pending.qm"
        _write_ts(translations, ts)
        lrelease = translation_catalog._tool("pyside6-lrelease")
        subprocess.run([lrelease, str(ts), "-qm", str(qm)], check=True, capture_output=True)
        return qm.read_bytes()


def install_pending(app: QCoreApplication) -> QTranslator | None:
    """Install the pending catalog after the others (so it is asked first); None when there is none."""
    catalog = pending_catalog()
    if catalog is None:
        return None
    translator = QTranslator(app)
    translator._catalog = catalog  # type: ignore[attr-defined]  # load() keeps a pointer to the bytes
    if not translator.load(catalog):
        raise AssertionError("the incoming translations did not compile to a catalog")
    app.installTranslator(translator)
    return translator
