"""``logs list`` / ``logs show [N | --last]`` / ``logs export --to DIR --reason R [N ...]``: the failure
logs a real bug left (services/failure_logs.py), for an administrator or a support person with the
administrator's login. The logs stay sealed on disk; ``show`` prints one on the terminal, ``export``
writes a clear copy only with a reason, which the audit log keeps."""

from __future__ import annotations

import argparse
from pathlib import Path

from huimin_desktop.cli.common import EXIT_OK, AddCommand, CommandFailed, emit, open_station
from huimin_desktop.cli.words import say
from huimin_desktop.services.failure_logs import CLI, FailureLog

ACTIONS = ("list", "show", "export")


def source_word(source: str) -> str:
    return say("命令行", "command line") if source == CLI else say("图形界面", "GUI")


def _row(log: FailureLog) -> str:
    when = log.at.strftime("%Y-%m-%d %H:%M:%S")
    return "\t".join([str(log.number), when, source_word(log.source), log.command or "-", log.error])


def _as_json(log: FailureLog, *, text: bool = False) -> dict[str, object]:
    payload: dict[str, object] = {
        "number": log.number,
        "file": log.name,
        "at": log.at.isoformat(sep=" ", timespec="seconds"),
        "source": log.source,
        "command": log.command,
        "error": log.error,
        "version": log.version,
        "sealed": log.sealed,
    }
    if text:
        payload["text"] = log.text
    return payload


def _numbers(args: argparse.Namespace) -> list[int]:
    numbers = []
    for value in args.numbers:
        if not value.isdigit() or int(value) < 1:
            raise CommandFailed(
                say(
                    "“{value}” 不是日志编号（logs list 中的 1、2 …）",
                    "“{value}” is not a log number (1, 2 … as logs list shows)",
                    value=value,
                )
            )
        numbers.append(int(value))
    return numbers


def _list(args: argparse.Namespace) -> int:
    with open_station(args) as station:
        logs = station.failure_logs.entries()
        folder = station.failure_logs.folder
    payload = {"count": len(logs), "folder": str(folder), "logs": [_as_json(log) for log in logs]}
    text = "\n".join(_row(log) for log in logs) or say("（没有错误日志）", "(no failure logs)")
    emit(args, payload, text)
    return EXIT_OK


def _show(args: argparse.Namespace) -> int:
    numbers = _numbers(args)
    if len(numbers) > 1 or (numbers and args.last):
        raise CommandFailed(
            say(
                "logs show 只显示一份：给一个编号或 --last",
                "logs show shows one log: give one number or --last",
            )
        )
    with open_station(args) as station:
        log = station.failure_logs.get(numbers[0] if numbers else None)
    heading = say(
        "错误日志 {number}（{when}，{source}）：{name}",
        "Failure log {number} ({when}, {source}): {name}",
        number=log.number,
        when=log.at.strftime("%Y-%m-%d %H:%M:%S"),
        source=source_word(log.source),
        name=log.name,
    )
    emit(args, _as_json(log, text=True), f"{heading}\n{log.text.rstrip()}")
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    if not args.to:
        raise CommandFailed(say("logs export 需要 --to DIR", "logs export needs --to DIR"))
    if not (args.reason or "").strip():
        raise CommandFailed(code="logs.reason_required")
    target = Path(args.to)
    if not target.is_dir():
        raise CommandFailed(code="logs.no_folder", path=target)
    numbers = _numbers(args) or None
    with open_station(args) as station:
        written = station.failure_logs.export(target, args.reason, numbers)
        count = len(numbers) if numbers else len(station.failure_logs.entries())
    text = say(
        "已把 {count} 份错误日志以明文导出到 {path}（原因已记入审计日志）；请只交给技术支持，用完删除",
        "Exported {count} failure log(s) in clear to {path} (the reason is in the audit log); give it to "
        "support only and delete it afterwards",
        count=count,
        path=written,
    )
    emit(args, {"file": str(written), "count": count, "reason": args.reason.strip()}, text)
    return EXIT_OK


def cmd_logs(args: argparse.Namespace) -> int:
    return {"list": _list, "show": _show, "export": _export}[args.action](args)


def register(command: AddCommand) -> None:
    logs = command(
        "logs",
        say(
            "错误日志（管理员）：list 列出、show 显示一份（默认最新的）、export 导出明文副本（须 --reason，"
            "记入审计日志）；日志在磁盘上始终加密",
            "failure logs (administrators): list them, show one (the newest by default), export a clear "
            "copy (needs --reason; kept in the audit log); on disk they stay sealed",
        ),
        cmd_logs,
    )
    logs.add_argument("action", choices=ACTIONS, metavar="ACTION", help=say("、", ", ").join(ACTIONS))
    logs.add_argument(
        "numbers",
        nargs="*",
        metavar="N",
        help=say(
            "日志编号（logs list 中的，1 是最新的）；export 不给则导出全部",
            "log numbers (as logs list shows them, 1 the newest); export without them exports all",
        ),
    )
    logs.add_argument("--last", action="store_true", help=say("最新的一份（show）", "the newest (show)"))
    logs.add_argument(
        "--to", metavar="DIR", help=say("导出到这个文件夹（export）", "export into this folder")
    )
    logs.add_argument(
        "--reason",
        metavar="TEXT",
        help=say(
            "导出的原因，记入审计日志（export 必填）", "why they are exported, kept in the audit log (export)"
        ),
    )
