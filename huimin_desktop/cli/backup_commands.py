"""Backup commands: ``backup --to DIR`` (to a USB stick: database, key vault, attachments; resumable,
verified) and ``restore BACKUP`` (a stick backup folder or a copy from backups/, checked first).
Administrators only."""

from __future__ import annotations

import argparse
from pathlib import Path

from huimin_desktop.cli.common import (
    EXIT_OK,
    AddCommand,
    emit,
    end_progress_line,
    open_station,
    progress_printer,
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


def cmd_restore(args: argparse.Namespace) -> int:
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
