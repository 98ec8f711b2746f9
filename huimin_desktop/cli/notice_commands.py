"""The ``public-notice`` command: a year's 公示 list of beneficiaries (name, village, project, amount)."""

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
        f"已生成公示名单：{summary.path}（{summary.year} 年度，{summary.scope}，{summary.households} 户，"
        f"{summary.lines} 户次，扶持资金合计 {summary.total:,} 元）",
    )
    return EXIT_OK


def register(command: AddCommand) -> None:
    notice = command(
        "public-notice",
        "生成受益农户公示名单（户主姓名、村、项目、扶持资金；不含身份证号、电话、健康和银行信息，.xlsx）",
        cmd_public_notice,
    )
    notice.add_argument("--year", required=True, type=integer, metavar="YEAR", help="项目年度")
    scope = notice.add_mutually_exclusive_group()
    scope.add_argument("--county", metavar="C", help="只列一个县（市、区）：区划代码或名称")
    scope.add_argument("--township", metavar="T", help="只列一个乡镇：区划代码或名称")
    notice.add_argument("--out", required=True, metavar="FILE.xlsx", help="公示名单文件")
