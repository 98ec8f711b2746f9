"""``audit [--user U] [--action A] [--since DATE] [--json]``: the audit log (reviewers and administrators).

``--user`` here names whose lines to show (issue 13 gives the option that name), so this command logs in
with ``--login NAME`` or HUIMIN_USER instead.
"""

from __future__ import annotations

import argparse
import datetime as dt

from huimin_desktop.cli.common import EXIT_OK, AddCommand, CommandFailed, emit, open_station
from huimin_desktop.cli.words import say
from huimin_desktop.services.audit import ACTION_NAMES, AuditFilter, AuditLine, action_name


def english() -> bool:
    from huimin_desktop import messages

    return messages.language() == messages.EN


def parse_since(text: str) -> dt.datetime:
    """A local date (2026-12-03) or date and time (2026-12-03 14:30) → naive UTC, as the log stores it."""
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        raise CommandFailed(
            say(
                "--since “{text}” 不是日期（应为 2026-12-03 或 2026-12-03 14:30）",
                "--since “{text}” is not a date (write 2026-12-03 or 2026-12-03 14:30)",
                text=text,
            )
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()  # the laptop's local time
    return moment.astimezone(dt.UTC).replace(tzinfo=None)


def action_code(text: str) -> str:
    """An action by its code (``merge``) or its name in either language (合并, merge)."""
    by_name = {name: code for code, names in ACTION_NAMES.items() for name in names}
    return by_name.get(text.strip(), text.strip())


def _text(line: AuditLine) -> str:
    """One entry. Its summary is worded in the command's language from its code (entries written before
    summaries had codes keep the Chinese line they were written with); what changed is worded now, by
    field labels in Chinese and by field names in English."""
    if english():
        what = line.summary_in() or line.changes_in()
        kind = line.kind
    else:
        what = line.summary_in() or line.changes_text
        kind = line.kind_label
    return "\t".join(
        [line.local_time, line.user, action_name(line.action, english()), kind, line.record_id, what]
    )


def _value(value: object) -> str:
    return "—" if value is None or value == "" else str(value)


def cmd_audit(args: argparse.Namespace) -> int:
    where = AuditFilter(
        user=args.who,
        action=action_code(args.action) if args.action else None,
        since=parse_since(args.since) if args.since else None,
    )
    if args.limit is not None and args.limit < 1:
        raise CommandFailed(say("--limit 应为正整数", "--limit takes a positive whole number"))
    with open_station(args) as station:
        lines = station.audit.lines(where, limit=args.limit)
    payload = {"count": len(lines), "entries": [line.as_json() for line in lines]}
    none = say("（没有符合条件的审计记录）", "(no audit log entries match)")
    emit(args, payload, "\n".join(_text(line) for line in lines) or none)
    return EXIT_OK


def register(command: AddCommand) -> None:
    audit = command(
        "audit",
        say(
            "审计日志：谁在何时对哪条记录做了什么（审核员、管理员），新的在前",
            "the audit log: who did what to which record, and when (reviewers and administrators); the "
            "newest first",
        ),
        cmd_audit,
        login=False,
    )
    audit.add_argument(
        "--login",
        dest="user",
        metavar="NAME",
        help=say(
            "登录的用户名（默认：环境变量 HUIMIN_USER；此命令的 --user 是筛选条件）",
            "the user to log in as (default: the HUIMIN_USER variable; this command's --user is a filter)",
        ),
    )
    audit.add_argument(
        "--user", dest="who", metavar="U", help=say("只看这个用户的操作", "only this user's actions")
    )
    codes = say("、", ", ").join(f"'{code}'" for code in list(ACTION_NAMES)[:11])
    audit.add_argument(
        "--action",
        metavar="A",
        help=say(
            "只看这种操作：{codes} … 或其中文名（如 合并）",
            "only this action: {codes} … or its name (such as 'merge')",
            codes=codes,
        ),
    )
    audit.add_argument(
        "--since",
        metavar="DATE",
        help=say("从这天（本地时间，如 2026-12-03）起", "from this day on (local time, such as 2026-12-03)"),
    )
    audit.add_argument(
        "--limit",
        type=int,
        metavar="N",
        help=say("最多显示 N 条（最新的）", "show at most N entries (the newest)"),
    )
