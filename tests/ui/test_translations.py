"""Translations: every message translated, the .ts current with ui/, the .qm what lrelease makes of it."""

from __future__ import annotations

import ast
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

from ui import translation_catalog as i18n

CJK = re.compile(r"[\u3400-\u9fff]")
# String literals in ui/ that may hold Chinese: each language's name in itself.
CHINESE_LITERALS_ALLOWED = {("i18n.py", "LANGUAGE_NAMES")}


def _messages(ts_file: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts_file).getroot()
    return {
        (context.findtext("name", ""), message.findtext("source", ""))
        for context in root.iter("context")
        for message in context.iter("message")
    }


def test_every_message_is_translated() -> None:
    assert i18n.TS_FILE.exists()
    assert len(_messages(i18n.TS_FILE)) > 50
    assert i18n.unfinished_messages() == []


def test_sources_are_english() -> None:
    chinese_sources = [source for _context, source in _messages(i18n.TS_FILE) if CJK.search(source)]
    assert chinese_sources == []


def test_ts_file_holds_every_string_in_ui(tmp_path: Path) -> None:
    """Running lupdate again finds nothing new (else: python -m ui.i18n --update, then translate)."""
    fresh = tmp_path / i18n.TS_FILE.name
    shutil.copy(i18n.TS_FILE, fresh)
    i18n.lupdate(fresh)
    assert _messages(fresh) == _messages(i18n.TS_FILE)
    assert i18n.unfinished_messages(fresh) == []


def test_qm_file_is_what_lrelease_makes_of_the_ts(tmp_path: Path) -> None:
    fresh = tmp_path / i18n.QM_FILE.name
    i18n.lrelease(i18n.TS_FILE, fresh)
    assert i18n.QM_FILE.exists()
    assert i18n.QM_FILE.read_bytes() == fresh.read_bytes()
    assert i18n.QM_FILE.stat().st_size < 1024 * 1024  # a sanity bound; ~700 messages make ~64 KB


def _assigned_names(tree: ast.AST) -> dict[int, str]:
    """Line → name of the module-level constant whose value spans that line."""
    owner: dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            for line in range(node.lineno, (node.end_lineno or node.lineno) + 1):
                owner[line] = node.targets[0].id
    return owner


def test_no_untranslated_chinese_literals_in_ui() -> None:
    """Chinese shown to the user comes from the .ts, not from a literal in the code."""
    offenders = []
    for path in i18n.ui_sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
            and isinstance(node.body[0].value, ast.Constant)
        }
        owners = _assigned_names(tree)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CJK.search(node.value)
                and id(node) not in docstrings
                and (path.name, owners.get(node.lineno)) not in CHINESE_LITERALS_ALLOWED
            ):
                offenders.append(f"{path.name}:{node.lineno}: {node.value!r}")
    assert offenders == []


def _is_literal(node: ast.expr) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, str)


def _translation_call_problem(call: ast.Call) -> str | None:
    """Why pyside6-lupdate cannot see this tr()/translate() call's text, or None when it can."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name == "tr":
        texts = call.args[:1]
    elif name == "translate":
        texts = call.args[:2]
    else:
        return None
    if len(texts) < (1 if name == "tr" else 2) or not all(_is_literal(arg) for arg in texts):
        return f"{name}() with a text that is not a string literal"
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if name == "tr" and not (isinstance(receiver, ast.Name) and receiver.id == "self"):
        # lupdate files ``parent.tr("…")`` under the context "parent", which no class is called: the
        # text is never found at run time (the indicator editor's month headers stayed English)
        return 'tr() called on something other than self (use translate("Context", "…"))'
    return None


def test_every_translated_text_is_a_literal_lupdate_can_find() -> None:
    """A helper such as ``_tr(text)`` that passes its argument on hides every text from the catalog:
    they are never translated and show in English in the Chinese program (the dashboard's charts did)."""
    offenders = []
    for path in i18n.ui_sources():
        if path.name == "translation_catalog.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and (problem := _translation_call_problem(node)):
                offenders.append(f"{path.relative_to(i18n.UI_DIR)}:{node.lineno}: {problem}")
    assert offenders == []
