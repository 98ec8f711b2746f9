"""The command line (DESIGN.md §5): sub-commands over the same services the GUI uses.

Every command takes ``--data DIR`` (else HUIMIN_DATA, else the per-user data folder). Commands that
report take ``--json`` and then print exactly one JSON object on stdout. Exit status 0 on success;
on failure 1 with a one-line reason on stderr, and nothing changed (2 for a malformed command line).

Each group of commands lives in its own module with a ``register(command)`` function; the order of
``COMMAND_MODULES`` is the order ``--help`` lists them.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from huimin_desktop import APP_NAME_ZH, __version__
from huimin_desktop.cli.common import EXIT_FAILED, EXIT_USAGE, CommandFailed, Handler, Parser
from huimin_desktop.services.errors import describe_error

COMMAND_MODULES = (
    "huimin_desktop.cli.station_commands",  # init, demo, check
    "huimin_desktop.cli.enrollment_commands",  # enroll, revoke, stations
    "huimin_desktop.cli.sync_commands",  # export, verify, merge
    "huimin_desktop.cli.roster_commands",  # import-roster, export-roster
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="huimin", description=f"{APP_NAME_ZH}（命令行）。不带子命令运行则打开图形界面。")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(
        name: str, help_text: str, handler: Handler, *, reports: bool = True
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--data", metavar="DIR", help="数据文件夹（默认：环境变量 HUIMIN_DATA 或用户数据目录）"
        )
        if reports:
            sub.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
        sub.set_defaults(handler=handler)
        return sub

    for module in COMMAND_MODULES:
        importlib.import_module(module).register(command)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.handler(args)
    except CommandFailed as exc:
        reason = str(exc)
    except KeyboardInterrupt:
        reason = "已中断，未作任何改动"
    except Exception as exc:
        described = describe_error(exc)
        if described is None:
            raise
        reason = described
    print(f"错误：{reason}".replace("\n", " "), file=sys.stderr)
    return EXIT_FAILED
