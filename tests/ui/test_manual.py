"""The user manual's pictures: every one a chapter shows is there (a small PNG), none is left over, the
generator (tests/ui/manual_shots.py) makes exactly this set, and the manual window shows them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QPixmap, QTextDocument, QTextImageFormat
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from huimin_desktop.paths import MANUAL_DIR
from tests.ui import manual_shots
from ui.manual_window import ManualWindow

PICTURE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
TOTAL_BYTES = 2_500 * 1024


def chapters() -> list[Path]:
    return sorted(MANUAL_DIR.glob("*.md"))


def pictures_shown() -> dict[str, list[str]]:
    """Each picture path a chapter shows (relative to docs/manual/) → the chapters that show it."""
    shown: dict[str, list[str]] = {}
    for chapter in chapters():
        for _alt, path in PICTURE.findall(chapter.read_text(encoding="utf-8")):
            shown.setdefault(path, []).append(chapter.name)
    return shown


def test_every_picture_a_chapter_shows_is_a_small_png_in_images() -> None:
    shown = pictures_shown()
    assert len(shown) >= 20  # the manual has its screenshots
    for path, pages in shown.items():
        file = MANUAL_DIR / path
        assert path.startswith("images/") and path.endswith(".png"), f"{pages}: {path}"
        assert file.is_file(), f"{pages}: {path} is missing"
        assert file.read_bytes()[:8] == PNG_SIGNATURE, f"{path} is not a PNG"
        with Image.open(file) as image:
            assert image.format == "PNG" and image.width >= 100 and image.height >= 100
        assert file.stat().st_size <= manual_shots.MAX_BYTES, f"{path}: {file.stat().st_size} bytes"
    assert sum((MANUAL_DIR / p).stat().st_size for p in shown) <= TOTAL_BYTES


def test_no_picture_in_images_is_left_unshown() -> None:
    files = {f"images/{p.name}" for p in (MANUAL_DIR / "images").iterdir()}
    assert files == set(pictures_shown())


def test_every_picture_has_a_caption_under_it() -> None:
    """Markdown's alt text is not shown in the window: each picture is followed by its caption, 图 n-m,
    n the chapter's number and m counting up from 1."""
    for chapter in chapters():
        text = chapter.read_text(encoding="utf-8")
        numbers = []
        for match in PICTURE.finditer(text):
            caption = re.match(r"\*图 (\d+)-(\d+)　\S", text[match.end() :].lstrip())
            assert caption, f"{chapter.name}: {match.group(2)} has no caption"
            numbers.append((int(caption.group(1)), int(caption.group(2))))
        number = int(chapter.name[:2]) if chapter.name[:2].isdigit() else 0
        assert numbers == [(number, m) for m in range(1, len(numbers) + 1)], chapter.name


def test_the_generator_makes_exactly_the_manuals_pictures() -> None:
    """Regenerating (python -m tests.ui.manual_shots) rewrites every picture and adds none."""
    assert {f"images/{name}.png" for name in manual_shots.SHOTS} == set(pictures_shown())
    assert {shot.scene for shot in manual_shots.SHOTS.values()} <= set(manual_shots.SCENES)
    assert manual_shots.IMAGES_DIR == MANUAL_DIR / "images"


def test_the_generator_makes_a_small_png_of_the_real_dialog(
    qapp: QApplication, tmp_path: Path, chinese: str, sync_operations: None
) -> None:
    """The cheap scene, for real: the welcome dialog and the recovery code, grabbed, quantized, written."""
    out = tmp_path / "images"
    out.mkdir()
    sizes = manual_shots.take(qapp, ["first-start", "recovery-code"], out, tmp_path)
    assert sorted(p.name for p in out.iterdir()) == ["first-start.png", "recovery-code.png"]
    for name, size in sizes.items():
        file = out / f"{name}.png"
        assert file.stat().st_size == size <= manual_shots.MAX_BYTES
        with Image.open(file) as image:
            assert image.mode == "P"  # a palette: small
            assert image.width > 300 and image.height > 100
            colours = image.convert("RGB").getcolors(256)
            assert colours is not None and len(colours) > 8  # a real picture, not a blank grab


def image_resource(window: ManualWindow, name: str) -> QImage | None:
    resource = window.browser.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
    if isinstance(resource, QPixmap):
        return resource.toImage()
    return resource if isinstance(resource, QImage) else None


def document_pictures(window: ManualWindow) -> list[str]:
    names = []
    block = window.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                names.append(QTextImageFormat(fmt).name())
            it += 1
        block = block.next()
    return names


@pytest.mark.parametrize("width", [1100, 620])
def test_the_manual_window_shows_a_chapters_pictures(qtbot: QtBot, chinese: str, width: int) -> None:
    window = ManualWindow(MANUAL_DIR / "index.md")
    qtbot.addWidget(window)
    window.resize(width, 700)
    window.show()
    qtbot.waitExposed(window)
    window.browser.setSource(QUrl("03-households.md"))  # as the link in the contents opens it
    assert "农户信息" in window.browser.toPlainText()
    names = document_pictures(window)
    chapter = (MANUAL_DIR / "03-households.md").read_text(encoding="utf-8")
    assert names == [path for _alt, path in PICTURE.findall(chapter)] and len(names) >= 3
    window.browser.verticalScrollBar().setValue(window.browser.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: image_resource(window, names[-1]) is not None)
    for name in names:
        image = image_resource(window, name)
        assert image is not None and not image.isNull(), name
        natural = QImage(str(MANUAL_DIR / name))
        # 1:1 where the page is wide enough, else scaled down to the page: no sideways scrolling.
        assert image.width() == min(natural.width(), window.browser.page_width()), name
        assert image.height() > 0
    assert window.browser.horizontalScrollBar().maximum() == 0


def test_pictures_fit_again_when_the_window_narrows(qtbot: QtBot, chinese: str) -> None:
    window = ManualWindow(MANUAL_DIR / "03-households.md")
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: image_resource(window, "images/households.png") is not None)
    wide = image_resource(window, "images/households.png")
    assert wide is not None and wide.width() == QImage(str(MANUAL_DIR / "images/households.png")).width()
    window.resize(640, 700)
    qtbot.waitUntil(
        lambda: (
            (image := image_resource(window, "images/households.png")) is not None
            and image.width() == window.browser.page_width()
            and image.width() < wide.width()
        )
    )
    assert window.browser.horizontalScrollBar().maximum() == 0


def test_the_built_program_ships_the_pictures() -> None:
    """build.spec's datas take docs/manual whole, and PyInstaller copies a folder with its subfolders: each
    picture lands in the built folder beside its chapter, where the manual window looks for it."""
    # scripts/test.sh installs the build tools before pytest; a partial run without them skips
    utils = pytest.importorskip("PyInstaller.building.utils")
    format_binaries_and_datas = utils.format_binaries_and_datas

    spec = (MANUAL_DIR.parent.parent / "build.spec").read_text(encoding="utf-8")
    assert '(str(ROOT / "docs/manual"), "docs/manual")' in spec
    built = {
        Path(dest).as_posix()
        for dest, _source in format_binaries_and_datas([(str(MANUAL_DIR), "docs/manual")])
    }
    for path in pictures_shown():
        assert f"docs/manual/{path}" in built
