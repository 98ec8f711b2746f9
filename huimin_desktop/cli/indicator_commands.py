"""The city's indicators on the command line: ``indicators list|add|edit|remove|import|copy``.

The same use cases as 考核's 新建指标 / 编辑 / 删除 (services/indicators.py): only a city station's
reviewer or administrator changes them; ``list`` is open to every user. ``edit`` changes only the
options given; ``--milestone MONTH=VALUE[:TEXT]`` (repeated) replaces all the milestones.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from huimin_desktop.cli.common import EXIT_OK, AddCommand, CommandFailed, emit, integer, open_station
from huimin_desktop.cli.words import say
from huimin_desktop.services.indicators import IndicatorInput, Milestone
from huimin_desktop.services.project_records import IndicatorRecord, IndicatorRow
from huimin_desktop.services.station import Station

ACTIONS = ("list", "add", "edit", "remove", "import", "copy")

# option dest → IndicatorInput field, for the plain values add and edit take
_PLAIN = {
    "code": "code",
    "name": "name",
    "target": "target",
    "target_value": "target_value",
    "unit": "unit",
    "max_score": "max_score",
    "method": "scoring_method",
    "standard": "scoring_rule",
    "deduction": "deduction",
    "step": "deduction_step",
    "grace_days": "grace_days",
    "figure": "figure",
    "responsible": "responsible_person",
    "lead_unit": "lead_unit",
    "deadline": "deadline",
    "evidence": "evidence",
}


def _row_json(row: IndicatorRow) -> dict[str, Any]:
    return {
        "id": row.id,
        "county": row.division_name,
        "county_id": row.division_id,
        "year": row.year,
        "code": row.code,
        "name": row.name,
        "target_value": row.target_value,
        "unit": row.unit,
        "max_score": row.max_score,
        "deadline": row.deadline.isoformat() if row.deadline else None,
        "latest_value": row.latest_value,
    }


def _row_line(row: IndicatorRow) -> str:
    target = "" if row.target_value is None else f"{row.target_value:g}{row.unit}"
    latest = "—" if row.latest_value is None else f"{row.latest_value:g}"
    return "\t".join((row.division_name, str(row.year), row.code or "—", row.name, target, latest, row.id))


def _list(args: argparse.Namespace, station: Station) -> int:
    county = _county(station, args.county) if args.county else None
    rows = station.indicators.list(args.year, county)
    heading = say(
        "县（市、区）\t年度\t编号\t名称\t目标\t最新进度\tID", "county\tyear\tcode\tname\ttarget\tlatest\tid"
    )
    summary = say("共 {n} 个指标", "{n} indicators", n=len(rows))
    emit(
        args,
        {"indicators": [_row_json(r) for r in rows]},
        "\n".join([heading, *(_row_line(r) for r in rows), summary]),
    )
    return EXIT_OK


def _county(station: Station, written: str) -> str:
    """A county's id from its code or name (the report command's rule)."""
    return station.reports.resolve_scope(county=written).division_id


def _milestones(written: list[str] | None) -> tuple[Milestone, ...] | None:
    """``MONTH=VALUE[:TEXT]`` or ``MONTH=:TEXT`` each; None when none is given."""
    if written is None:
        return None
    found: list[Milestone] = []
    for item in written:
        month_text, _, rest = item.partition("=")
        value_text, _, description = rest.partition(":")
        try:
            month = int(month_text)
            value = float(value_text) if value_text.strip() else None
        except ValueError:
            raise CommandFailed(
                say(
                    "时间节点“{item}”应写成 月份=计划值[:说明]，如 6=400:半年过四成",
                    "milestone '{item}' should read MONTH=VALUE[:TEXT], e.g. 6=400:half way",
                    item=item,
                )
            ) from None
        found.append((month, value, description.strip()))
    return tuple(found)


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    changes = {
        field: getattr(args, dest) for dest, field in _PLAIN.items() if getattr(args, dest) is not None
    }
    milestones: tuple[Milestone, ...] | None = () if args.no_milestones else _milestones(args.milestone)
    if milestones is not None:
        changes["milestones"] = tuple(milestones)
    return changes


def _add(args: argparse.Namespace, station: Station) -> int:
    if not args.name:
        raise CommandFailed(
            say("indicators add：缺少 --name（指标名称）", "indicators add: --name is missing")
        )
    if args.year is None:
        raise CommandFailed(
            say("indicators add：缺少 --year（考核年度）", "indicators add: --year is missing")
        )
    if not args.county:
        raise CommandFailed(
            say(
                "indicators add：缺少 --county（区划代码、名称，或 all 表示全部县）",
                "indicators add: --county is missing (a code, a name, or all for every county)",
            )
        )
    data = IndicatorInput(division_id="", year=args.year, name=args.name)
    data = dataclasses.replace(data, **_changes(args))
    counties = None if args.county in ("all", "全部") else [_county(station, args.county)]
    ids = station.indicators.create_for_counties(data, counties, user=station.db.actor.username)
    rows = [r for r in station.indicators.list(args.year) if r.id in set(ids)]
    lines = [say("已新增 {n} 个指标：", "Added {n} indicators:", n=len(ids)), *(_row_line(r) for r in rows)]
    emit(args, {"added": [_row_json(r) for r in rows]}, "\n".join(lines))
    return EXIT_OK


def _find(args: argparse.Namespace, station: Station) -> IndicatorRecord:
    """The indicator ``TARGET`` names: its id, or its code (with --county and --year when not unique)."""
    if not args.target:
        raise CommandFailed(
            say(
                "indicators {a}：缺少指标 ID 或编号",
                "indicators {a}: the indicator's id or code is missing",
                a=args.action,
            )
        )
    county = _county(station, args.county) if args.county else None
    rows = [r for r in station.indicators.list(args.year, county) if args.target in (r.id, r.code)]
    if len(rows) != 1:
        raise CommandFailed(
            say(
                "没有（或有 {n} 个）ID 或编号为“{t}”的指标；"
                "请用 indicators list 查看，必要时加 --county 和 --year",
                "{n} indicators have the id or code '{t}'; "
                "see indicators list, add --county and --year if needed",
                n=len(rows),
                t=args.target,
            )
        )
    return station.indicators.get(rows[0].id)


def _edit(args: argparse.Namespace, station: Station) -> int:
    record = _find(args, station)
    current = IndicatorInput(
        **{
            f.name: getattr(record, f.name)
            for f in dataclasses.fields(IndicatorInput)
            if f.name != "milestones"
        },
        milestones=tuple((m.month, m.planned_value, m.description) for m in record.milestones),
    )
    changed = dataclasses.replace(current, **_changes(args))  # --year picks the indicator, not changed
    result = station.indicators.update(record.id, changed, user=station.db.actor.username)
    row = next(r for r in station.indicators.list() if r.id == result.id)
    warnings = [w.message for w in result.warnings]
    emit(
        args, {"edited": _row_json(row)}, "\n".join([say("已修改：", "Edited: ") + _row_line(row), *warnings])
    )
    return EXIT_OK


def _remove(args: argparse.Namespace, station: Station) -> int:
    record = _find(args, station)
    station.indicators.delete(record.id, user=station.db.actor.username)
    emit(
        args,
        {"removed": record.id},
        say(
            "已删除指标“{name}”（{id}）",
            "Removed the indicator '{name}' ({id})",
            name=record.name,
            id=record.id,
        ),
    )
    return EXIT_OK


def _import(args: argparse.Namespace, station: Station) -> int:
    if not args.target:
        raise CommandFailed(
            say("indicators import：缺少 FILE.xlsx", "indicators import: FILE.xlsx is missing")
        )
    summary = station.indicators.import_workbook(Path(args.target), user=station.db.actor.username)
    emit(
        args,
        {"path": str(summary.path), "created": summary.created, "updated": summary.updated},
        say(
            "已导入 {path}：新增 {c} 个指标，更新 {u} 个",
            "Imported {path}: {c} indicators added, {u} updated",
            path=summary.path,
            c=summary.created,
            u=summary.updated,
        ),
    )
    return EXIT_OK


def _copy(args: argparse.Namespace, station: Station) -> int:
    if args.from_year is None or args.year is None:
        raise CommandFailed(
            say(
                "indicators copy：须给出 --from-year 和 --year",
                "indicators copy: give --from-year and --year",
            )
        )
    county = _county(station, args.county) if args.county else None
    summary = station.indicators.copy_year(args.from_year, args.year, county, user=station.db.actor.username)
    lines = [
        say(
            "已把 {f} 年的 {n} 个指标复制到 {t} 年",
            "Copied {n} indicators of {f} to {t}",
            f=summary.from_year,
            t=summary.to_year,
            n=len(summary.copied),
        )
    ]
    lines += [say("  未复制：{why}", "  not copied: {why}", why=why) for why in summary.skipped]
    emit(args, {"copied": list(summary.copied), "skipped": list(summary.skipped)}, "\n".join(lines))
    return EXIT_OK


_HANDLERS = {"list": _list, "add": _add, "edit": _edit, "remove": _remove, "import": _import, "copy": _copy}


def cmd_indicators(args: argparse.Namespace) -> int:
    if args.action == "import" and args.target and not Path(args.target).is_file():
        raise CommandFailed(say("找不到文件 {path}", "no such file: {path}", path=args.target))
    with open_station(args) as station:
        return _HANDLERS[args.action](args, station)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            say("“{text}”不是日期（写成 2026-12-31）", "'{text}' is not a date (write 2026-12-31)", text=text)
        ) from None


def _decimal(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            say("“{text}”不是数字", "'{text}' is not a number", text=text)
        ) from None


def register(command: AddCommand) -> None:
    parser = command(
        "indicators",
        say(
            "考核指标（市级）：list 列出、add 新增、edit 修改、remove 删除、"
            "import 从 .xlsx 导入、copy 复制上年指标",
            "assessment indicators (the city's): list, add, edit, remove, import from .xlsx, copy a year's",
        ),
        cmd_indicators,
    )
    parser.add_argument("action", choices=ACTIONS, metavar="ACTION", help=say("、", ", ").join(ACTIONS))
    parser.add_argument(
        "target",
        nargs="?",
        metavar="ID|CODE|FILE",
        help=say(
            "edit/remove：指标 ID 或编号；import：工作簿",
            "edit/remove: the indicator's id or code; import: the workbook",
        ),
    )
    parser.add_argument("--year", type=integer, metavar="Y", help=say("考核年度", "the assessment year"))
    parser.add_argument(
        "--county",
        metavar="C",
        help=say("县（市、区）：区划代码或名称（add 可写 'all'）", "county: code or name (add: all)"),
    )
    parser.add_argument(
        "--from-year", type=integer, metavar="Y", help=say("copy：来源年度", "copy: the year copied")
    )
    _plan_options(parser)


def _plan_options(parser: argparse.ArgumentParser) -> None:
    text_options = {
        "--code": ("编号", "the code"),
        "--name": ("指标名称", "the name"),
        "--target": ("目标（计划原文）", "the target as the plan words it"),
        "--unit": ("单位", "the unit"),
        "--method": (
            "计分方式：'proportional' / 'all_or_nothing' / 'milestone_deduction' / 'shortfall_deduction'",
            "the scoring method: proportional / all_or_nothing / milestone_deduction / shortfall_deduction",
        ),
        "--standard": ("计分标准（原文）", "the scoring standard as worded"),
        "--figure": (
            "关联数据（'households_covered' 等；空为手工填报）",
            "the bound figure (empty: entered by hand)",
        ),
        "--responsible": ("责任人", "the responsible person"),
        "--lead-unit": ("牵头单位", "the lead unit"),
        "--evidence": ("证明材料", "the evidence required"),
    }
    for option, (zh, en) in text_options.items():
        parser.add_argument(option, metavar="TEXT", help=say(zh, en))
    for option, (zh, en) in {
        "--target-value": ("目标值", "the target value"),
        "--max-score": ("分值", "the score"),
        "--deduction": ("每次扣分", "the deduction"),
        "--step": ("每档差额（按差额扣分）", "one step's shortfall"),
    }.items():
        parser.add_argument(option, type=_decimal, metavar="N", help=say(zh, en))
    parser.add_argument("--grace-days", type=integer, metavar="N", help=say("宽限天数", "days of grace"))
    parser.add_argument(
        "--deadline", type=_day, metavar="DATE", help=say("完成时限（2026-12-31）", "the deadline")
    )
    parser.add_argument(
        "--milestone",
        action="append",
        metavar="M=VALUE[:TEXT]",
        help=say(
            "时间节点（可重复，替换全部节点），如 6=400:半年过四成", "a milestone (repeat; replaces them all)"
        ),
    )
    parser.add_argument(
        "--no-milestones",
        action="store_true",
        help=say("edit：删去全部时间节点", "edit: drop every milestone"),
    )
