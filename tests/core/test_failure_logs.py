"""The sealed failure logs and their reader: written sealed once a login unlocked the key, rotated (the
newest 50, none older than 90 days), listed and read by administrators only, exported in clear only with
a reason that the audit log keeps; and ``huimin logs list|show|export`` over them, in both languages."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

import pytest

from huimin_desktop.errors import PermissionDeniedError, ServiceError
from huimin_desktop.services import failure_logs
from huimin_desktop.services.station import Station
from tests.core.test_cli import assert_failed_cleanly, run
from tests.stations import open_station

ID_NUMBER = "211381198001010019"


def _bug(station: Station, message: str) -> str:
    """A real bug through the command line's handler, as ``main`` would log it: the line it prints."""
    from huimin_desktop.cli.failures import log_bug

    try:
        raise RuntimeError(message)
    except RuntimeError as error:
        return log_bug(error, argparse.Namespace(data=str(station.data_dir)))


def test_a_bug_is_sealed_listed_and_read_by_an_administrator(station: Station) -> None:
    line = _bug(station, f"bug while saving {ID_NUMBER} 宝斯鲁")
    assert "logs show --last" in line  # the one line says how to read it
    [entry] = station.failure_logs.entries()
    assert entry.sealed and entry.name.startswith("cli-") and entry.name.endswith(".log.sealed")
    assert ID_NUMBER.encode() not in entry.path.read_bytes()
    assert ID_NUMBER in entry.text and "Traceback" in entry.text
    assert entry.error == f"RuntimeError: bug while saving {ID_NUMBER} 宝斯鲁"
    assert entry.source == failure_logs.CLI and entry.number == 1
    assert abs((dt.datetime.now() - entry.at).total_seconds()) < 3600
    assert station.failure_logs.get() == entry


def test_logs_rotate_to_the_newest_fifty_and_ninety_days(station: Station) -> None:
    root = station.data_dir
    now = dt.datetime(2026, 12, 3, 9, 0, 0)
    for minute in range(55):
        failure_logs.write(root, failure_logs.CLI, f"--- x huimin 1 (pid 1): main.py check\nE{minute}\n",
                           now=now - dt.timedelta(minutes=55 - minute))  # fmt: skip
    names = sorted(p.name for p in failure_logs.log_folder(root).glob("*.sealed"))
    assert len(names) == failure_logs.KEEP_LOGS == 50
    texts = [log.error for log in station.failure_logs.entries()]
    assert texts[0] == "E54" and texts[-1] == "E5"  # the five oldest went
    later = now + dt.timedelta(days=failure_logs.KEEP_DAYS, minutes=-25)  # E30 … E54 are younger
    failure_logs.write(root, failure_logs.GUI, "--- y huimin 1 (pid 2): GUI\nlate\n", now=later)
    left = station.failure_logs.entries()
    assert [log.error for log in left][:1] == ["late"] and len(left) == 26  # older than 90 days: gone
    assert left[0].source == failure_logs.GUI


def test_only_an_administrator_reads_the_logs(station: Station) -> None:
    _bug(station, "a bug")
    station.users.create("checker", "审核员甲", "reviewer", password="check-pass-1")
    with open_station(station.data_dir, user="checker", password="check-pass-1") as reviewer:
        with pytest.raises(PermissionDeniedError):
            reviewer.failure_logs.entries()
        with pytest.raises(PermissionDeniedError):
            reviewer.failure_logs.export(station.data_dir, "support")


def test_an_export_needs_a_reason_and_is_audited(station: Station, tmp_path: Path) -> None:
    _bug(station, f"first {ID_NUMBER}")
    _bug(station, "second")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ServiceError) as refused:
        station.failure_logs.export(out, "  ")
    assert refused.value.code == "logs.reason_required"
    assert list(out.iterdir()) == []
    written = station.failure_logs.export(out, "发给技术支持：合并时出错")
    text = written.read_text(encoding="utf-8")
    assert ID_NUMBER in text and text.count("Traceback") == 2
    [line] = [a for a in station.audit.lines() if a.kind == "failure_log"]
    assert line.action == "export" and "发给技术支持" in line.summary
    with pytest.raises(ServiceError) as missing:
        station.failure_logs.export(out, "x", [3])
    assert missing.value.code == "logs.no_such"


def test_a_clear_log_from_before_any_login_is_listed_too(tmp_path: Path) -> None:
    from tests.stations import new_station

    with new_station(tmp_path / "s", level="city", name="朝阳市民委", division_code="211300") as city:
        folder = failure_logs.log_folder(city.data_dir)
        folder.mkdir(exist_ok=True)
        (folder / "cli.log").write_text(
            "--- 2026-12-01T10:00:00 huimin 1.0 (pid 7): main.py init --level city\nTraceback …\nOSError: x\n"
            "--- 2026-12-02T11:00:00 huimin 1.0 (pid 8): main.py check\nTraceback …\nValueError: y\n",
            encoding="utf-8",
        )
        logs = city.failure_logs.entries()
    assert [(log.command, log.error, log.sealed) for log in logs] == [
        ("check", "ValueError: y", False),
        ("init --level city", "OSError: x", False),
    ]


# -- the command line ------------------------------------------------------------------------------


def test_logs_list_show_and_export_through_the_command_line(station: Station, tmp_path: Path) -> None:
    _bug(station, f"bug with {ID_NUMBER}")
    data = str(station.data_dir)
    listed = run("logs", "list", "--json", "--data", data)
    assert listed.returncode == 0, listed.stderr
    payload = json.loads(listed.stdout)
    assert payload["count"] == 1 and payload["logs"][0]["sealed"] is True
    assert payload["logs"][0]["error"] == f"RuntimeError: bug with {ID_NUMBER}"
    plain = run("logs", "list", "--data", data)
    assert "命令行" in plain.stdout and plain.stdout.startswith("1\t")
    english = run("--lang", "en", "logs", "list", "--data", data)
    assert "command line" in english.stdout and "命令行" not in english.stdout

    shown = run("logs", "show", "--last", "--data", data)
    assert shown.returncode == 0 and "Traceback" in shown.stdout and shown.stdout.startswith("错误日志 1（")
    assert run("logs", "show", "1", "--data", data).stdout == shown.stdout
    assert_failed_cleanly(run("logs", "show", "9", "--data", data))

    out = tmp_path / "support"
    out.mkdir()
    refused = run("logs", "export", "--to", str(out), "--data", data)
    assert_failed_cleanly(refused)
    assert "--reason" in refused.stderr and list(out.iterdir()) == []
    assert_failed_cleanly(
        run("logs", "export", "--to", str(tmp_path / "nowhere"), "--reason", "x", "--data", data)
    )
    done = run("logs", "export", "--to", str(out), "--reason", "support ticket 12", "--json", "--data", data)
    assert done.returncode == 0, done.stderr
    written = Path(json.loads(done.stdout)["file"])
    assert written.parent == out and ID_NUMBER in written.read_text(encoding="utf-8")
    # on disk the log itself is still sealed
    assert all(
        ID_NUMBER.encode() not in p.read_bytes() for p in failure_logs.log_folder(station.data_dir).iterdir()
    )


def test_a_clerk_is_refused_by_the_command_line(station: Station) -> None:
    station.users.create("clerk", "录入员甲", "entry", password="clerk-pass-1")
    refused = run(
        "logs",
        "list",
        "--data",
        str(station.data_dir),
        env={"HUIMIN_USER": "clerk", "HUIMIN_PASSWORD": "clerk-pass-1"},
    )
    assert_failed_cleanly(refused)
    assert "logs.read" in refused.stderr


def test_a_clear_log_is_sealed_by_the_next_failure_after_a_login(station: Station) -> None:
    folder = failure_logs.log_folder(station.data_dir)
    folder.mkdir(exist_ok=True)
    clear = folder / "gui.log"
    clear.write_text("--- 2026-12-01T10:00:00 huimin 1.0 (pid 7): GUI\nValueError: 宝斯鲁 typed\n", "utf-8")
    failure_logs.write(
        station.data_dir, failure_logs.CLI, "--- 2026-12-03T10:00:00 huimin 1 (pid 9): m.py x\nE\n"
    )
    assert not clear.exists()
    assert all("宝斯鲁".encode() not in p.read_bytes() for p in folder.iterdir())
    logs = station.failure_logs.entries()
    assert sorted(log.error for log in logs) == ["E", "ValueError: 宝斯鲁 typed"] and all(
        log.sealed for log in logs
    )
