"""The program must run unchanged on the townships' Windows laptops: no POSIX-only calls or paths.

Scans the shipped code (main.py, huimin_desktop/, ui/; not tests or scripts) for modules that exist only
on POSIX, os and signal functions Windows lacks, and string literals that are absolute POSIX paths. Code
that needs such a thing on one platform says so with a ``sys.platform`` / ``os.name`` test in the same
function, and the allow-list below names it.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = [
    ROOT / "main.py",
    *sorted((ROOT / "huimin_desktop").rglob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
]

POSIX_ONLY_MODULES = frozenset({"fcntl", "termios", "tty", "pty", "pwd", "grp", "resource", "posix", "crypt"})
POSIX_ONLY_CALLS = frozenset(
    {
        "os.fork",
        "os.forkpty",
        "os.setsid",
        "os.getuid",
        "os.geteuid",
        "os.getgid",
        "os.killpg",
        "os.mkfifo",
        "os.chown",
        "os.lchown",
        "os.getpgid",
        "os.setpgrp",
        "os.sync",
        "os.statvfs",
        "signal.SIGKILL",
        "signal.SIGHUP",
        "signal.SIGUSR1",
        "signal.SIGUSR2",
        "signal.SIGALRM",
        "signal.SIGQUIT",
        "signal.SIGCHLD",
        "signal.alarm",
        "signal.SIGPIPE",
    }
)
POSIX_PATH_PREFIXES = (
    "/tmp",
    "/home",
    "/dev/",
    "/proc/",
    "/var/",
    "/usr/",
    "/etc/",
    "/media",
    "/mnt",
    "/run/",
)

# file (relative) → names allowed there, each behind a platform test or a fallback for Windows
ALLOWED = {
    "huimin_desktop/sync/drives.py": {"/media", "/run/media", "/mnt"},  # the Linux branch of removable_drives
    "huimin_desktop/cli/common.py": {"os.statvfs"},  # read-only mount check; AttributeError on Windows
    "huimin_desktop/store/file_lock.py": {"fcntl"},  # the POSIX branch; msvcrt.locking on Windows
}


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    if isinstance(node, ast.Name):
        return node.id
    return None


def _looks_like_posix_path(value: object) -> bool:
    return (
        isinstance(value, str)
        and value.startswith(POSIX_PATH_PREFIXES)
        and not any(c in value for c in " \n")
    )


def _findings(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] in POSIX_ONLY_MODULES]
        elif (
            isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.split(".")[0] in POSIX_ONLY_MODULES
        ):
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Attribute) and _dotted(node) in POSIX_ONLY_CALLS:
            found.append((node.lineno, _dotted(node) or ""))
        elif isinstance(node, ast.Constant) and _looks_like_posix_path(node.value):
            found.append((node.lineno, node.value))
    return found


def test_shipped_code_has_no_posix_only_calls_or_paths() -> None:
    offenders = []
    for path in SHIPPED:
        relative = path.relative_to(ROOT).as_posix()
        allowed = ALLOWED.get(relative, set())
        offenders += [f"{relative}:{line}: {what}" for line, what in _findings(path) if what not in allowed]
    assert offenders == []


def test_the_scan_finds_what_it_looks_for(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text(
        "import fcntl\nimport os, signal\nos.fork()\nos.kill(1, signal.SIGKILL)\nLOG = '/tmp/huimin.log'\n",
        encoding="utf-8",
    )
    found = sorted(what for _line, what in _findings(sample))
    assert found == ["/tmp/huimin.log", "fcntl", "os.fork", "signal.SIGKILL"]


def test_the_allow_list_names_only_what_is_there() -> None:
    for relative, names in ALLOWED.items():
        found = {what for _line, what in _findings(ROOT / relative)}
        assert names <= found, f"{relative}: no longer uses {names - found}; drop it from ALLOWED"
