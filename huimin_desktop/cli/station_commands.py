"""Station commands: ``init``, ``demo`` and ``check``."""

from __future__ import annotations

import argparse
import os

from huimin_desktop.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    USER_ENV,
    AddCommand,
    CommandFailed,
    emit,
    end_progress_line,
    integer,
    open_station,
    progress_printer,
    read_password,
    recovery_notice,
)
from huimin_desktop.cli.words import level_word, say
from huimin_desktop.services.station import DEMO_ADMIN, DEMO_PASSWORD, Station, has_station


def _open_new_station(args: argparse.Namespace) -> Station:
    if args.setup:
        given = [flag for flag, value in (("--level", args.level), ("--name", args.name)) if value]
        if given or args.division:
            raise CommandFailed(
                say(
                    "使用 --setup 时站点信息来自安装文件，不要再给 --level、--name、--division",
                    "with --setup the station comes from the setup file: leave out --level, --name and "
                    "--division",
                )
            )
        if not args.code:
            raise CommandFailed(
                say(
                    "缺少参数：--code（上级站点登记时给出的 12 位安装码，如 7K3Q-M9TX-2BHD）",
                    "missing: --code (the 12-character setup code the upper station gave at enrolment, "
                    "e.g. 7K3Q-M9TX-2BHD)",
                )
            )
        admin, password = _first_admin(args)
        return Station.create_from_setup(args.data, args.setup, args.code, admin=admin, password=password)
    if args.code:
        raise CommandFailed(say("--code 只与 --setup 一起使用", "--code goes only with --setup"))
    missing = [
        flag
        for flag, value in (("--level", args.level), ("--name", args.name), ("--division", args.division))
        if not value
    ]
    if missing:
        raise CommandFailed(
            say(
                "缺少参数：{missing}（或用 --setup FILE 从上级站点的安装文件初始化）",
                "missing: {missing} (or set up from the upper station's setup file with --setup FILE)",
                missing=" ".join(missing),
            )
        )
    admin, password = _first_admin(args)
    return Station.create(
        args.data,
        level=args.level,
        name=args.name,
        division_code=args.division,
        admin=admin,
        password=password,
    )


def _first_admin(args: argparse.Namespace) -> tuple[str, str]:
    admin = args.admin or os.environ.get(USER_ENV)
    if not admin:
        raise CommandFailed(
            say(
                "缺少参数：--admin NAME（第一位管理员的用户名）",
                "missing: --admin NAME (the first administrator)",
            )
        )
    return admin, read_password(
        args,
        prompt=say("管理员 {admin} 的密码：", "Password of the administrator {admin}: ", admin=admin),
        confirm=True,
    )


def cmd_init(args: argparse.Namespace) -> int:
    with _open_new_station(args) as station:
        info = station.info()
        payload = {
            "station": info.id,
            "name": info.name,
            "level": info.level,
            "division": info.division_code,
            "data": str(station.data_dir),
            "admin": station.db.actor.username,
            "recovery_code": station.recovery_code,
        }
    emit(
        args,
        payload,
        say(
            "已初始化站点：{name}（{level}，{division}），数据文件夹 {data}，管理员 {admin}",
            "Station set up: {name} ({level}, {division}), data folder {data}, administrator {admin}",
            name=info.name,
            level=level_word(info.level),
            division=info.division_code,
            data=payload["data"],
            admin=payload["admin"],
        )
        + f"\n{recovery_notice(station.recovery_code or '')}",
    )
    return EXIT_OK


# DemoSummary's fields, as the demo summary names them.
DEMO_COUNTS = {
    "villages": ("村", "villages"),
    "households": ("农户", "households"),
    "members": ("家庭成员", "members"),
    "surveys": ("调查", "surveys"),
    "projects": ("项目", "projects"),
    "trainings": ("培训", "trainings"),
    "indicators": ("考核指标", "indicators"),
    "attachments": ("附件", "attachments"),
}


def cmd_demo(args: argparse.Namespace) -> int:
    if args.households < 1:
        raise CommandFailed(
            say(
                "--households 应为正整数，收到 {value}",
                "--households takes a positive whole number, not {value}",
                value=args.households,
            )
        )
    if args.attachments_mb < 0:
        raise CommandFailed(
            say(
                "--attachments-mb 不能为负数，收到 {value}",
                "--attachments-mb cannot be negative, not {value}",
                value=args.attachments_mb,
            )
        )
    created = not has_station(args.data)
    station = Station.open_demo(args.data)[0] if created else open_station(args)
    with station:
        summary = station.generate_demo(
            args.households,
            seed=args.seed,
            attachments_mb=args.attachments_mb,
            task=progress_printer(args),
        )
        payload = {
            "station": station.info().id,
            "created_station": created,
            "data": str(station.data_dir),
            **vars(summary),
        }
    end_progress_line(args)
    text = say("已生成演示数据：", "Demo data generated: ") + say("，", ", ").join(
        say("{what} {count}", "{count} {what}", what=say(*DEMO_COUNTS[key]), count=count)
        for key, count in vars(summary).items()
    )
    if created:
        payload.update(user=DEMO_ADMIN, password=DEMO_PASSWORD)
        text += say(
            "\n已新建演示站点：用户名 {user}，密码 {password}",
            "\nDemo station created: user {user}, password {password}",
            user=DEMO_ADMIN,
            password=DEMO_PASSWORD,
        )
    emit(args, payload, text)
    return EXIT_OK


def cmd_check(args: argparse.Namespace) -> int:
    with open_station(args) as station:
        removed, freed = station.remove_unused_blobs() if args.remove_unused else (0, 0)
        report = station.check(verify_hashes=not args.quick)
    payload = {
        "ok": report.ok,
        "problems": list(report.problems),
        "unused_blobs": report.unused_blobs,
        "unused_bytes": report.unused_bytes,
        "removed_blobs": removed,
        "removed_bytes": freed,
        "leftovers": list(report.leftovers),
        "digest": report.digest,
    }
    lines = [
        say("检查通过：数据库与附件完好", "Check passed: the database and attachments are sound")
        if report.ok
        else say("发现问题：", "Problems found:"),
        *report.problems,
    ]
    lines += report.leftovers
    lines.append(
        say(
            "同步数据摘要：{digest}（两站数据相同则摘要相同）",
            "Digest of the synchronised data: {digest} (two stations holding the same data have the same)",
            digest=report.digest,
        )
    )
    if removed:
        lines.append(
            say(
                "已删除 {count} 个没有记录使用的附件文件（{size}）",
                "Removed {count} attachment files no record used ({size})",
                count=removed,
                size=_megabytes(freed),
            )
        )
    if report.unused_blobs:
        hint = (
            say("（1 小时内新存入的不删除）", " (files stored in the last hour are kept)")
            if args.remove_unused
            else say("；可用 check --remove-unused 删除", "; check --remove-unused removes them")
        )
        lines.append(
            say(
                "附件库中有 {count} 个文件没有任何记录使用（{size}），多为中断的添加附件或合并留下{hint}",
                "{count} files in the attachment store are used by no record ({size}), mostly left by an "
                "interrupted attachment or merge{hint}",
                count=report.unused_blobs,
                size=_megabytes(report.unused_bytes),
                hint=hint,
            )
        )
    emit(args, payload, "\n".join(lines))
    return EXIT_OK if report.ok else EXIT_FAILED


def _megabytes(size: int) -> str:
    return f"{size / 1024**2:.1f} MB"


def register(command: AddCommand) -> None:
    init = command(
        "init",
        say("新建站点（市、县或乡镇）", "set up a station (city, county or township)"),
        cmd_init,
        login=False,
    )
    init.add_argument(
        "--admin",
        metavar="NAME",
        help=say(
            "第一位管理员的用户名（默认：HUIMIN_USER；密码取自 HUIMIN_PASSWORD 或提示输入两次）",
            "the first administrator's user name (default: HUIMIN_USER; the password comes from "
            "HUIMIN_PASSWORD or is asked twice)",
        ),
    )
    init.add_argument(
        "--level", choices=["city", "county", "township"], help=say("站点级别", "the station's level")
    )
    init.add_argument(
        "--name",
        metavar="NAME",
        help=say("站点名称，如“北票市民宗局”", "the station's name, as written in Chinese"),
    )
    init.add_argument(
        "--division",
        metavar="CODE",
        help=say(
            "区划代码：市、县 6 位，乡镇 12 位",
            "the division code: 6 digits for a city or county, 12 for a township",
        ),
    )
    init.add_argument(
        "--setup",
        metavar="FILE",
        help=say(
            "上级站点登记时生成的安装文件（乡镇、县首次启动）",
            "the setup file the upper station made when enrolling this one (a township's or county's "
            "first start)",
        ),
    )
    init.add_argument(
        "--code",
        metavar="CODE",
        help=say(
            "与安装文件分开告知的安装码（和 --setup 一起用）",
            "the setup code, told apart from the setup file (with --setup)",
        ),
    )

    demo = command(
        "demo",
        say(
            "生成演示数据（用于演示和性能测试；数据文件夹中没有站点时先建一个市级演示站点）",
            "generate demo data (for demonstrations and benchmarks; sets up a city demo station first in "
            "a data folder without one)",
        ),
        cmd_demo,
    )
    demo.add_argument(
        "--households", type=integer, required=True, metavar="N", help=say("农户数", "how many households")
    )
    demo.add_argument(
        "--attachments-mb",
        type=integer,
        default=0,
        metavar="M",
        help=say("附件照片总量（MB）", "the attachment photos' total size (MB)"),
    )
    demo.add_argument(
        "--seed",
        type=integer,
        default=828,
        metavar="S",
        help=say("随机种子（相同种子生成相同数据）", "the random seed (the same seed makes the same data)"),
    )

    check = command(
        "check", say("检查数据库完整性和附件库", "check the database and the attachment store"), cmd_check
    )
    check.add_argument(
        "--quick",
        action="store_true",
        help=say(
            "只检查附件是否存在，不重新计算校验值",
            "only check that attachments exist, without re-hashing them",
        ),
    )
    check.add_argument(
        "--remove-unused",
        action="store_true",
        help=say(
            "删除附件库中没有任何记录使用的文件（中断的添加或合并留下的；1 小时内新存入的不删）",
            "remove the attachment files no record uses (left by an interrupted attachment or merge; "
            "files stored in the last hour are kept)",
        ),
    )
