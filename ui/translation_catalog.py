"""Rebuilding the translation catalog (a developer tool; the program never imports it).

After changing strings in ``ui/``::

    .venv/bin/python -m ui.translation_catalog --update     # pyside6-lupdate over ui/, then lrelease

then fill every new ``<translation type="unfinished">`` in the .ts (Qt Linguist or any editor) and run
it again; the command reports how many messages are still unfinished.

When several people add screens at once, each keeps the Chinese for their new strings in their own
``resources/translations/incoming/NAME.tsv`` (one ``context<TAB>source<TAB>translation`` per line, ``\\n``
for a line break) instead of editing the shared .ts; ``--update --fill`` then takes them in and deletes
the files it used up.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from ui.i18n import CHINESE, QM_FILE, TS_FILE, UI_DIR

__all__ = ["CHINESE", "QM_FILE", "TS_FILE", "lrelease", "lupdate", "ui_sources", "unfinished_messages"]


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


INCOMING_DIR = TS_FILE.parent / "incoming"


def _unescape(text: str) -> str:
    return text.replace("\\n", "\n").replace("\\t", "\t")


def incoming_translations(folder: Path = INCOMING_DIR) -> dict[tuple[str, str], str]:
    """(context, source) → translation from every ``*.tsv`` in ``folder``."""
    found: dict[tuple[str, str], str] = {}
    for tsv in sorted(folder.glob("*.tsv")):
        for number, line in enumerate(tsv.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                raise SystemExit(f"{tsv.name}:{number}: expected context, source and translation")
            context, source, translation = (_unescape(part) for part in parts)
            found[(context, source)] = translation
    return found


def fill_from_incoming(ts_file: Path = TS_FILE, folder: Path = INCOMING_DIR) -> int:
    """Fill unfinished messages from the incoming files; returns how many were filled."""
    incoming = incoming_translations(folder)
    if not incoming:
        return 0
    tree = ET.parse(ts_file)
    filled = 0
    for context in tree.getroot().iter("context"):
        context_name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            key = (context_name, message.findtext("source", ""))
            if translation is None or translation.get("type") != "unfinished" or key not in incoming:
                continue
            translation.text = incoming[key]
            del translation.attrib["type"]
            filled += 1
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ui.translation_catalog", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--update", action="store_true", help="run lupdate over ui/ and lrelease")
    parser.add_argument(
        "--fill", action="store_true", help=f"take translations from {INCOMING_DIR.name}/*.tsv"
    )
    args = parser.parse_args(argv)
    if args.update:
        lupdate()
    if args.fill:
        print(f"filled {fill_from_incoming()} message(s) from {INCOMING_DIR.name}/")
        lupdate()  # lupdate rewrites the file in its own layout
        if not unfinished_messages():
            for tsv in INCOMING_DIR.glob("*.tsv"):
                tsv.unlink()
    if args.update or args.fill:
        lrelease()
    missing = unfinished_messages()
    for line in missing:
        print(f"unfinished: {line}")
    print(f"{TS_FILE.name}: {len(missing)} unfinished message(s)")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
