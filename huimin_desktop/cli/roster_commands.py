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
    lines = [say("{title}（{count} 行）：", "{title} ({count} rows):", title=title, count=len(notes))]
    lines += [
        say("  第 {row} 行：{reason}", "  row {row}: {reason}", row=n["row"], reason=n["reason"])
        for n in notes[:_SHOWN_NOTES]
    ]
    if len(notes) > _SHOWN_NOTES:
        lines.append(
            say(
                "  ……另有 {count} 行，用 --json 查看全部",
                "  … and {count} more rows: --json lists them all",
                count=len(notes) - _SHOWN_NOTES,
            )
        )
    return lines


def _unmapped(columns: Sequence[UnmappedColumn]) -> list[str]:
    """Columns holding data that nothing imported: never left unsaid."""
    if not columns:
        return []
    lines = [
        say(
            "未导入的列（{count} 列有数据，内容没有导入）：",
            "Columns not imported ({count} columns hold data that was not imported):",
            count=len(columns),
        )
    ]
    lines += [
        say(
            "  {column}：{rows} 行有值",
            "  {column}: {rows} rows hold values",
            column=c.label,
            rows=c.filled_rows,
        )
        for c in columns
    ]
    lines.append(
        say(
            "  如需导入，请在程序的“导入花名册”中调整列对应（对应关系会按表头记住）",
            "  To import them, match the columns in the program's roster import (the matching is "
            "remembered by the headings)",
        )
    )
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
    verb = say("预览（未写入）", "Preview (nothing written)") if args.dry_run else say("已导入", "Imported")
    lines = [
        say(
            "{verb}：新增 {added} 户，更新 {updated} 户，未变 {unchanged} 户，拒绝 {rejected} 行，"
            "提示 {warnings} 条（{year} 年度）",
            "{verb}: {added} households added, {updated} updated, {unchanged} unchanged, {rejected} rows "
            "refused, {warnings} notes (the year {year})",
            verb=verb,
            added=outcome.added,
            updated=outcome.updated,
            unchanged=outcome.unchanged,
            rejected=len(outcome.rejected),
            warnings=len(outcome.warnings),
            year=outcome.year,
        ),
        say(
            "年度：{year}（{reason}）",
            "Year: {year} ({reason})",
            year=outcome.year,
            reason=outcome.year_reason,
        ),
    ]
    lines += _unmapped(outcome.unmapped_columns)
    if outcome.villages_created:
        lines.append(say("新建的村：", "Villages created: ") + say("、", ", ").join(outcome.villages_created))
    lines += _notes(say("拒绝的行", "Rows refused"), payload["rejected"])
    lines += _notes(say("提示", "Notes"), payload["warnings"])
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
    shown = (
        say("完整身份证号和电话", "whole ID numbers and phones")
        if summary.full_personal_data
        else say("身份证号和电话已遮盖", "ID numbers and phones masked")
    )
    emit(
        args,
        payload,
        say(
            "已导出花名册：{path}（{households} 户，{members} 人，{year} 年度，{shown}）",
            "Roster exported: {path} ({households} households, {members} people, the year {year}, {shown})",
            path=summary.path,
            households=summary.households,
            members=summary.members,
            year=summary.year,
            shown=shown,
        ),
    )
    return EXIT_OK


def register(command: AddCommand) -> None:
    importing = command(
        "import-roster",
        say(
            "导入村里报来的农户花名册（.xlsx、.xls 或 .csv）",
            "import a village's household roster (.xlsx, .xls or .csv)",
        ),
        cmd_import_roster,
    )
    importing.add_argument("file", metavar="FILE", help=say("花名册文件", "the roster file"))
    importing.add_argument(
        "--dry-run",
        action="store_true",
        help=say(
            "只预览新增、更新和拒绝的行，不写入",
            "only show the rows that would be added, updated and refused, writing nothing",
        ),
    )
    importing.add_argument(
        "--year",
        type=integer,
        metavar="YEAR",
        help=say(
            "收入所属的调查年度（默认：标题中的年份，否则今年）",
            "the survey year of the incomes (default: the year the headings name, else this year)",
        ),
    )
    importing.add_argument(
        "--rejected-out",
        metavar="FILE.xlsx",
        help=say(
            "把被拒绝的行连同原因另存为 Excel，退回村里修改",
            "save the refused rows with their reasons as an Excel file, to send back to the village",
        ),
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

    exporting = command(
        "export-roster",
        say(
            "把本站点的农户导出为花名册（.xlsx，可再导入）",
            "export this station's households as a roster (.xlsx, which can be imported again)",
        ),
        cmd_export_roster,
    )
    exporting.add_argument(
        "--out", required=True, metavar="FILE.xlsx", help=say("导出的文件", "the file to write")
    )
    exporting.add_argument(
        "--year",
        type=integer,
        metavar="YEAR",
        help=say("收入的调查年度（默认：最新年度）", "the survey year of the incomes (default: the latest)"),
    )
    exporting.add_argument(
        "--reason",
        metavar="TEXT",
        help=say(
            "导出原因，记入审计日志（有权查看完整身份证号的用户导出完整花名册时必填）",
            "why it is exported, kept in the audit log (required when a user who may see whole ID "
            "numbers exports the whole roster)",
        ),
    )
    exporting.add_argument(
        "--masked",
        action="store_true",
        help=say(
            "身份证号和电话遮盖后导出（如 211381********0019），无需原因",
            "export with ID numbers and phones masked (such as 211381********0019), no reason needed",
        ),
    )
