"""A fast check of build.spec, so the one-folder build cannot silently lose a module again.

The full proof is scripts/build.sh (build, then scripts/smoke_built.py through the built programs,
run by .ci/run); this test runs in a second and says which module a build would miss: every module that
the code names in a string (the CLI's COMMAND_MODULES, imported by name at run time) lies in a package
the spec collects whole or is a hidden import, and no Qt module the spec leaves out is imported.
"""

from __future__ import annotations

import ast
import importlib.util
import re
from pathlib import Path

from tests.core.test_core_is_qt_free import _imports
from tests.core.test_portability import SHIPPED

ROOT = Path(__file__).resolve().parents[2]
SPEC = ast.parse((ROOT / "build.spec").read_text(encoding="utf-8"), "build.spec")
MODULE_NAME = re.compile(r"^(huimin_desktop|ui)(\.[a-z_][a-z0-9_]*)+$")


def _spec_calls(function: str) -> list[str]:
    return [
        node.args[0].value
        for node in ast.walk(SPEC)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == function
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ]


def _spec_constant(name: str) -> list[str]:
    for node in SPEC.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return [
                e.value
                for e in ast.walk(node.value)
                if isinstance(e, ast.Constant) and isinstance(e.value, str)
            ]
    raise AssertionError(f"build.spec has no {name}")


def _modules_named_in_strings() -> set[str]:
    named = set()
    for path in SHIPPED:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and MODULE_NAME.match(node.value)
            ):
                named.add(node.value)
    return named


def test_every_module_named_at_run_time_is_collected() -> None:
    collected = set(_spec_calls("collect_submodules"))
    hidden = set(_spec_constant("HIDDEN_IMPORTS"))
    assert {"huimin_desktop", "ui"} <= collected
    named = _modules_named_in_strings()
    assert "huimin_desktop.cli.station_commands" in named  # the CLI's command modules are among them
    missing = [m for m in sorted(named) if m.split(".")[0] not in collected and m not in hidden]
    assert missing == []
    not_there = [m for m in sorted(named) if importlib.util.find_spec(m) is None]
    assert not_there == []


def test_no_left_out_qt_module_is_imported() -> None:
    left_out = {f"PySide6.{part}" for part in _spec_constant("UNUSED_QT_PARTS")}
    used = []
    for path in SHIPPED:
        for line, module in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if any(module == name or module.startswith(f"{name}.") for name in left_out):
                used.append(f"{path.relative_to(ROOT)}:{line}: {module}")
    assert used == []


def test_resources_and_migrations_ship_with_the_build() -> None:
    (analysis,) = [
        n for n in ast.walk(SPEC) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "Analysis"
    ]
    (datas,) = [k.value for k in analysis.keywords if k.arg == "datas"]
    targets = {entry.elts[1].value for entry in datas.elts if isinstance(entry, ast.Tuple)}
    assert targets == {"resources", "huimin_desktop/store/migrations", "docs/manual"}
    assert all((ROOT / target).is_dir() for target in targets)
