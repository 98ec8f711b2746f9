"""Errors a user can meet carry a code worded in both languages (huimin_desktop/messages/catalog.py):
a raise that gives only a Chinese line shows that line as it is in English mode."""

from __future__ import annotations

import ast

from tests.core.test_cli_language import CJK, CORE

# Raise sites that still give only a Chinese line (``SomeError("中文…")``, no code): English shows that
# line as it is. Per file, the most there may be: word one (a code and its catalog entry, as
# sync/package.py's refusals are) and lower its number; a new one makes this test fail.
BARE_CHINESE_RAISES = {
    "demo/generate.py": 4,
    "media/thumbnails.py": 1,
    "services/archive_export.py": 1,
    "services/attachments.py": 18,
    "services/audit.py": 3,
    "services/drafts.py": 1,
    "services/indicator_import.py": 6,
    "services/public_notice.py": 2,
    "services/reports.py": 3,
    "services/rosters.py": 5,
    "services/users.py": 1,
    "spreadsheet/cells.py": 2,
    "spreadsheet/reading.py": 5,
    "spreadsheet/table.py": 2,
    "store/attachments.py": 1,
}


def bare_chinese_raises() -> dict[str, list[int]]:
    """file → lines of ``raise X("中文")`` / ``raise X(f"中文{…}")`` with no ``code=``."""
    found: dict[str, list[int]] = {}
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
                continue
            call, first = node.exc, node.exc.args[0]
            if any(kw.arg == "code" for kw in call.keywords) or not isinstance(
                first, ast.Constant | ast.JoinedStr
            ):
                continue
            texts = [
                n.value for n in ast.walk(first) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            ]
            if any(CJK.search(text) for text in texts):
                found.setdefault(str(path.relative_to(CORE)), []).append(node.lineno)
    return found


def test_no_new_raise_speaks_only_chinese() -> None:
    found = bare_chinese_raises()
    assert "sync/package.py" not in found  # worded by codes: the check sees the difference
    grown = {name: lines for name, lines in found.items() if len(lines) > BARE_CHINESE_RAISES.get(name, 0)}
    assert not grown, f"give these raises a code= and a catalog entry: {grown}"
    shrunk = {name: len(found.get(name, [])) for name, most in BARE_CHINESE_RAISES.items()}
    assert shrunk == BARE_CHINESE_RAISES, f"fewer now: lower BARE_CHINESE_RAISES to {shrunk}"


def raised_codes() -> dict[str, list[str]]:
    """code → where, for every ``raise SomeError(code="…", …)`` in the core."""
    found: dict[str, list[str]] = {}
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                for keyword in node.exc.keywords:
                    if keyword.arg == "code" and isinstance(keyword.value, ast.Constant):
                        where = f"{path.relative_to(CORE)}:{node.lineno}"
                        found.setdefault(str(keyword.value.value), []).append(where)
    return found


def test_every_raised_code_is_worded_in_both_languages() -> None:
    from huimin_desktop.messages import CATALOG

    codes = raised_codes()
    assert len(codes) > 60  # the scan sees the raises (package.*, sync.*, auth.*, …)
    missing = {code: where for code, where in codes.items() if code not in CATALOG}
    assert not missing, f"add these codes to messages/catalog.py: {missing}"
    for code in codes:
        words = CATALOG[code]
        assert CJK.search(words.zh) and words.en and not CJK.search(words.en), code
