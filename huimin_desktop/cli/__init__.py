"""The command line (DESIGN.md §5): sub-commands over the same services the GUI uses.

Every command takes ``--data DIR`` (else HUIMIN_DATA, else the per-user data folder) and logs in with
``--user NAME`` (else HUIMIN_USER) and the password from HUIMIN_PASSWORD, else a hidden prompt; ``init``
names the first administrator with ``--admin``. Commands that
report take ``--json`` and then print exactly one JSON object on stdout. Exit status 0 on success;
on failure 1 with a one-line reason on stderr, and nothing changed (2 for a malformed command line).
The reason is worded by ``huimin_desktop.messages`` in Chinese, or in English with ``--lang en`` or an
English locale (LC_ALL / LC_MESSAGES / LANG = en_*). Operating-system and SQLite errors a user can cause
(a full disk, a read-only stick, a locked database) are such reasons too; a real bug prints one line
naming a log file that holds the traceback (``cli/failures.py``).

Each group of commands lives in its own module with a ``register(command)`` function; the order of
``COMMAND_MODULES`` is the order ``--help`` lists them.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from huimin_desktop import APP_NAME_ZH, __version__, messages
from huimin_desktop.cli import argparse_words
from huimin_desktop.cli.common import EXIT_FAILED, EXIT_USAGE, Handler, Parser
from huimin_desktop.cli.failures import log_bug
from huimin_desktop.cli.words import language_in, say

COMMAND_MODULES = (
    "huimin_desktop.cli.station_commands",  # init, demo, check
    "huimin_desktop.cli.enrollment_commands",  # enroll, revoke, stations
    "huimin_desktop.cli.sync_commands",  # export, verify, merge
    "huimin_desktop.cli.roster_commands",  # import-roster, export-roster
    "huimin_desktop.cli.user_commands",  # users
    "huimin_desktop.cli.report_commands",  # report
    "huimin_desktop.cli.notice_commands",  # public-notice
    "huimin_desktop.cli.backup_commands",  # backup, restore
    "huimin_desktop.cli.audit_commands",  # audit
)


LANG_HELP = "错误信息的语言：zh（中文，默认）或 en（英文；英文区域设置 LANG=en_* 时也是英文）"


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="huimin", description=f"{APP_NAME_ZH}（命令行）。不带子命令运行则打开图形界面。")
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=say("显示程序版本并退出", "show the program's version and exit"),
    )
    parser.add_argument("--lang", metavar="zh|en", help=LANG_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(
        name: str, help_text: str, handler: Handler, *, reports: bool = True, login: bool = True
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--data", metavar="DIR", help="数据文件夹（默认：环境变量 HUIMIN_DATA 或用户数据目录）"
        )
        sub.add_argument("--lang", metavar="zh|en", default=argparse.SUPPRESS, help=LANG_HELP)
        if login:
            sub.add_argument(
                "--user",
                metavar="NAME",
                help="登录的用户名（默认：环境变量 HUIMIN_USER；密码取自 HUIMIN_PASSWORD 或提示输入）",
            )
        if reports:
            sub.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
        sub.set_defaults(handler=handler)
        return sub

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(command)
    return parser


def set_language(argv: list[str]) -> None:
    """The language is known before the parser is built, so that its help and errors use it too."""
    language = language_in(argv) or messages.language_from_environment()
    messages.set_language(language)
    argparse_words.install(messages.language())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    set_language(argv)
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.handler(args)
    except KeyboardInterrupt:
        reason = messages.text("interrupted")
    except Exception as exc:
        reason = messages.describe(exc) or log_bug(exc, args)
    prefix = "Error: " if messages.language() == messages.EN else "错误："
    print(f"{prefix}{reason}".replace("\n", " "), file=sys.stderr)
    return EXIT_FAILED
