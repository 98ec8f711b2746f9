"""Huimin Desktop entry point.

python main.py [--data DIR] [--lang zh|en]         the GUI
python main.py COMMAND [--data DIR] ...              the command line (python main.py --help)
"""

from __future__ import annotations

import argparse
import sys


def _gui_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="huimin", add_help=False)
    parser.add_argument("--data", default=None)
    parser.add_argument("--lang", default=None)
    # For benchmarks and smoke tests: exit as soon as the main window has been shown.
    parser.add_argument("--smoke-startup", action="store_true")
    # The same, but the user's path: the login dialog (HUIMIN_USER ignored); exit once it has been shown.
    parser.add_argument("--smoke-login", action="store_true")
    return parser.parse_args(argv)


def _wants_command_line(argv: list[str]) -> bool:
    """A positional word (a sub-command) or --help/--version means the CLI; GUI options alone mean GUI."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in ("--data", "--lang"):
            index += 2
            continue
        if arg in ("-h", "--help", "--version") or not arg.startswith("-"):
            return True
        index += 1
    return False


def _skip_pyside_source_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it.

    Once imported, PySide6 calls ``inspect.getsource`` on each newly imported module to see whether its
    text mentions "PySide6", which matters only to modules that opt in to ``from __feature__ import
    snake_case``; this program has none. Reading the ~600 source files the GUI imports cost about half a
    millisecond each, 0.2–0.4 s of a start on a busy two-core machine, so every module is answered "does
    not use it" (PySide's own answer for modules without source) without reading anything.
    """
    import PySide6.QtCore  # noqa: F401 - installs the import hook adjusted here

    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
        feature._mod_uses_pyside = lambda _module: False


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if _wants_command_line(argv):
        from huimin_desktop.cli import main as cli_main

        return cli_main(argv)
    options = _gui_arguments(argv)
    _skip_pyside_source_scan()
    from ui.app import run_gui

    return run_gui(
        data_dir=options.data,
        language=options.lang,
        smoke_startup=options.smoke_startup or options.smoke_login,
        smoke_login=options.smoke_login,
    )


if __name__ == "__main__":
    sys.exit(main())
