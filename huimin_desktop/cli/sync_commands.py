"""Sync commands: ``export``, ``verify``, ``merge`` and ``conflicts`` (DESIGN.md §4–5)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from huimin_desktop.cli.common import (
    EXIT_OK,
    AddCommand,
    CommandFailed,
    check_output_folder,
    emit,
    end_progress_line,
    open_station,
    progress_printer,
)
from huimin_desktop.cli.words import say
from huimin_desktop.services.sync import ALREADY_APPLIED, APPLIED, OWN, ConflictRecord, PackageSummary


def cmd_export(args: argparse.Namespace) -> int:
    target = check_output_folder(args.to)  # before the transaction: a failed export changes nothing
    with open_station(args) as station:
        result = station.sync.export(target, recipient=args.recipient, task=progress_printer(args))
    end_progress_line(args)
    payload = {
        "package": str(result.package),
        "records": result.records,
        "attachments": result.attachments,
        "bytes": result.bytes,
        "recipient": result.recipient,
        "recipient_name": result.recipient_name,
    }
    text = say(
        "已写入并校验同步包 {package}（发给 {recipient}）：记录 {records} 条，附件 {attachments} 个，"
        "共 {size:.1f} MB。可以安全拔出 U 盘。",
        "Package {package} written and checked (for {recipient}): {records} records, {attachments} "
        "attachments, {size:.1f} MB in all. The USB stick can be removed safely.",
        package=result.package,
        recipient=result.recipient_name,
        records=result.records,
        attachments=result.attachments,
        size=result.bytes / 1_048_576,
    )
    emit(args, payload, text)
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    with open_station(args) as station:
        result = station.sync.verify(Path(args.package))
    payload = {
        "ok": result.ok,
        "status": result.status,  # verified, own (this station's own package) or rejected
        "reason": result.reason,
        "origin": result.origin,
        "origin_name": result.origin_name,
        "package_id": result.package_id,
        "created_at": result.created_at.isoformat() if result.created_at else None,
        "records": result.records,
        "attachments": result.attachments,
        "bytes": result.bytes,
    }
    if not result.ok:  # the reason goes to stderr like every command's; --json still gets the object
        if args.json:
            emit(args, payload, "")
        raise CommandFailed(code="verify.failed", reason=result.reason)
    if result.status == OWN:  # on the stick beside the packages to merge: not a problem
        emit(args, payload, result.reason)
        return EXIT_OK
    text = say(
        "同步包完整且真实：来自 {origin}，生成于 {created:%Y-%m-%d %H:%M}（UTC），记录 {records} 条，"
        "附件 {attachments} 个",
        "The package is whole and genuine: from {origin}, made {created:%Y-%m-%d %H:%M} (UTC), "
        "{records} records, {attachments} attachments",
        origin=result.origin_name,
        created=result.created_at,
        records=result.records,
        attachments=result.attachments,
    )
    emit(args, payload, text)
    return EXIT_OK


def _conflict_json(conflict: ConflictRecord) -> dict[str, Any]:
    return {
        "id": conflict.id,
        "kind": conflict.kind,
        "table": conflict.table_name,
        "row": conflict.row_id,
        "other_row": conflict.other_row_id,
        "record": conflict.record_label,
        "field": conflict.field,
        "field_label": conflict.field_label,
        "applied": conflict.winner_value,
        "other": conflict.other_value,
        "applied_station": conflict.winner_station,
        "other_station": conflict.other_station,
        "status": conflict.status,
    }


def _in_brackets(*stations: str) -> str:
    """ "（甲 / 乙）" of the stations that are named; nothing when none is (never an empty "（）")."""
    named = " / ".join(s for s in stations if s)
    return say("（{named}）", " ({named})", named=named) if named else ""


def _conflict_line(conflict: ConflictRecord) -> str:
    """One conflict. The record and field labels are Chinese words of the data model: in English the
    line names the table, the row and the field by their codes instead."""
    record = say(conflict.record_label, f"{conflict.table_name} {conflict.row_id}")
    field = say(conflict.field_label, conflict.field)
    if conflict.kind == "duplicate-id":
        return say(
            "  [{id}] {record}：{field} {value} 与另一条记录重复{stations}",
            "  [{id}] {record}: {field} {value} is the same as another record's{stations}",
            id=conflict.id,
            record=record,
            field=field,
            value=conflict.winner_value,
            stations=_in_brackets(conflict.winner_station, conflict.other_station),
        )
    return say(
        "  [{id}] {record}：{field} 采用 {value!r}{station}，另一值 {other!r}{other_station}",
        "  [{id}] {record}: {field} is {value!r}{station}, the other value {other!r}{other_station}",
        id=conflict.id,
        record=record,
        field=field,
        value=conflict.winner_value,
        station=_in_brackets(conflict.winner_station),
        other=conflict.other_value,
        other_station=_in_brackets(conflict.other_station),
    )


# A package's status (services/sync.py) as the merge summary words it.
STATUS_WORDS = {
    APPLIED: ("已合并", "merged"),
    ALREADY_APPLIED: ("已合并过", "merged before"),
    "rejected": ("已拒绝", "refused"),
    "quarantined": ("已隔离", "quarantined"),
    OWN: ("已跳过", "skipped"),
}


def _summary_text(summary: PackageSummary, dry_run: bool) -> str:
    if dry_run and summary.status == APPLIED:
        status = say("将合并", "would merge")
    else:
        status = say(*STATUS_WORDS[summary.status]) if summary.status in STATUS_WORDS else summary.status
    who = say(" 来自{name}", " from {name}", name=summary.origin_name) if summary.origin_name else ""
    line = say(
        "{package}{who}：{status}",
        "{package}{who}: {status}",
        package=summary.package.name,
        who=who,
        status=status,
    )
    if summary.status == APPLIED:
        line += say(
            "，新增 {new}，更新 {updated}，未变 {unchanged}，冲突 {conflicts}",
            ", {new} new, {updated} updated, {unchanged} unchanged, {conflicts} conflicts",
            new=summary.new,
            updated=summary.updated,
            unchanged=summary.unchanged,
            conflicts=len(summary.conflicts),
        )
    if summary.reason:
        line += say("：{reason}", ": {reason}", reason=summary.reason)
    return "\n".join([line, *(_conflict_line(c) for c in summary.conflicts)])


def cmd_merge(args: argparse.Namespace) -> int:
    with open_station(args) as station:
        summaries = station.sync.merge(
            [Path(p) for p in args.packages], dry_run=args.dry_run, task=progress_printer(args)
        )
    end_progress_line(args)
    payload = {
        "dry_run": args.dry_run,
        "packages": [
            {
                "package": str(s.package),
                "package_id": s.package_id,
                "origin": s.origin,
                "origin_name": s.origin_name,
                "status": s.status,
                "reason": s.reason,
                "new": s.new,
                "updated": s.updated,
                "unchanged": s.unchanged,
                "conflicts": len(s.conflicts),
                "conflict_list": [_conflict_json(c) for c in s.conflicts],
                "attachments": s.attachments,
            }
            for s in summaries
        ],
    }
    emit(args, payload, "\n".join(_summary_text(s, args.dry_run) for s in summaries))
    refused = [s for s in summaries if s.status not in (APPLIED, ALREADY_APPLIED, OWN)]
    if refused:  # exit 1 even when others of the batch went in: a script must notice; stdout says which
        went_in = len(summaries) - len(refused)
        code = "merge.not_merged" if not went_in else "merge.could_merge" if args.dry_run else "merge.merged"
        first = refused[0]
        raise CommandFailed(
            code=code, count=len(refused), others=went_in, name=first.package.name, reason=first.reason
        )
    return EXIT_OK


def cmd_conflicts(args: argparse.Namespace) -> int:
    with open_station(args) as station:
        if args.keep or args.other:  # all of them or none (ConflictReview.resolve)
            station.sync.resolve(keep=args.keep or (), other=args.other or (), user=station.db.actor.username)
        conflicts = station.sync.conflicts(open_only=not args.all)
    payload = {"conflicts": [_conflict_json(c) for c in conflicts]}
    none = say("没有待审核的冲突", "No conflicts wait for review")
    text = "\n".join(_conflict_line(c) for c in conflicts) if conflicts else none
    emit(args, payload, text)
    return EXIT_OK


def register(command: AddCommand) -> None:
    export = command(
        "export",
        say(
            "导出同步包（上报给上级站点，或用 --for 生成给下级站点的回传包）",
            "export a sync package (up to the upper station, or with --for a return package for a lower "
            "station)",
        ),
        cmd_export,
    )
    export.add_argument(
        "--to",
        required=True,
        metavar="DIR",
        help=say("写入的文件夹，通常是 U 盘", "the folder to write to, usually the USB stick"),
    )
    export.add_argument(
        "--for",
        dest="recipient",
        metavar="STATION",
        help=say(
            "回传包的接收站点（站点编号、名称或区划代码）",
            "the station a return package is for (its station id, name or division code)",
        ),
    )

    verify = command(
        "verify",
        say(
            "检查同步包是否完整、真实（不合并）",
            "check that a package is whole and genuine (without merging it)",
        ),
        cmd_verify,
    )
    verify.add_argument("package", metavar="PACKAGE", help=say("同步包文件夹", "the package folder"))

    merge = command(
        "merge",
        say(
            "合并同步包（可以是多个同步包，或装有同步包的文件夹）",
            "merge sync packages (several packages, or folders holding them)",
        ),
        cmd_merge,
    )
    merge.add_argument(
        "packages",
        nargs="+",
        metavar="PACKAGE",
        help=say("同步包文件夹", "a package folder, or a folder holding packages"),
    )
    merge.add_argument(
        "--dry-run",
        action="store_true",
        help=say(
            "只预览每个同步包将做的改动和冲突，不作改动",
            "only show what each package would change and its conflicts, changing nothing",
        ),
    )

    conflicts = command(
        "conflicts",
        say(
            "列出待审核的冲突；--keep / --other 处理（可写多次：全部成功或都不做）",
            "list the conflicts waiting for review; --keep / --other decide them (each may be given "
            "several times: all are done or none)",
        ),
        cmd_conflicts,
    )
    conflicts.add_argument(
        "--all", action="store_true", help=say("也列出已处理的冲突", "list the decided conflicts too")
    )
    conflicts.add_argument(
        "--keep", type=int, action="append", metavar="ID", help=say("保留当前值", "keep the applied value")
    )
    conflicts.add_argument(
        "--other",
        type=int,
        action="append",
        metavar="ID",
        help=say(
            "改用另一值（作为新的修改同步出去）",
            "take the other value instead (sent on as a new change)",
        ),
    )
