"""``check``: database integrity plus the attachment store, as a list of plain-language problems."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError

from huimin_desktop.model import Attachment, StationIdentity
from huimin_desktop.store import fingerprints, schema
from huimin_desktop.store.attachments import blob_path, file_hashes
from huimin_desktop.store.database import Database


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


def check_station(db: Database, *, verify_hashes: bool = True) -> CheckReport:
    problems: list[str] = []
    with db.engine.connect() as connection:
        integrity = [row[0] for row in connection.execute(text("PRAGMA integrity_check"))]
        if integrity != ["ok"]:
            problems += [f"数据库完整性检查失败：{line}" for line in integrity[:20]]
        for table, rowid, parent, _ in connection.execute(text("PRAGMA foreign_key_check")).fetchall()[:20]:
            problems.append(f"表 {table} 第 {rowid} 行引用了不存在的 {parent} 记录")
        triggers = set(connection.scalars(text("SELECT name FROM sqlite_master WHERE type='trigger'")).all())
        if not {"audit_log_no_update", "audit_log_no_delete"} <= triggers:
            problems.append("审计日志缺少防篡改触发器")
        try:
            connection.execute(
                text("INSERT INTO household_search(household_search, rank) VALUES ('integrity-check', 1)")
            )
        except DatabaseError:
            problems.append("农户搜索索引与农户数据不一致（可重建索引修复）")
        finally:
            connection.rollback()
    revision = schema.current_revision(db.engine)
    if revision != schema.head_revision():
        problems.append(f"数据库结构版本为 {revision}，应为 {schema.head_revision()}")
    with db.reader() as session:
        if session.scalar(select(StationIdentity.id)) is None:
            problems.append("数据文件夹中没有站点信息（请先初始化站点）")
        blobs = session.execute(
            select(Attachment.sha256, Attachment.filename).where(Attachment.deleted.is_(False)).distinct()
        ).all()
        known = fingerprints.load(session, list({sha256 for sha256, _ in blobs})) if verify_hashes else {}
    root = db.folder.attachments_dir
    checked: set[str] = set()
    mended: list[fingerprints.Fingerprint] = []
    for sha256, filename in blobs:
        if sha256 in checked:  # one blob attached under several names (or to several records): read once
            continue
        checked.add(sha256)
        path = blob_path(root, sha256)
        if not path.is_file():
            problems.append(f"附件缺失：{filename}（{sha256[:12]}…）")
        elif verify_hashes:
            actual, quick = file_hashes(path)
            if actual != sha256:
                problems.append(f"附件已损坏（内容与校验值不符）：{filename}（{sha256[:12]}…）")
            elif known.get(sha256) != (size := path.stat().st_size, quick):
                mended.append(
                    (sha256, size, quick)
                )  # missing (stored before 0008) or wrong: exports trust it
    if mended:
        with db.session(capture=False) as session:
            fingerprints.record(session, mended)
    return CheckReport(tuple(problems))
