"""Huimin Desktop entry point.

python main.py [--data DIR] [--lang zh_CN|en]      the GUI
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


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if _wants_command_line(argv):
        from huimin_desktop.cli import main as cli_main

        return cli_main(argv)
    options = _gui_arguments(argv)
    from ui.app import run_gui

    return run_gui(data_dir=options.data, language=options.lang, smoke_startup=options.smoke_startup)


if __name__ == "__main__":
    sys.exit(main())
