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
from huimin_desktop.cli.words import say


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
    resumed = (
        say(
            "（接着上次未完成的备份，{reused} 个文件已在 U 盘上）",
            " (going on with the unfinished backup: {reused} files were on the stick already)",
            reused=result.reused,
        )
        if result.resumed
        else ""
    )
    text = say(
        "已备份到 {folder}{resumed}：数据库、密钥库和附件 {attachments} 个，共 {files} 个文件 {size:.1f} MB，"
        "已读回校验。可以安全拔出 U 盘。",
        "Backed up to {folder}{resumed}: the database, the key vault and {attachments} attachments, "
        "{files} files and {size:.1f} MB in all, read back and checked. The USB stick can be removed "
        "safely.",
        folder=result.folder,
        resumed=resumed,
        attachments=result.attachments,
        files=result.files,
        size=result.bytes / 1_048_576,
    )
    emit(args, payload, text)
    return EXIT_OK


def _restore_new(args: argparse.Namespace) -> int:
    """The data folder holds no station: a stick's backup opened with its own vault (a new laptop)."""
    from huimin_desktop.services.station import Station

    user = login_name(args)
    if args.code:
        prompt = say("{name} 的新密码：", "New password of {name}: ", name=user)
        password = read_password(args, env=NEW_PASSWORD_ENV, prompt=prompt, confirm=True)
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
    text = say(
        "已把备份 {backup} 恢复到 {data}（{name}）。本站的签名密钥不随备份携带："
        "请让上级站点重新登记本站后再同步",
        "The backup {backup} was restored to {data} ({name}). The station's signing key does not travel "
        "with a backup: have the upper station enrol this station again before you sync",
        backup=args.backup,
        data=station.data_dir,
        name=info.name,
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
            emit(
                args,
                payload,
                say(
                    "备份 {backup}（{taken}）完好，可以恢复",
                    "The backup {backup} ({taken}) is sound and can be restored",
                    backup=checked.source,
                    taken=checked.taken_at,
                ),
            )
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
    text = say(
        "已从 {backup}（{taken}）恢复；恢复前的数据已备份为 {copy}",
        "Restored from {backup} ({taken}); the data as it was before is backed up as {copy}",
        backup=result.source,
        taken=result.taken_at,
        copy=result.safety_copy,
    )
    if result.attachments_added:
        text += say(
            "；补回附件 {count} 个",
            "; {count} attachments brought back",
            count=result.attachments_added,
        )
    emit(args, payload, text)
    return EXIT_OK


def register(command: AddCommand) -> None:
    backup = command(
        "backup",
        say(
            "备份到 U 盘：数据库（加密）、密钥库和附件；中断后再运行会接着做，写完读回校验（管理员）",
            "back up to a USB stick: the database (encrypted), the key vault and the attachments; run "
            "again after an interruption it goes on, and it reads everything back to check it "
            "(administrators)",
        ),
        cmd_backup,
    )
    backup.add_argument(
        "--to",
        required=True,
        metavar="DIR",
        help=say("目标文件夹（U 盘）", "the folder to write to (the USB stick)"),
    )
    restore = command(
        "restore",
        say(
            "从备份恢复：先检查（损坏、不完整、别站或密钥不符的备份被拒绝，数据不变），恢复前先备份当前数据（管理员）",
            "restore from a backup: it is checked first (a damaged or unfinished backup, another "
            "station's or one under another key is refused and nothing changes), and the current data "
            "is backed up before it is replaced (administrators)",
        ),
        cmd_restore,
    )
    restore.add_argument(
        "backup",
        metavar="BACKUP",
        help=say(
            "U 盘上的备份文件夹，或 backups/ 中的 .db 备份",
            "a backup folder on the USB stick, or a .db copy in backups/",
        ),
    )
    restore.add_argument(
        "--check",
        action="store_true",
        help=say("只检查备份，不恢复", "only check the backup, without restoring it"),
    )
    restore.add_argument(
        "--code",
        metavar="CODE",
        help=say(
            "没有站点的文件夹（新电脑）：用管理员恢复码打开备份；"
            "--user 的新密码取自 HUIMIN_NEW_PASSWORD 或提示",
            "into a folder without a station (a new computer): open the backup with the administrator's "
            "recovery code; the new password of --user comes from HUIMIN_NEW_PASSWORD or a prompt",
        ),
    )
