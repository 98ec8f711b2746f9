"""Layers point one way: ui → services → sync / spreadsheet → store → stamps / model / domain.

Checked in the source (every import statement, at module level or inside a function), so an import that
would run only on some path is caught too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.core.test_core_is_qt_free import _imports

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "huimin_desktop"

# package under huimin_desktop/ → the packages of huimin_desktop it must never import
FORBIDDEN_BELOW = {
    "sync": ("services", "cli", "demo"),
    "spreadsheet": ("services", "cli", "demo"),
    "store": ("sync", "services", "spreadsheet", "cli", "demo"),
    "security": ("store", "sync", "services", "spreadsheet", "cli", "demo", "model"),
    "stamps": ("store", "sync", "services", "spreadsheet", "cli", "demo"),
    "model": ("store", "sync", "services", "spreadsheet", "cli", "demo"),
    "domain": ("store", "sync", "services", "spreadsheet", "cli", "model", "demo"),
}


def _offenders(package: str, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for path in sorted((CORE / package).rglob("*.py")):
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            parts = module.split(".")
            if parts[0] == "huimin_desktop" and len(parts) > 1 and parts[1] in forbidden:
                found.append(f"{path.relative_to(ROOT)}:{line}: {module}")
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN_BELOW))
def test_lower_layers_never_import_higher_ones(package: str) -> None:
    assert (CORE / package).is_dir()
    assert _offenders(package, FORBIDDEN_BELOW[package]) == []


def test_the_check_finds_an_upward_import() -> None:
    """The rule can fail: services import sync, which is exactly what sync may not do back."""
    assert _offenders("services", ("sync",)) != []


def test_ui_reaches_the_demo_generator_only_through_the_facade() -> None:
    """The GUI's "open the demo data" calls ``Station.open_demo`` / ``Station.generate_demo``."""
    found = []
    for path in sorted((ROOT / "ui").rglob("*.py")):
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if module == "huimin_desktop.demo" or module.startswith("huimin_desktop.demo."):
                found.append(f"{path.relative_to(ROOT)}:{line}: {module}")
    assert found == []
