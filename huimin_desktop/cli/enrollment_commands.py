"""Enrollment commands: ``enroll`` (a setup file for a lower station), ``revoke`` and ``stations``."""

from __future__ import annotations

import argparse

from huimin_desktop.cli.common import EXIT_OK, AddCommand, check_output_file, emit, open_station
from huimin_desktop.cli.words import level_word, say
from huimin_desktop.services.enrollment import PeerInfo

# How a peer stands to this station (services/enrollment.py), as ``stations`` words it.
RELATION_WORDS = {"upper": ("上级", "upper"), "lower": ("下级", "lower"), "relayed": ("经转", "relayed")}


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
    emit(
        args,
        payload,
        say(
            "已吊销站点：{name}（{division}）；此后其签发的同步包一律拒绝",
            "Station revoked: {name} ({division}); every package it signs from now on is refused",
            name=peer.name,
            division=peer.division_code,
        ),
    )
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


def _relation(code: str) -> str:
    return say(*RELATION_WORDS[code]) if code in RELATION_WORDS else code


def cmd_stations(args: argparse.Namespace) -> int:
    with open_station(args) as station:
        peers = station.enrollment.peers()
    revoked = say("  已吊销", "  revoked")
    lines = [
        f"{_relation(p.relation)}  {p.name}  {p.division_code}  {p.station_id}  "
        f"{p.fingerprint or '-'}{revoked if p.revoked else ''}"
        for p in peers
    ]
    none = say("本站还没有上级或下级站点", "This station has no upper or lower station yet")
    emit(args, {"stations": [_peer_json(p) for p in peers]}, "\n".join(lines) or none)
    return EXIT_OK


def register(command: AddCommand) -> None:
    enroll = command(
        "enroll",
        say(
            "登记下级站点，生成其安装文件（市、县站点）",
            "enrol a lower station and write its setup file (city and county stations)",
        ),
        cmd_enroll,
    )
    enroll.add_argument(
        "--level",
        choices=["county", "township"],
        help=say(
            "下级站点级别（默认按区划代码：6 位为县，12 位为乡镇）",
            "the lower station's level (by default from the division code: 6 digits a county, 12 a township)",
        ),
    )
    enroll.add_argument(
        "--division",
        metavar="CODE",
        required=True,
        help=say("下级站点的区划代码", "the lower station's division code"),
    )
    enroll.add_argument(
        "--name",
        metavar="NAME",
        required=True,
        help=say("下级站点名称，如“马友营蒙古族乡”", "the lower station's name, as written in Chinese"),
    )
    enroll.add_argument(
        "--out",
        metavar="FILE",
        required=True,
        help=say(
            "安装文件写到哪里（如 U 盘上的 setup.json）",
            "where to write the setup file (such as setup.json on the USB stick)",
        ),
    )
    enroll.add_argument(
        "--force",
        action="store_true",
        help=say(
            "该区划已登记时重新登记（如换了电脑）：原来那台电脑的同步包此后不再接受",
            "enrol again a division already enrolled (a new computer): the packages of the computer "
            "it had before are no longer accepted",
        ),
    )

    revoke = command(
        "revoke",
        say(
            "吊销下级站点（如电脑丢失）：此后拒绝其同步包",
            "revoke a lower station (a lost computer): its packages are refused from then on",
        ),
        cmd_revoke,
    )
    revoke.add_argument(
        "station",
        metavar="STATION",
        help=say("站点编号、区划代码或名称", "the station's id, division code or name"),
    )
    revoke.add_argument(
        "--reason", metavar="TEXT", help=say("原因，记入审计日志", "the reason, kept in the audit log")
    )

    command(
        "stations",
        say("列出本站的上级、下级和经转站点", "list this station's upper, lower and relayed stations"),
        cmd_stations,
    )
