"""The application icon for Windows builds: resources/icons/app.svg drawn at the sizes Explorer uses.

The repository keeps only the SVG; the .ico is made at build time (Qt draws the SVG, Pillow writes the
icon file), so no binary icon is committed and the two never drift apart.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "app.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def write_ico(target: Path, svg: Path = SVG) -> Path:
    """Draw ``svg`` at every size of ICON_SIZES and write them as one .ico file."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise ValueError(f"not a drawable SVG: {svg}")
    biggest = max(ICON_SIZES)
    image = QImage(biggest, biggest, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    picture = Image.open(io.BytesIO(bytes(buffer.data())))
    target.parent.mkdir(parents=True, exist_ok=True)
    picture.save(target, format="ICO", sizes=[(size, size) for size in ICON_SIZES])
    return target


def windows_icon(build_dir: Path) -> str | None:
    """The .ico for the executables on Windows (None elsewhere: Linux executables carry no icon)."""
    if sys.platform != "win32":
        return None
    return str(write_ico(build_dir / "huimin-desktop.ico"))


if __name__ == "__main__":
    print(write_ico(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "huimin-desktop.ico"))
