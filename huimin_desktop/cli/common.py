"""What every sub-command shares: exit codes, the one-line failure, ``--json`` output, progress."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

from huimin_desktop.errors import ServiceError
from huimin_desktop.progress import TaskState

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
# command(name, help, handler, reports=True) -> the sub-parser, with --data (and --json) already added
AddCommand = Callable[..., argparse.ArgumentParser]


class CommandFailed(ServiceError):
    """A command could not do its work: a Chinese line, or ``code=`` and params from the catalog."""

    code = "command"


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, in the user's language, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: 命令行参数错误：{message}\n")


def emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    """Print ``payload`` as one JSON object with ``--json``, else the human-readable ``text``."""
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False, default=str))
    else:
        print(text)


def progress_printer(args: argparse.Namespace) -> TaskState:
    quiet = getattr(args, "json", False) or not sys.stderr.isatty()

    def show(done: int, total: int, message: str) -> None:
        if not quiet and total:
            print(f"\r{message} {done}/{total}", end="", file=sys.stderr, flush=True)

    return TaskState(show)


def end_progress_line(args: argparse.Namespace) -> None:
    if not getattr(args, "json", False) and sys.stderr.isatty():
        print(file=sys.stderr)


def integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None


def check_output_file(path: str | os.PathLike[str], *, suffix: str | None = None) -> Path:
    """Refuse, before anything is written, an output file that cannot be written where it is asked for.

    The folder must exist, be a folder and be writable, and the path must not itself be a folder: a
    command checks its outputs with this before its transaction, so a failure changes nothing.
    """
    target = Path(path).expanduser().absolute()
    folder = target.parent
    if target.is_dir():
        example = target / f"file{suffix or ''}"
        raise CommandFailed(code="output.is_folder", path=target, example=example)
    if suffix and target.suffix.lower() != suffix:
        raise CommandFailed(code="output.wrong_suffix", path=target, suffix=suffix)
    if not folder.exists():
        raise CommandFailed(code="output.no_folder", folder=folder, path=target)
    if not folder.is_dir():
        raise CommandFailed(code="output.parent_not_folder", folder=folder, path=target)
    if not os.access(folder, os.W_OK | os.X_OK) or _read_only(folder):
        raise CommandFailed(code="output.not_writable", folder=folder, path=target)
    return target


def _read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # Windows has no statvfs: os.access is the check there
        return False
