"""What every sub-command shares: exit codes, the one-line failure, ``--json`` output, progress."""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from huimin_desktop.cli.words import say
from huimin_desktop.errors import AuthenticationError, ServiceError
from huimin_desktop.progress import TaskState

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]
# command(name, help, handler, reports=True) -> the sub-parser, with --data (and --json) already added
AddCommand = Callable[..., argparse.ArgumentParser]


class CommandFailed(ServiceError):
    """A command could not do its work: a Chinese line, or ``code=`` and params from the catalog."""

    code = "command"


_CHINESE_HEADING = re.compile(r"(?m)^(\S.*[\u4e00-\u9fff]):$")


class Parser(argparse.ArgumentParser):
    def format_help(self) -> str:  # argparse puts an ASCII colon after a section heading
        return _CHINESE_HEADING.sub(say(r"\1：", r"\1:"), super().format_help())

    def error(self, message: str) -> NoReturn:  # one line, in the user's language, exit 2
        self.exit(
            EXIT_USAGE,
            say(
                "{prog}：命令行参数错误：{message}\n",
                "{prog}: error: {message}\n",
                prog=self.prog,
                message=message,
            ),
        )


def emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    """Print ``payload`` as one JSON object with ``--json``, else the human-readable ``text``."""
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False, default=str))
        args.emitted = True  # a failure after this adds no second object (cli.main)
    else:
        print(text)


def progress_printer(args: argparse.Namespace) -> TaskState:
    """A progress line on a terminal's stderr (none with --json or when stderr is no terminal)."""
    quiet = getattr(args, "json", False) or not sys.stderr.isatty()

    def show(done: int, total: int, message: str) -> None:
        if not quiet and total:
            print(f"\r{progress_line(args, done, total, message)}", end="", file=sys.stderr, flush=True)

    return TaskState(show)


def progress_line(args: argparse.Namespace, done: int, total: int, message: str) -> str:
    """``message done/total``. The services' progress messages are Chinese: in English the line names
    the command instead (``merge 3/10``), so no Chinese reaches an English terminal."""
    from huimin_desktop import messages

    if messages.language() == messages.EN and _CJK.search(message):
        message = str(getattr(args, "command", None) or "")
    return f"{message} {done}/{total}".strip()


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def end_progress_line(args: argparse.Namespace) -> None:
    if not getattr(args, "json", False) and sys.stderr.isatty():
        print(file=sys.stderr)


def integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            say("“{text}”不是整数", "'{text}' is not a whole number", text=text)
        ) from None


def add_area_options(parser: argparse.ArgumentParser, *, year_help: str, out_help: str) -> None:
    """``--year`` and ``--out FILE.xlsx`` (required) and one of ``--county`` / ``--township``: the area
    a report or a public notice covers (``ReportService.resolve_scope``), the whole station by default."""
    parser.add_argument("--year", required=True, type=integer, metavar="YEAR", help=year_help)
    area = parser.add_mutually_exclusive_group()
    area.add_argument(
        "--county",
        metavar="C",
        help=say("只含一个县（市、区）：区划代码或名称", "only one county: its division code or name"),
    )
    area.add_argument(
        "--township",
        metavar="T",
        help=say("只含一个乡镇：区划代码或名称", "only one township: its division code or name"),
    )
    parser.add_argument("--out", required=True, metavar="FILE.xlsx", help=out_help)


def check_output_file(
    path: str | os.PathLike[str], *, suffix: str | None = None, overwrite: bool = True
) -> Path:
    """Refuse, before anything is written, an output file that cannot be written where it is asked for.

    The folder must exist, be a folder and be writable, and the path must not itself be a folder (nor,
    with ``overwrite=False``, an existing file): a command checks its outputs with this before its
    transaction, so a failure changes nothing. Every command that writes a file the user names uses it.
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
    if not _writable(folder):
        raise CommandFailed(code="output.not_writable", folder=folder, path=target)
    if not overwrite and (target.exists() or target.is_symlink()):
        raise CommandFailed(code="output.exists", path=target)
    return target


def check_output_folder(path: str | os.PathLike[str]) -> Path:
    """The same for a folder a command writes into (``export --to``): it must exist and be writable."""
    target = Path(path).expanduser().absolute()
    if not target.exists():
        raise CommandFailed(code="target.missing", path=target)
    if not target.is_dir():
        raise CommandFailed(code="target.not_folder", path=target)
    if not _writable(target):
        raise CommandFailed(code="target.not_writable", path=target)
    return target


def _writable(folder: Path) -> bool:
    return os.access(folder, os.W_OK | os.X_OK) and not _read_only(folder)


def _read_only(folder: Path) -> bool:
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (AttributeError, OSError):  # Windows has no statvfs: os.access is the check there
        return False


# -- logging in -------------------------------------------------------------------------------------

PASSWORD_ENV, NEW_PASSWORD_ENV, USER_ENV = "HUIMIN_PASSWORD", "HUIMIN_NEW_PASSWORD", "HUIMIN_USER"


def read_password(
    args: argparse.Namespace, *, env: str = PASSWORD_ENV, prompt: str | None = None, confirm: bool = False
) -> str:
    """The password from ``env``, else a hidden prompt on a terminal (asked twice with ``confirm``)."""
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        from huimin_desktop.paths import resolve_data_dir

        raise AuthenticationError(code="auth.login_required", path=resolve_data_dir(args.data))
    first = getpass.getpass(prompt or say("密码：", "Password: "))
    if confirm and getpass.getpass(say("再输入一次：", "Once more: ")) != first:
        raise AuthenticationError(code="auth.passwords_differ")
    return first


def login_name(args: argparse.Namespace) -> str:
    name = getattr(args, "user", None) or os.environ.get(USER_ENV)
    if not name:
        from huimin_desktop.paths import resolve_data_dir

        raise AuthenticationError(code="auth.login_required", path=resolve_data_dir(args.data))
    return str(name)


def open_station(args: argparse.Namespace) -> Station:
    """The station of ``--data``, logged in as ``--user`` (or HUIMIN_USER) with the password from
    HUIMIN_PASSWORD or the prompt. A clear folder of the previous version is encrypted at its first
    login: the recovery code is shown on stderr, once."""
    from huimin_desktop.services.station import Station, has_station

    if not has_station(args.data):
        return Station.open(args.data)  # NoStationError, before asking for a password
    user = login_name(args)
    password = read_password(args)
    station = Station.open(
        args.data, user, password, task=progress_printer(args), audit_login="with_first_change"
    )
    end_progress_line(args)
    if station.recovery_code:
        print(recovery_notice(station.recovery_code), file=sys.stderr)
    return station


def recovery_notice(code: str) -> str:
    return say(
        "数据文件夹已加密。管理员恢复码（只显示这一次，请抄下并与电脑分开保管）：{code}",
        "The data folder is encrypted. The administrator's recovery code (shown this once: write it down "
        "and keep it away from the computer): {code}",
        code=code,
    )
