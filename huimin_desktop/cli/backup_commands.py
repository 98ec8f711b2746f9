"""Backup commands: ``backup --to DIR`` (to a USB stick: database, key vault, attachments; resumable,
verified) and ``restore BACKUP`` (a stick backup folder or a copy from backups/, checked first).
Administrators only. ``restore`` into a folder without a station (a new laptop) opens a stick's backup
with its own vault: ``--user`` and the password, or ``--code`` (the recovery code) and a new password."""

from __future__ import annotations

import argparse
from pathlib import Path

from huimin_desktop.cli.common import (
    EXIT_OK,
    NEW_PASSWORD_ENV,
    AddCommand,
    emit,
    end_progress_line,
    login_name,
    open_station,
    progress_printer,
    read_password,
)


def cmd_backup(args: argparse.Namespace) -> int:
    with open_station(args) as station:
        result = station.backups.to_drive(Path(args.to), task=progress_printer(args))
    end_progress_line(args)
    payload = {
        "backup": str(result.folder),
        "files": result.files,
        "bytes": result.bytes,
        "attachments": result.attachments,
        "copied": result.copied,
        "reused": result.reused,
        "resumed": result.resumed,
        "verified": True,
    }
    resumed = f"（接着上次未完成的备份，{result.reused} 个文件已在 U 盘上）" if result.resumed else ""
    text = (
        f"已备份到 {result.folder}{resumed}：数据库、密钥库和附件 {result.attachments} 个，"
        f"共 {result.files} 个文件 {result.bytes / 1_048_576:.1f} MB，已读回校验。可以安全拔出 U 盘。"
    )
    emit(args, payload, text)
    return EXIT_OK


def _restore_new(args: argparse.Namespace) -> int:
    """The data folder holds no station: a stick's backup opened with its own vault (a new laptop)."""
    from huimin_desktop.services.station import Station

    user = login_name(args)
    if args.code:
        password = read_password(args, env=NEW_PASSWORD_ENV, prompt=f"{user} 的新密码：", confirm=True)
    else:
        password = read_password(args)
    with Station.restore_new(
        args.data, Path(args.backup), user, password, recovery_code=args.code
    ) as station:
        info = station.info()
    payload = {
        "restored": str(Path(args.backup).absolute()),
        "kind": "drive",
        "station": info.name,
        "new": True,
    }
    text = (
        f"已把备份 {args.backup} 恢复到 {station.data_dir}（{info.name}）。本站的签名密钥不随备份携带："
        "请让上级站点重新登记本站后再同步"
    )
    emit(args, payload, text)
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    from huimin_desktop.services.station import has_station

    if not args.check and not has_station(args.data):
        return _restore_new(args)
    with open_station(args) as station:
        if args.check:
            checked = station.backups.check(Path(args.backup), task=progress_printer(args))
            end_progress_line(args)
            payload = {
                "ok": True,
                "backup": str(checked.source),
                "kind": checked.kind,
                "taken_at": checked.taken_at,
            }
            emit(args, payload, f"备份 {checked.source}（{checked.taken_at}）完好，可以恢复")
            return EXIT_OK
        result = station.backups.restore(Path(args.backup), task=progress_printer(args))
    end_progress_line(args)
    payload = {
        "restored": str(result.source),
        "kind": result.kind,
        "taken_at": result.taken_at,
        "safety_copy": str(result.safety_copy),
        "attachments_added": result.attachments_added,
    }
    text = f"已从 {result.source}（{result.taken_at}）恢复；恢复前的数据已备份为 {result.safety_copy}" + (
        f"；补回附件 {result.attachments_added} 个" if result.attachments_added else ""
    )
    emit(args, payload, text)
    return EXIT_OK


def register(command: AddCommand) -> None:
    backup = command(
        "backup",
        "备份到 U 盘：数据库（加密）、密钥库和附件；中断后再运行会接着做，写完读回校验（管理员）",
        cmd_backup,
    )
    backup.add_argument("--to", required=True, metavar="DIR", help="目标文件夹（U 盘）")
    restore = command(
        "restore",
        "从备份恢复：先检查（损坏、不完整、别站或密钥不符的备份被拒绝，数据不变），恢复前先备份当前数据（管理员）",
        cmd_restore,
    )
    restore.add_argument("backup", metavar="BACKUP", help="U 盘上的备份文件夹，或 backups/ 中的 .db 备份")
    restore.add_argument("--check", action="store_true", help="只检查备份，不恢复")
    restore.add_argument(
        "--code",
        metavar="CODE",
        help="没有站点的文件夹（新电脑）：用管理员恢复码打开备份；"
        "--user 的新密码取自 HUIMIN_NEW_PASSWORD 或提示",
    )
