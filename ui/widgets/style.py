"""The look: a Chinese-friendly font at a readable size, the light style sheet, and the editors' own sheet."""

from __future__ import annotations

from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QApplication

from huimin_desktop.paths import ICONS_DIR

# First installed family wins: Windows (YaHei UI is the hinted UI cut), Linux, macOS, then whatever Qt has.
CJK_FAMILIES = (
    "Microsoft YaHei UI",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "SimHei",
    "SimSun",
)
# 10 pt: 9 pt (the Windows default) makes 乡/多 hard to read on a 1366×768 laptop screen.
BASE_POINT_SIZE = 10.0

STYLE_SHEET = """
#navigation {
    background: #f1f4f8;
    border: none;
    border-right: 1px solid #d6dce4;
    padding-top: 8px;
    outline: 0;
}
#navigation::item {
    padding: 9px 10px;
    margin: 2px 6px;
    border-radius: 6px;
    color: #1d2733;
}
#navigation::item:hover:!selected { background: #e4ebf4; }
#navigation::item:selected { background: #d3e3f5; color: #0d4a80; }
#pageBody { background: #fafbfc; }
#card { background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; }
#mutedText { color: #5b6777; }
#pageTitle { color: #14324f; }
#bigNumber { font-weight: bold; color: #0d4a80; }
#inlineError { color: #b3261e; }
#welcomeTitle { color: #14324f; }
QStatusBar QLabel { padding: 1px 8px; }
"""

# Local to the editor (and its children), so the marks work whatever the application style sheet is.
EDITOR_STYLE = """
#editorCard { background: #ffffff; border: 1px solid #dde3ea; border-radius: 8px; }
#sectionTitle { color: #14324f; font-weight: bold; }
#inlineError { color: #b3261e; }
#inlineWarning { color: #8a5a00; }
#mutedText { color: #5b6777; }
#resultBox { background: #f1f6fc; border: 1px solid #c9daee; border-radius: 6px; }
#resultValue { color: #0d4a80; font-weight: bold; }
#draftBanner { background: #fff7e0; border: 1px solid #ecd28b; border-radius: 6px; padding: 6px 10px; }
#messageArea { background: #fdf1f0; border: 1px solid #efc4c0; border-radius: 6px; padding: 6px 10px; }
#statusText { color: #3c6e3c; }
QLineEdit[mark="error"], QComboBox[mark="error"], QAbstractSpinBox[mark="error"] {
    border: 1px solid #b3261e; border-radius: 3px; background: #fff6f5; padding: 2px 3px;
}
QLineEdit[mark="warning"], QComboBox[mark="warning"] {
    border: 1px solid #c98a00; border-radius: 3px; background: #fffaf0; padding: 2px 3px;
}
"""


def apply_style(app: QApplication) -> None:
    font = QFont(app.font())
    # Qt takes the first installed family of the list (and falls back per glyph along it), so the list
    # is given as it is: asking QFontDatabase which are installed first costs the first paint ~4 ms.
    # YaHei and Noto have good Latin glyphs too: one family keeps digits in ID numbers even.
    font.setFamilies(list(CJK_FAMILIES))
    font.setPointSizeF(max(font.pointSizeF(), BASE_POINT_SIZE))
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)
    app.setWindowIcon(QIcon(str(ICONS_DIR / "app.svg")))
