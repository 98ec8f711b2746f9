"""The ``report`` command: the year's official tables (报表) to one .xlsx."""

from __future__ import annotations

import argparse

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


def cmd_report(args: argparse.Namespace) -> int:
    target = check_output_file(args.out, suffix=".xlsx")  # before any work: a refusal writes nothing
    with open_station(args) as station:
        scope = station.reports.resolve_scope(args.county, args.township)
        summary = station.reports.export(target, args.year, scope, task=progress_printer(args))
    end_progress_line(args)
    payload = {
        "path": str(summary.path),
        "year": summary.year,
        "scope": summary.scope,
        "sheets": list(summary.sheets),
        "rows": summary.rows,
    }
    lines = [
        f"已生成报表：{summary.path}（{summary.year} 年度，{summary.scope}，{len(summary.sheets)} 张表）"
    ]
    lines += [f"  {name}" for name in summary.sheets]
    emit(args, payload, "\n".join(lines))
    return EXIT_OK


def register(command: AddCommand) -> None:
    report = command(
        "report", "生成年度统计报表（项目、农户增收、培训、绩效考核、资金使用，.xlsx）", cmd_report
    )
    report.add_argument("--year", required=True, type=integer, metavar="YEAR", help="统计年度")
    scope = report.add_mutually_exclusive_group()
    scope.add_argument("--county", metavar="C", help="只统计一个县（市、区）：区划代码或名称")
    scope.add_argument("--township", metavar="T", help="只统计一个乡镇：区划代码或名称")
    report.add_argument("--out", required=True, metavar="FILE.xlsx", help="报表文件")
