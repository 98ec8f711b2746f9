"""The ``report`` command: the year's official tables (报表) to one .xlsx."""

from __future__ import annotations

import argparse

from huimin_desktop.cli.common import (
    EXIT_OK,
    AddCommand,
    add_area_options,
    check_output_file,
    emit,
    end_progress_line,
    open_station,
    progress_printer,
)
from huimin_desktop.cli.words import say
from huimin_desktop.services.reports import TABLE_NAMES_EN


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
        say(
            "已生成报表：{path}（{year} 年度，{area}，{count} 张表）",
            "Report written: {path} (the year {year}, {area}, {count} tables)",
            path=summary.path,
            year=summary.year,
            area=summary.scope,
            count=len(summary.sheets),
        )
    ]
    names = [
        say(title, TABLE_NAMES_EN.get(key, key))
        for title, key in zip(summary.sheets, summary.tables or summary.sheets, strict=True)
    ]
    lines += [f"  {name}" for name in names]
    emit(args, payload, "\n".join(lines))
    return EXIT_OK


def register(command: AddCommand) -> None:
    report = command(
        "report",
        say(
            "生成年度统计报表（项目、农户增收、培训、绩效考核、资金使用，.xlsx）",
            "write the year's statistical report (projects, household income, training, performance "
            "assessment, use of funds; .xlsx)",
        ),
        cmd_report,
    )
    add_area_options(
        report,
        year_help=say("统计年度", "the year reported"),
        out_help=say("报表文件", "the report file"),
    )
