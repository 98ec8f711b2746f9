"""Interface language: choosing it, installing the translators, and rebuilding the translation files.

Source strings in ``ui/`` are English; ``resources/translations/huimin_zh_CN.ts`` holds the Chinese and is
compiled to ``huimin_zh_CN.qm``. Chinese is the default. To rebuild after changing strings::

    .venv/bin/python -m ui.i18n --update     # pyside6-lupdate over ui/, then pyside6-lrelease

then fill every new ``<translation type="unfinished">`` in the .ts (Qt Linguist or any editor) and run
it again; the command reports how many messages are still unfinished.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from huimin_desktop.paths import TRANSLATIONS_DIR
from ui import preferences

CHINESE = "zh_CN"
ENGLISH = "en"
# Each language named in itself: a user who cannot read the current language still finds their own.
LANGUAGE_NAMES = {CHINESE: "中文", ENGLISH: "English"}
CATALOG = "huimin"
UI_DIR = Path(__file__).resolve().parent
TS_FILE = TRANSLATIONS_DIR / f"{CATALOG}_{CHINESE}.ts"
QM_FILE = TRANSLATIONS_DIR / f"{CATALOG}_{CHINESE}.qm"


def normalize_language(language: str | None) -> str | None:
    if not language:
        return None
    return ENGLISH if language.lower().startswith("en") else CHINESE


def choose_language(explicit: str | None) -> str:
    """``--lang`` wins, then the saved preference, then Chinese."""
    return (
        normalize_language(explicit) or normalize_language(preferences.read(preferences.LANGUAGE)) or CHINESE
    )


def install_translators(app: QCoreApplication, language: str) -> list[QTranslator]:
    """Install our catalog and Qt's own (standard buttons, dialogs) for ``language``.

    English needs nothing: the source strings are English. The translators are returned so the caller
    keeps them alive as long as the application.
    """
    installed: list[QTranslator] = []
    if language != CHINESE:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{CHINESE}", qt_dir), (f"{CATALOG}_{CHINESE}", str(TRANSLATIONS_DIR))):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)


# -- rebuilding the catalog -------------------------------------------------------------------------


def _tool(name: str) -> str:
    beside_python = Path(sys.executable).with_name(name)
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found (it comes with PySide6)")
    return found


def ui_sources() -> list[Path]:
    return sorted(p for p in UI_DIR.rglob("*.py") if "__pycache__" not in p.parts)


def lupdate(ts_file: Path = TS_FILE) -> None:
    sources = [str(p) for p in ui_sources()]
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *sources,
            "-locations",
            "none",
            "-no-obsolete",
            "-source-language",
            "en",
            "-target-language",
            CHINESE,
            "-ts",
            str(ts_file),
        ],
        check=True,
    )


def lrelease(ts_file: Path = TS_FILE, qm_file: Path = QM_FILE) -> None:
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", "-removeidentical", str(ts_file), "-qm", str(qm_file)],
        check=True,
    )


def unfinished_messages(ts_file: Path = TS_FILE) -> list[str]:
    """Source texts whose translation is missing, unfinished or empty."""
    missing = []
    for context in ET.parse(ts_file).getroot().iter("context"):
        context_name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if (
                translation is None
                or translation.get("type") in ("unfinished", "obsolete", "vanished")
                or not (translation.text or "").strip()
            ):
                missing.append(f"{context_name}: {message.findtext('source', '')}")
    return missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.i18n", description=__doc__.splitlines()[0])
    parser.add_argument("--update", action="store_true", help="run lupdate over ui/ and lrelease")
    args = parser.parse_args(argv)
    if args.update:
        lupdate()
        lrelease()
    missing = unfinished_messages()
    for line in missing:
        print(f"unfinished: {line}")
    print(f"{TS_FILE.name}: {len(missing)} unfinished message(s)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
