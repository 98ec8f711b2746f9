"""The ``public-notice`` command: a year's 公示 list of beneficiaries (name, village, project, amount)."""

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


def cmd_public_notice(args: argparse.Namespace) -> int:
    target = check_output_file(args.out, suffix=".xlsx")  # before any work: a refusal writes nothing
    with open_station(args) as station:
        scope = station.reports.resolve_scope(args.county, args.township)
        summary = station.public_notice.export(target, args.year, scope, task=progress_printer(args))
    end_progress_line(args)
    payload = {
        "path": str(summary.path),
        "year": summary.year,
        "scope": summary.scope,
        "households": summary.households,
        "lines": summary.lines,
        "total": summary.total,
    }
    emit(
        args,
        payload,
        say(
            "已生成公示名单：{path}（{year} 年度，{area}，{households} 户，{lines} 户次，"
            "扶持资金合计 {total:,} 元）",
            "Public notice written: {path} (the year {year}, {area}, {households} households, {lines} "
            "lines, {total:,} yuan of support in all)",
            path=summary.path,
            year=summary.year,
            area=summary.scope,
            households=summary.households,
            lines=summary.lines,
            total=summary.total,
        ),
    )
    return EXIT_OK


def register(command: AddCommand) -> None:
    notice = command(
        "public-notice",
        say(
            "生成受益农户公示名单（户主姓名、村、项目、扶持资金；不含身份证号、电话、健康和银行信息，.xlsx）",
            "write the public notice of beneficiary households (head's name, village, project, support; "
            "never ID numbers, phones, health or bank data; .xlsx)",
        ),
        cmd_public_notice,
    )
    add_area_options(
        notice,
        year_help=say("项目年度", "the projects' year"),
        out_help=say("公示名单文件", "the public notice file"),
    )
