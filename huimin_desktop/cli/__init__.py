"""The command line (DESIGN.md §5): sub-commands over the same services the GUI uses.

Every command takes ``--data DIR`` (else HUIMIN_DATA, else the per-user data folder) and logs in with
``--user NAME`` (else HUIMIN_USER) and the password from HUIMIN_PASSWORD, else a hidden prompt; ``init``
names the first administrator with ``--admin``. Commands that
report take ``--json`` and then print exactly one JSON object on stdout. Exit status 0 on success;
on failure 1 with a one-line reason on stderr, and nothing changed (2 for a malformed command line);
with ``--json`` a failure also prints ``{"ok": false, "error": CODE, "reason": LINE}`` on stdout.
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
import json
import sys

from huimin_desktop import APP_NAME, APP_NAME_ZH, __version__, messages
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
    "huimin_desktop.cli.indicator_commands",  # indicators
    "huimin_desktop.cli.notice_commands",  # public-notice
    "huimin_desktop.cli.backup_commands",  # backup, restore
    "huimin_desktop.cli.audit_commands",  # audit
    "huimin_desktop.cli.log_commands",  # logs
)


def _lang_help() -> str:
    return say(
        "界面和信息的语言：zh（中文，默认）或 en（英文；英文区域设置 LANG=en_* 时也是英文）",
        "the language of the interface and messages: zh (Chinese, the default) or en (English; also "
        "English under an English locale, LANG=en_*)",
    )


def _gui_epilog() -> str:
    """``main.py`` with no command opens the GUI, which takes only these options (see main.py)."""
    return say(
        "不带子命令运行则打开图形界面，可用的选项：\n"
        "  --data DIR    数据文件夹（默认：环境变量 HUIMIN_DATA 或用户数据目录）\n"
        "  --lang zh|en  界面语言：zh（中文，默认）或 en（英文）\n"
        "各子命令的选项见 huimin COMMAND --help。",
        "Run without a command to open the graphical interface, which takes:\n"
        "  --data DIR    the data folder (default: the HUIMIN_DATA variable or the per-user data folder)\n"
        "  --lang zh|en  the interface language: zh (Chinese, the default) or en (English)\n"
        "The options of each command: huimin COMMAND --help.",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="huimin",
        description=say("{name}（命令行）。", "{name} (command line).", name=say(APP_NAME_ZH, APP_NAME)),
        epilog=_gui_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {__version__}",
        help=say("显示程序版本并退出", "show the program's version and exit"),
    )
    parser.add_argument("--lang", metavar="zh|en", help=_lang_help())
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(
        name: str, help_text: str, handler: Handler, *, reports: bool = True, login: bool = True
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--data",
            metavar="DIR",
            help=say(
                "数据文件夹（默认：环境变量 HUIMIN_DATA 或用户数据目录）",
                "the data folder (default: the HUIMIN_DATA variable or the per-user data folder)",
            ),
        )
        sub.add_argument("--lang", metavar="zh|en", default=argparse.SUPPRESS, help=_lang_help())
        if login:
            sub.add_argument(
                "--user",
                metavar="NAME",
                help=say(
                    "登录的用户名（默认：环境变量 HUIMIN_USER；密码取自 HUIMIN_PASSWORD 或提示输入）",
                    "the user to log in as (default: the HUIMIN_USER variable; the password comes from "
                    "HUIMIN_PASSWORD or a prompt)",
                ),
            )
        if reports:
            sub.add_argument(
                "--json",
                action="store_true",
                help=say("以一个 JSON 对象输出结果", "print the result as one JSON object"),
            )
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
        code, reason = "interrupted", messages.text("interrupted")
    except Exception as exc:
        described = messages.describe(exc)
        code = _failure_code(exc) if described is not None else "internal"
        reason = described or log_bug(exc, args)
    reason = reason.replace("\n", " ")
    print(say("错误：{reason}", "Error: {reason}", reason=reason), file=sys.stderr)
    if getattr(args, "json", False) and not getattr(args, "emitted", False):
        # a script reading stdout gets one object on failure too (unless the command printed its own)
        print(json.dumps({"ok": False, "error": code, "reason": reason}, ensure_ascii=False))
    return EXIT_FAILED


def _failure_code(error: BaseException) -> str:
    """The refusal's stable code (``package.tampered``, ``os.disk_full`` …) for ``--json``."""
    from huimin_desktop.messages.system import os_error_code, sqlite_error_code

    if isinstance(error, OSError):
        return os_error_code(error)
    coded = getattr(error, "code", None)
    if isinstance(coded, str) and coded:
        return coded
    return sqlite_error_code(error) or "error"
