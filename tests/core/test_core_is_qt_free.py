"""The core (huimin_desktop/) never imports PySide6, shiboken6 or ui/: checked in the source and live."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "huimin_desktop"
FORBIDDEN = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "ui")


def _forbidden(module: str) -> bool:
    return module.split(".")[0] in FORBIDDEN


def _imports(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def test_no_core_module_imports_qt_or_ui_in_its_source() -> None:
    sources = sorted(CORE.rglob("*.py"))
    assert len(sources) > 10
    offenders = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in sources
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if _forbidden(module)
    ]
    assert offenders == []


IMPORT_EVERYTHING = """
import importlib, json, pkgutil, sys
import huimin_desktop
names = [m.name for m in pkgutil.walk_packages(huimin_desktop.__path__, "huimin_desktop.")]
for name in names:
    importlib.import_module(name)
import huimin_desktop.cli, huimin_desktop.services.station  # the facades, whatever walk_packages found
print(json.dumps({"imported": names, "modules": sorted(sys.modules)}))
"""


def test_importing_every_core_module_loads_no_qt_and_no_ui() -> None:
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert len(report["imported"]) > 10
    loaded = [name for name in report["modules"] if _forbidden(name)]
    assert loaded == []
