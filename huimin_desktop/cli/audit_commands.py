"""``audit [--user U] [--action A] [--since DATE] [--json]``: the audit log (reviewers and administrators).

``--user`` here names whose lines to show (issue 13 gives the option that name), so this command logs in
with ``--login NAME`` or HUIMIN_USER instead.
"""

from __future__ import annotations

import argparse
import datetime as dt

from huimin_desktop.cli.common import EXIT_OK, AddCommand, CommandFailed, emit, open_station
from huimin_desktop.services.audit import ACTION_LABELS, AuditFilter, AuditLine


def parse_since(text: str) -> dt.datetime:
    """A local date (2026-12-03) or date and time (2026-12-03 14:30) → naive UTC, as the log stores it."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandFailed(f"--since “{text}” 不是日期（应为 2026-12-03 或 2026-12-03 14:30）") from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the laptop's local time
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def action_code(text: str) -> str:
    """An action by its code (``merge``) or its Chinese name (合并)."""
    by_label = {label: code for code, label in ACTION_LABELS.items()}
    return by_label.get(text.strip(), text.strip())


def _text(line: AuditLine) -> str:
    what = line.summary or line.changes_text
    return "\t".join([line.local_time, line.user, line.action_label, line.kind, line.record_id, what])


def cmd_audit(args: argparse.Namespace) -> int:
    where = AuditFilter(
        user=args.who,
        action=action_code(args.action) if args.action else None,
        since=parse_since(args.since) if args.since else None,
    )
    if args.limit is not None and args.limit < 1:
        raise CommandFailed("--limit 应为正整数")
    with open_station(args) as station:
        lines = station.audit.lines(where, limit=args.limit)
    payload = {"count": len(lines), "entries": [line.as_json() for line in lines]}
    emit(args, payload, "\n".join(_text(line) for line in lines) or "（没有符合条件的审计记录）")
    return EXIT_OK


def register(command: AddCommand) -> None:
    audit = command(
        "audit",
        "审计日志：谁在何时对哪条记录做了什么（审核员、管理员），新的在前",
        cmd_audit,
        login=False,
    )
    audit.add_argument(
        "--login",
        dest="user",
        metavar="NAME",
        help="登录的用户名（默认：环境变量 HUIMIN_USER；此命令的 --user 是筛选条件）",
    )
    audit.add_argument("--user", dest="who", metavar="U", help="只看这个用户的操作")
    audit.add_argument(
        "--action",
        metavar="A",
        help="只看这种操作：create、update、delete、export、import、merge、conflict、login、"
        "login_failed、locked、user_role … 或其中文名（如 合并）",
    )
    audit.add_argument("--since", metavar="DATE", help="从这天（本地时间，如 2026-12-03）起")
    audit.add_argument("--limit", type=int, metavar="N", help="最多显示 N 条（最新的）")
