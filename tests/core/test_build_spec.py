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
from collections.abc import Callable
from pathlib import Path

import pytest

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


def _qt_catalogs() -> list[str]:
    """ui/i18n.py's QT_CATALOGS (read from the source: this test stays Qt-free)."""
    tree = ast.parse((ROOT / "ui/i18n.py").read_text(encoding="utf-8"))
    for node in tree.body:
        targets = [getattr(t, "id", None) for t in getattr(node, "targets", [])]
        if isinstance(node, ast.Assign) and "QT_CATALOGS" in targets:
            return [e.value for e in ast.walk(node.value) if isinstance(e, ast.Constant)]
    raise AssertionError("ui/i18n.py has no QT_CATALOGS")


def _spec_filter() -> Callable[[tuple[str, str, str]], bool]:
    """build.spec's ``_wanted`` with the constants it reads, run outside PyInstaller."""
    wanted = {"UNUSED_QT_LIBRARIES", "KEEP_PLATFORMS", "_wanted"}
    body = [
        node
        for node in SPEC.body
        if (isinstance(node, ast.FunctionDef) and node.name in wanted)
        or (isinstance(node, ast.Assign) and any(getattr(t, "id", None) in wanted for t in node.targets))
    ]
    namespace: dict[str, object] = {}
    exec(compile(ast.Module(body=body, type_ignores=[]), "build.spec", "exec"), namespace)
    return namespace["_wanted"]  # type: ignore[return-value]


def test_the_build_keeps_the_qt_catalogs_the_gui_loads() -> None:
    """ui/i18n.py loads qtbase_zh_CN (standard buttons, file dialogs) and qtmultimedia_zh_CN: the spec's
    filter keeps them where PyInstaller's PySide6 hook puts them (Linux and Windows layouts), and the
    hook collects each with a Qt module the program imports and the spec does not leave out."""
    catalogs = _qt_catalogs()
    assert "qtbase" in catalogs
    keep = _spec_filter()
    for name in [*catalogs, "qt"]:
        for folder in ("PySide6/Qt/translations", "PySide6\\translations"):
            entry = (f"{folder}/{name}_zh_CN.qm", "/site-packages/x.qm", "DATA")
            assert keep(entry), entry
    assert not keep(("PySide6/Qt/translations/qtbase_de.qm", "x", "DATA"))  # the filter can refuse
    modules_info = pytest.importorskip("PyInstaller.utils.hooks.qt._modules_info")
    left_out = set(_spec_constant("UNUSED_QT_PARTS"))
    imported = {
        module.split(".")[1]
        for path in SHIPPED
        for _, module in _imports(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        if module.startswith("PySide6.")
    }
    for name in catalogs:
        shipping = {m.module for m in modules_info.QT_MODULES_INFO if name in (m.translations or ())}
        assert shipping & (imported - left_out), (name, shipping)
