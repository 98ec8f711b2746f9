"""Interface language: choosing it and installing the translators (Chinese by default).

Source strings in ``ui/`` are English; ``resources/translations/huimin_zh_CN.ts`` holds the Chinese and is
compiled to ``huimin_zh_CN.qm``. Rebuilding them is ``ui/translation_catalog.py``'s job, kept apart so
that start-up does not import the tooling.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

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
    messages.set_language(messages.ZH)
