"""The command line: --help everywhere, JSON keys from DESIGN.md §5, and bad input changing nothing."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        timeout=120,
    )


def snapshot(folder: Path) -> dict[str, str]:
    if not folder.exists():
        return {}
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
        for p in sorted(folder.rglob("*"))
    }


def assert_failed_cleanly(result: subprocess.CompletedProcess[str], *, usage: bool = False) -> None:
    assert result.returncode == (2 if usage else 1), result
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    if usage or "--json" not in result.args:
        assert result.stdout == ""
    else:  # --json: one object on stdout on failure too, with the same reason and its code
        failed = json.loads(result.stdout)
        assert set(failed) == {"ok", "error", "reason"} and failed["ok"] is False, failed
        assert failed["error"] and failed["reason"] in result.stderr, (failed, result.stderr)


@pytest.fixture(scope="module")
def city(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cli") / "city"
    result = run(
        "init", "--data", str(folder), "--level", "city", "--name", "朝阳市民委", "--division", "211300"
    )
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize("command", [[], ["init"], ["demo"], ["check"]])
def test_help_for_every_command(command: list[str]) -> None:
    result = run(*command, "--help", env={"LC_ALL": "zh_CN.UTF-8"})
    assert result.returncode == 0
    assert "用法：" in result.stdout
    if command:
        assert "--data" in result.stdout


def test_init_json_keys(tmp_path: Path) -> None:
    result = run(
        "init",
        "--data",
        str(tmp_path / "t"),
        "--level",
        "township",
        "--name",
        "三家子蒙古族乡",
        "--division",
        "211382217000",
        "--json",
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert {"station", "name", "level", "division"} <= payload.keys()
    assert payload["level"] == "township" and payload["division"] == "211382217000"
    assert len(payload["station"]) == 32


def test_demo_then_check(city: Path) -> None:
    demo = run("demo", "--data", str(city), "--households", "30", "--seed", "7", "--json")
    assert demo.returncode == 0, demo.stderr
    assert json.loads(demo.stdout)["households"] == 30
    check = run("check", "--data", str(city), "--json")
    assert check.returncode == 0, check.stderr
    payload = json.loads(check.stdout)
    assert len(payload.pop("digest")) == 64  # tests/core/test_sync_digest.py
    assert payload == {
        "ok": True,
        "problems": [],
        "unused_blobs": 0,
        "unused_bytes": 0,
        "removed_blobs": 0,
        "removed_bytes": 0,
        "leftovers": [],
    }


def test_check_reports_and_removes_blobs_no_record_uses(city: Path) -> None:
    leftover = hashlib.sha256(b"a photo whose intake was killed").hexdigest()
    path = city / "attachments" / leftover[:2] / leftover[2:4] / leftover
    path.parent.mkdir(parents=True)
    path.write_bytes(b"a photo whose intake was killed")
    check = run("check", "--data", str(city))
    assert check.returncode == 0, check.stderr  # wasted space, not damage
    assert "附件库中有 1 个文件没有任何记录使用" in check.stdout and "check --remove-unused" in check.stdout
    fresh = run("check", "--data", str(city), "--remove-unused", "--json")
    assert json.loads(fresh.stdout)["removed_blobs"] == 0 and path.exists()  # too new: maybe still in use
    old = time.time() - 2 * 3600
    os.utime(path, (old, old))
    removed = json.loads(run("check", "--data", str(city), "--remove-unused", "--json").stdout)
    assert (removed["removed_blobs"], removed["removed_bytes"], removed["unused_blobs"]) == (1, 31, 0)
    assert not path.exists()


def test_demo_creates_a_demo_station_in_an_empty_folder(tmp_path: Path) -> None:
    result = run("demo", "--data", str(tmp_path / "d"), "--households", "5", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["created_station"] is True


@pytest.mark.parametrize(
    ("args", "usage"),
    [
        (["init", "--level", "village", "--name", "x", "--division", "211300"], True),
        (["init", "--level", "city", "--name", "x", "--division", "21130"], False),
        (["init", "--level", "city", "--name", "x", "--division", "211381"], False),  # a county code
        (["init", "--level", "township", "--name", "x", "--division", "211381"], False),
        (["init", "--level", "city", "--name", "  ", "--division", "211300"], False),
        (["init", "--level", "city", "--division", "211300"], False),
        (["init", "--level", "city", "--name", "又一个", "--division", "211300"], False),  # already a station
        (["demo", "--households", "0"], False),
        (["demo", "--households", "-5"], False),
        (["demo", "--households", "many"], True),
        (["demo", "--households", "10", "--attachments-mb", "-1"], False),
        (["demo"], True),
        (["check", "--bogus"], True),
        (["frobnicate"], True),
    ],
)
def test_bad_input_fails_with_one_line_and_changes_nothing(city: Path, args: list[str], usage: bool) -> None:
    before = snapshot(city)
    result = run(*args[:1], "--data", str(city), *args[1:]) if args[0] != "frobnicate" else run(*args)
    assert_failed_cleanly(result, usage=usage)
    assert snapshot(city) == before


def test_check_on_a_folder_without_station(tmp_path: Path) -> None:
    result = run("check", "--data", str(tmp_path / "empty"))
    assert_failed_cleanly(result)
    assert "init" in result.stderr
    assert not (tmp_path / "empty").exists()


def test_a_failed_json_command_prints_one_object_with_the_code(tmp_path: Path, city: Path) -> None:
    """A script reading ``--json`` output gets an object on failure too: ``ok`` false, the refusal's
    stable code and the same one-line reason as stderr, in the command's language."""
    from tests.core.test_cli_language import CJK

    result = run("check", "--json", "--data", str(tmp_path / "empty"))
    assert_failed_cleanly(result)
    assert json.loads(result.stdout)["error"] == "no_station"
    result = run("demo", "--json", "--lang", "en", "--households", "0", "--data", str(city))
    assert_failed_cleanly(result)
    failed = json.loads(result.stdout)
    assert failed["error"] and not CJK.search(failed["reason"]), failed
    result = run("check", "--households", "0", "--json")  # a malformed command line: usage, no object
    assert_failed_cleanly(result, usage=True)


def test_check_on_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "huimin.db").write_bytes(b"this is not sqlite" * 100)
    before = snapshot(folder)
    result = run("check", "--data", str(folder))
    assert_failed_cleanly(result)
    assert snapshot(folder) == before


def test_check_reports_a_damaged_attachment(tmp_path: Path) -> None:
    folder = tmp_path / "att"
    assert run("demo", "--data", str(folder), "--households", "20", "--attachments-mb", "1").returncode == 0
    blobs = [p for p in (folder / "attachments").rglob("*") if p.is_file()]
    assert blobs
    blobs[0].write_bytes(b"flipped" + blobs[0].read_bytes()[7:])
    result = run("check", "--data", str(folder), "--json")
    assert result.returncode == 1
    problems = json.loads(result.stdout)["problems"]
    assert any("损坏" in p for p in problems)


def test_data_folder_from_environment(tmp_path: Path) -> None:
    folder = tmp_path / "env"
    result = run(
        "init", "--level", "city", "--name", "市", "--division", "211300", env={"HUIMIN_DATA": str(folder)}
    )
    assert result.returncode == 0, result.stderr
    assert (folder / "huimin.db").is_file()


def test_a_relative_data_folder_works(tmp_path, monkeypatch) -> None:
    from huimin_desktop.cli import main

    monkeypatch.chdir(tmp_path)
    init = ["init", "--level", "city", "--name", "朝阳市民委", "--division", "211300"]
    assert main([*init, "--data", "city"]) == 0
    assert main(["check", "--data", "city"]) == 0
    assert (tmp_path / "city" / "huimin.db").is_file()
