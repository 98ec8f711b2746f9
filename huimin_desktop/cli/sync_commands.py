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
    text = (
        f"已写入并校验同步包 {result.package}（发给 {result.recipient_name}）：记录 {result.records} 条，"
        f"附件 {result.attachments} 个，共 {result.bytes / 1_048_576:.1f} MB。可以安全拔出 U 盘。"
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
    text = (
        f"同步包完整且真实：来自 {result.origin_name}，"
        f"生成于 {result.created_at:%Y-%m-%d %H:%M}（UTC），"
        f"记录 {result.records} 条，附件 {result.attachments} 个"
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
    return f"（{named}）" if named else ""


def _conflict_line(conflict: ConflictRecord) -> str:
    if conflict.kind == "duplicate-id":
        return (
            f"  [{conflict.id}] {conflict.record_label}：{conflict.field_label} {conflict.winner_value} "
            f"与另一条记录重复{_in_brackets(conflict.winner_station, conflict.other_station)}"
        )
    return (
        f"  [{conflict.id}] {conflict.record_label}：{conflict.field_label} 采用 {conflict.winner_value!r}"
        f"{_in_brackets(conflict.winner_station)}，另一值 {conflict.other_value!r}"
        f"{_in_brackets(conflict.other_station)}"
    )


_STATUS_TEXT = {
    APPLIED: "已合并",
    ALREADY_APPLIED: "已合并过",
    "rejected": "已拒绝",
    "quarantined": "已隔离",
    OWN: "已跳过",
}


def _summary_text(summary: PackageSummary, dry_run: bool) -> str:
    status = (
        "将合并"
        if dry_run and summary.status == APPLIED
        else _STATUS_TEXT.get(summary.status, summary.status)
    )
    who = f" 来自{summary.origin_name}" if summary.origin_name else ""
    line = f"{summary.package.name}{who}：{status}"
    if summary.status == APPLIED:
        line += f"，新增 {summary.new}，更新 {summary.updated}，未变 {summary.unchanged}"
        line += f"，冲突 {len(summary.conflicts)}"
    if summary.reason:
        line += f"：{summary.reason}"
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
            station.sync.resolve(
                keep=args.keep or (), other=args.other or (), user=station.db.actor.username
            )
        conflicts = station.sync.conflicts(open_only=not args.all)
    payload = {"conflicts": [_conflict_json(c) for c in conflicts]}
    text = "\n".join(_conflict_line(c) for c in conflicts) if conflicts else "没有待审核的冲突"
    emit(args, payload, text)
    return EXIT_OK


def register(command: AddCommand) -> None:
    export = command("export", "导出同步包（上报给上级站点，或用 --for 生成给下级站点的回传包）", cmd_export)
    export.add_argument("--to", required=True, metavar="DIR", help="写入的文件夹，通常是 U 盘")
    export.add_argument(
        "--for", dest="recipient", metavar="STATION", help="回传包的接收站点（站点编号、名称或区划代码）"
    )

    verify = command("verify", "检查同步包是否完整、真实（不合并）", cmd_verify)
    verify.add_argument("package", metavar="PACKAGE", help="同步包文件夹")

    merge = command("merge", "合并同步包（可以是多个同步包，或装有同步包的文件夹）", cmd_merge)
    merge.add_argument("packages", nargs="+", metavar="PACKAGE", help="同步包文件夹")
    merge.add_argument("--dry-run", action="store_true", help="只预览每个同步包将做的改动和冲突，不作改动")

    conflicts = command(
        "conflicts", "列出待审核的冲突；--keep / --other 处理（可写多次：全部成功或都不做）", cmd_conflicts
    )
    conflicts.add_argument("--all", action="store_true", help="也列出已处理的冲突")
    conflicts.add_argument("--keep", type=int, action="append", metavar="ID", help="保留当前值")
    conflicts.add_argument(
        "--other", type=int, action="append", metavar="ID", help="改用另一值（作为新的修改同步出去）"
    )
