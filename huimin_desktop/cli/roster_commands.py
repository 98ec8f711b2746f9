"""Roster commands: ``import-roster`` and ``export-roster``."""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from huimin_desktop.cli.common import (
    EXIT_OK,
    AddCommand,
    check_output_file,
    emit,
    end_progress_line,
    integer,
    open_station,
    progress_printer,
)
from huimin_desktop.cli.words import say
from huimin_desktop.spreadsheet.review import UnmappedColumn

_SHOWN_NOTES = 20  # rows listed in the human-readable output; --json lists them all


def _notes(title: str, notes: list[dict[str, object]]) -> list[str]:
    if not notes:
        return []
    lines = [f"{title}（{len(notes)} 行）："]
    lines += [f"  第 {n['row']} 行：{n['reason']}" for n in notes[:_SHOWN_NOTES]]
    if len(notes) > _SHOWN_NOTES:
        lines.append(f"  ……另有 {len(notes) - _SHOWN_NOTES} 行，用 --json 查看全部")
    return lines


def _unmapped(columns: Sequence[UnmappedColumn]) -> list[str]:
    """Columns holding data that nothing imported: never left unsaid."""
    if not columns:
        return []
    lines = [f"未导入的列（{len(columns)} 列有数据，内容没有导入）："]
    lines += [f"  {c.label}：{c.filled_rows} 行有值" for c in columns]
    lines.append("  如需导入，请在程序的“导入花名册”中调整列对应（对应关系会按表头记住）")
    return lines


def cmd_import_roster(args: argparse.Namespace) -> int:
    if args.rejected_out:  # checked before the import commits: a failed command changes nothing
        check_output_file(args.rejected_out, suffix=".xlsx")
    refused_as = {"full": False if args.masked else None, "reason": args.reason}
    with open_station(args) as station:
        if args.rejected_out:  # whole numbers in the file need a reason: refused before the import
            station.rosters.refused_rows_masking(**refused_as)
        outcome = station.rosters.import_file(
            args.file, dry_run=args.dry_run, year=args.year, task=progress_printer(args)
        )
        if args.rejected_out and outcome.rejected:
            table = station.rosters.read(args.file)
            station.rosters.save_rejected(table, outcome.rejected, args.rejected_out, **refused_as)
        masking = station.masking
    end_progress_line(args)
    payload = outcome.as_json()
    for note in (*payload["rejected"], *payload["warnings"]):  # a reason may quote a number
        note["reason"] = masking.text(str(note["reason"]))
    if args.rejected_out and outcome.rejected:
        payload["rejected_file"] = args.rejected_out
    verb = "预览（未写入）" if args.dry_run else "已导入"
    lines = [
        f"{verb}：新增 {outcome.added} 户，更新 {outcome.updated} 户，未变 {outcome.unchanged} 户，"
        f"拒绝 {len(outcome.rejected)} 行，提示 {len(outcome.warnings)} 条（{outcome.year} 年度）"
    ]
    lines.append(f"年度：{outcome.year}（{outcome.year_reason}）")
    lines += _unmapped(outcome.unmapped_columns)
    if outcome.villages_created:
        lines.append("新建的村：" + "、".join(outcome.villages_created))
    lines += _notes("拒绝的行", payload["rejected"])
    lines += _notes("提示", payload["warnings"])
    emit(args, payload, "\n".join(lines))
    return EXIT_OK


def cmd_export_roster(args: argparse.Namespace) -> int:
    check_output_file(args.out, suffix=".xlsx")
    with open_station(args) as station:
        summary = station.rosters.export(
            args.out,
            year=args.year,
            task=progress_printer(args),
            full=False if args.masked else None,
            reason=args.reason,
        )
    end_progress_line(args)
    payload = {
        "path": str(summary.path),
        "households": summary.households,
        "members": summary.members,
        "year": summary.year,
        "full_personal_data": summary.full_personal_data,
    }
    shown = "完整身份证号和电话" if summary.full_personal_data else "身份证号和电话已遮盖"
    emit(
        args,
        payload,
        f"已导出花名册：{summary.path}（{summary.households} 户，{summary.members} 人，{summary.year} 年度，"
        f"{shown}）",
    )
    return EXIT_OK


def register(command: AddCommand) -> None:
    importing = command("import-roster", "导入村里报来的农户花名册（.xlsx、.xls 或 .csv）", cmd_import_roster)
    importing.add_argument("file", metavar="FILE", help="花名册文件")
    importing.add_argument("--dry-run", action="store_true", help="只预览新增、更新和拒绝的行，不写入")
    importing.add_argument(
        "--year", type=integer, metavar="YEAR", help="收入所属的调查年度（默认：标题中的年份，否则今年）"
    )
    importing.add_argument(
        "--rejected-out", metavar="FILE.xlsx", help="把被拒绝的行连同原因另存为 Excel，退回村里修改"
    )
    importing.add_argument(
        "--reason",
        metavar="TEXT",
        help=say(
            "另存被拒绝的行的原因，记入审计日志（有权查看完整身份证号的用户用 --rejected-out 时必填）",
            "why the refused rows are saved, kept in the audit log (needed with --rejected-out by a user "
            "who sees whole ID numbers)",
        ),
    )
    importing.add_argument(
        "--masked",
        action="store_true",
        help=say(
            "另存被拒绝的行时遮盖身份证号、出生日期和电话，无需原因（录入员总是遮盖）",
            "mask ID numbers, birth dates and phones in the refused rows' file, with no reason needed "
            "(always masked for an entry user)",
        ),
    )

    exporting = command("export-roster", "把本站点的农户导出为花名册（.xlsx，可再导入）", cmd_export_roster)
    exporting.add_argument("--out", required=True, metavar="FILE.xlsx", help="导出的文件")
    exporting.add_argument("--year", type=integer, metavar="YEAR", help="收入的调查年度（默认：最新年度）")
    exporting.add_argument(
        "--reason",
        metavar="TEXT",
        help="导出原因，记入审计日志（有权查看完整身份证号的用户导出完整花名册时必填）",
    )
    exporting.add_argument(
        "--masked", action="store_true", help="身份证号和电话遮盖后导出（如 211381********0019），无需原因"
    )
