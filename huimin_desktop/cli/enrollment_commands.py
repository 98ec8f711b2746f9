"""Enrollment commands: ``enroll`` (a setup file for a lower station), ``revoke`` and ``stations``."""

from __future__ import annotations

import argparse

from huimin_desktop.cli.common import EXIT_OK, AddCommand, check_output_file, emit, open_station
from huimin_desktop.cli.words import level_word, say
from huimin_desktop.services.enrollment import PeerInfo

RELATION_NAMES = {"upper": "上级", "lower": "下级", "relayed": "经转"}


def cmd_enroll(args: argparse.Namespace) -> int:
    # An existing file is never overwritten: it may be another station's setup file, not yet used.
    out = check_output_file(args.out, overwrite=False)
    with open_station(args) as station:
        level = args.level or ("county" if len(args.division) == 6 else "township")
        result = station.enrollment.enroll(level, args.name, args.division, out, force=args.force)
    payload = {
        "station": result.station_id,
        "name": result.name,
        "level": result.level,
        "division": result.division,
        "setup_file": str(result.setup_file),
        "setup_code": result.setup_code,
        "reenrolled": result.reenrolled,
    }
    again = (
        say(
            "（重新登记：原来那台电脑的同步包此后不再接受）",
            " (enrolled again: the packages of the computer it had before are no longer accepted)",
        )
        if result.reenrolled
        else ""
    )
    emit(
        args,
        payload,
        say(
            "已登记下级站点：{name}（{level}，{division}）{again}\n安装文件：{file}\n安装码：{code}\n"
            "初始化时要同时用到安装文件和安装码（init --setup 文件 --code 安装码）。"
            "安装码请另行告知（电话或纸条），不要和 U 盘放在一起；只能使用一次。",
            "Lower station enrolled: {name} ({level}, {division}){again}\nSetup file: {file}\n"
            "Setup code: {code}\nSetting it up takes both the setup file and the code (init --setup FILE "
            "--code CODE). Tell the code separately (by phone or on paper), never with the USB stick; "
            "it works once.",
            name=result.name,
            level=level_word(result.level),
            division=result.division,
            again=again,
            file=result.setup_file,
            code=result.setup_code,
        ),
    )
    return EXIT_OK


def cmd_revoke(args: argparse.Namespace) -> int:
    with open_station(args) as station:
        peer = station.enrollment.revoke(args.station, args.reason or "")
    payload = {**_peer_json(peer), "station": peer.station_id}
    emit(args, payload, f"已吊销站点：{peer.name}（{peer.division_code}）；此后其签发的同步包一律拒绝")
    return EXIT_OK


def _peer_json(peer: PeerInfo) -> dict[str, object]:
    return {
        "station": peer.station_id,
        "name": peer.name,
        "level": peer.level,
        "division": peer.division_code,
        "relation": peer.relation,
        "via": peer.via,
        "fingerprint": peer.fingerprint,
        "enrolled_at": peer.enrolled_at.isoformat(sep=" ") if peer.enrolled_at else None,
        "revoked": peer.revoked,
        "revoked_at": peer.revoked_at.isoformat(sep=" ") if peer.revoked_at else None,
        "acked_seq": peer.acked_seq,
        "received_seq": peer.received_seq,
    }


def cmd_stations(args: argparse.Namespace) -> int:
    with open_station(args) as station:
        peers = station.enrollment.peers()
    lines = [
        f"{RELATION_NAMES.get(p.relation, p.relation)}  {p.name}  {p.division_code}  {p.station_id}  "
        f"{p.fingerprint or '-'}{'  已吊销' if p.revoked else ''}"
        for p in peers
    ]
    emit(args, {"stations": [_peer_json(p) for p in peers]}, "\n".join(lines) or "本站还没有上级或下级站点")
    return EXIT_OK


def register(command: AddCommand) -> None:
    enroll = command("enroll", "登记下级站点，生成其安装文件（市、县站点）", cmd_enroll)
    enroll.add_argument(
        "--level",
        choices=["county", "township"],
        help="下级站点级别（默认按区划代码：6 位为县，12 位为乡镇）",
    )
    enroll.add_argument("--division", metavar="CODE", required=True, help="下级站点的区划代码")
    enroll.add_argument("--name", required=True, help="下级站点名称，如“马友营蒙古族乡”")
    enroll.add_argument(
        "--out", metavar="FILE", required=True, help="安装文件写到哪里（如 U 盘上的 setup.json）"
    )
    enroll.add_argument(
        "--force",
        action="store_true",
        help="该区划已登记时重新登记（如换了电脑）：原来那台电脑的同步包此后不再接受",
    )

    revoke = command("revoke", "吊销下级站点（如电脑丢失）：此后拒绝其同步包", cmd_revoke)
    revoke.add_argument("station", metavar="STATION", help="站点编号、区划代码或名称")
    revoke.add_argument("--reason", metavar="TEXT", help="原因，记入审计日志")

    command("stations", "列出本站的上级、下级和经转站点", cmd_stations)
