"""Interface language: choosing it and installing the translators (Chinese by default).

Source strings in ``ui/`` are English; ``resources/translations/huimin_zh_CN.ts`` holds the Chinese and is
compiled to ``huimin_zh_CN.qm``. Rebuilding them is ``ui/translation_catalog.py``'s job, kept apart so
that start-up does not import the tooling.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLibraryInfo, QLocale, QTranslator

from huimin_desktop import messages
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
# Qt's own catalogs for what we show of Qt's words: qtbase (standard buttons, QDialogButtonBox, the
# QLineEdit / QTextEdit context menu, QFileDialog, QPrintPreviewDialog, QColorDialog …) and qtmultimedia
# (the player's and recorder's error strings the attachment windows show, on the Windows backend).
QT_CATALOGS = ("qtbase", "qtmultimedia")
# Qt's own words qtbase_zh_CN leaves in English (the non-native file dialog's labels): our catalog,
# installed after Qt's and so asked first, translates them in Qt's own context.
QT_WORDS_OUR_CATALOG_TRANSLATES = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


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
    messages.set_language(messages.EN if language == ENGLISH else messages.ZH)  # the core's error words
    if language != CHINESE:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return installed
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    catalogs = [(f"{name}_{CHINESE}", qt_translations_dir()) for name in QT_CATALOGS]
    for name, folder in [*catalogs, (f"{CATALOG}_{CHINESE}", TRANSLATIONS_DIR)]:
        translator = QTranslator(app)
        if translator.load(name, str(folder)):
            app.installTranslator(translator)
            installed.append(translator)
    return installed


def qt_translations_dir() -> Path:
    """Where Qt's own .qm files are: Qt's translations path, or in a PyInstaller build the folder its
    PySide6 hook copies them to (PySide6/Qt/translations, PySide6/translations on Windows)."""
    reported = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is None or (reported / f"qtbase_{CHINESE}.qm").is_file():
        return reported
    pyside = Path(bundle) / "PySide6"
    for folder in (pyside / "Qt" / "translations", pyside / "translations"):
        if (folder / f"qtbase_{CHINESE}.qm").is_file():
            return folder
    return reported


def loaded_catalogs(translators: list[QTranslator]) -> list[str]:
    """The file names the translators came from (qtbase_zh_CN.qm …): the smoke test of the build
    checks Qt's own catalog is among them."""
    return [Path(translator.filePath()).name for translator in translators]


def remove_translators(app: QCoreApplication, translators: list[QTranslator]) -> None:
    for translator in translators:
        app.removeTranslator(translator)
    messages.set_language(messages.ZH)
