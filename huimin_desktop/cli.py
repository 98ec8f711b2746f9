"""The command line (DESIGN.md §5): sub-commands over the same services the GUI uses.

Every command takes ``--data DIR`` (else HUIMIN_DATA, else the per-user data folder). Commands that
report take ``--json`` and then print exactly one JSON object on stdout. Exit status 0 on success;
on failure 1 with a one-line reason on stderr, and nothing changed (2 for a malformed command line).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import Any

from huimin_desktop import APP_NAME_ZH, __version__
from huimin_desktop.progress import TaskState
from huimin_desktop.services.errors import describe_error
from huimin_desktop.services.station import Station

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class CommandFailed(Exception):
    """A command could not do its work; the message is the one line for stderr."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, in the user's language, exit 2
        self.exit(EXIT_USAGE, f"{self.prog}: 命令行参数错误：{message}\n")


def _emit(args: argparse.Namespace, payload: dict[str, Any], text: str) -> None:
    if getattr(args, "json", False):
        print(json.dumps(payload, ensure_ascii=False, default=str))
    else:
        print(text)


def _progress_printer(args: argparse.Namespace) -> TaskState:
    quiet = getattr(args, "json", False) or not sys.stderr.isatty()

    def show(done: int, total: int, message: str) -> None:
        if not quiet and total:
            print(f"\r{message} {done}/{total}", end="", file=sys.stderr, flush=True)

    return TaskState(show)


# -- commands ---------------------------------------------------------------------------------


def cmd_init(args: argparse.Namespace) -> int:
    missing = [
        flag
        for flag, value in (("--level", args.level), ("--name", args.name), ("--division", args.division))
        if not value
    ]
    if missing:
        raise CommandFailed(f"缺少参数：{' '.join(missing)}")
    with Station.create(args.data, level=args.level, name=args.name, division_code=args.division) as station:
        info = station.info()
        payload = {
            "station": info.id,
            "name": info.name,
            "level": info.level,
            "division": info.division_code,
            "data": str(station.data_dir),
        }
    _emit(
        args,
        payload,
        f"已初始化站点：{info.name}（{info.level}，{info.division_code}），数据文件夹 {payload['data']}",
    )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from huimin_desktop.services.demo import generate_demo, open_demo_station

    if args.households < 1:
        raise CommandFailed(f"--households 应为正整数，收到 {args.households}")
    if args.attachments_mb < 0:
        raise CommandFailed(f"--attachments-mb 不能为负数，收到 {args.attachments_mb}")
    station, created = open_demo_station(args.data)
    with station:
        summary = generate_demo(
            station,
            args.households,
            seed=args.seed,
            attachments_mb=args.attachments_mb,
            task=_progress_printer(args),
        )
        payload = {
            "station": station.info().id,
            "created_station": created,
            "data": str(station.data_dir),
            **vars(summary),
        }
    if not args.json and sys.stderr.isatty():
        print(file=sys.stderr)
    _emit(args, payload, "已生成演示数据：" + "，".join(f"{k} {v}" for k, v in vars(summary).items()))
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with Station.open(args.data) as station:
        report = station.check(verify_hashes=not args.quick)
    payload = {"ok": report.ok, "problems": list(report.problems)}
    text = "检查通过：数据库与附件完好" if report.ok else "发现问题：\n" + "\n".join(report.problems)
    _emit(args, payload, text)
    return EXIT_OK if report.ok else EXIT_FAILED


# -- parser -----------------------------------------------------------------------------------


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="huimin", description=f"{APP_NAME_ZH}（命令行）。不带子命令运行则打开图形界面。")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    def command(
        name: str, help_text: str, handler: Callable[[argparse.Namespace], int], *, reports: bool = True
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument(
            "--data", metavar="DIR", help="数据文件夹（默认：环境变量 HUIMIN_DATA 或用户数据目录）"
        )
        if reports:
            sub.add_argument("--json", action="store_true", help="以一个 JSON 对象输出结果")
        sub.set_defaults(handler=handler)
        return sub

    init = command("init", "新建站点（市、县或乡镇）", cmd_init)
    init.add_argument("--level", choices=["city", "county", "township"], help="站点级别")
    init.add_argument("--name", help="站点名称，如“北票市民宗局”")
    init.add_argument("--division", metavar="CODE", help="区划代码：市、县 6 位，乡镇 12 位")

    demo = command(
        "demo", "生成演示数据（用于演示和性能测试；数据文件夹中没有站点时先建一个市级演示站点）", cmd_demo
    )
    demo.add_argument("--households", type=_integer, required=True, metavar="N", help="农户数")
    demo.add_argument("--attachments-mb", type=_integer, default=0, metavar="M", help="附件照片总量（MB）")
    demo.add_argument(
        "--seed", type=_integer, default=828, metavar="S", help="随机种子（相同种子生成相同数据）"
    )

    check = command("check", "检查数据库完整性和附件库", cmd_check)
    check.add_argument("--quick", action="store_true", help="只检查附件是否存在，不重新计算校验值")
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
