"""Errors a user can meet carry a code worded in both languages (huimin_desktop/messages/catalog.py):
a raise that gives only a Chinese line shows that line as it is in English mode."""

from __future__ import annotations

import ast
import re

from tests.core.test_cli_language import CJK, CORE


def bare_chinese_raises() -> dict[str, list[int]]:
    """file → lines of ``raise X("中文")`` / ``raise X(f"中文{…}")`` with no ``code=``."""
    found: dict[str, list[int]] = {}
    for path in sorted(CORE.rglob("*.py")):
        lines = bare_raises_in(path.read_text(encoding="utf-8"))
        if lines:
            found[str(path.relative_to(CORE))] = lines
    return found


def bare_raises_in(source: str) -> list[int]:
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
            continue
        call, first = node.exc, node.exc.args[0]
        if any(kw.arg == "code" for kw in call.keywords) or not isinstance(
            first, ast.Constant | ast.JoinedStr
        ):
            continue
        texts = [n.value for n in ast.walk(first) if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        if any(CJK.search(text) for text in texts) and not _english_beside(call):
            found.append(node.lineno)
    return found


def chinese_parameters(source: str) -> list[str]:
    """``code=`` raises handed a Chinese literal as a parameter (``reason="文件缺失"``): the English line
    would carry it; a program word goes in as ``Words(zh, en)``. Quoted values (“姓名”) are data."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not (isinstance(node, ast.Call) and any(k.arg == "code" for k in node.keywords)):
            continue
        for keyword in node.keywords:
            if keyword.arg != "code" and isinstance(keyword.value, ast.Constant | ast.JoinedStr):
                texts = [
                    re.sub(r"“[^”]*”", "", n.value)
                    for n in ast.walk(keyword.value)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str)
                ]
                if any(CJK.search(text) for text in texts):
                    found.append(f"{node.lineno}: {keyword.arg}")
    return found


def test_no_coded_error_is_handed_a_chinese_parameter() -> None:
    sample = 'raise E(code="x", reason="文件缺失")\nraise E(code="x", reason=Words("文件缺失", "missing"))\n'
    assert chinese_parameters(sample) == ["1: reason"]
    found = {
        str(path.relative_to(CORE)): lines
        for path in sorted(CORE.rglob("*.py"))
        if (lines := chinese_parameters(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "pass these as Words(zh, en)"


def _english_beside(call: ast.Call) -> bool:
    """``CellError("中文", "English")``: both languages given at the raise site."""
    if len(call.args) < 2 or not isinstance(call.args[1], ast.Constant | ast.JoinedStr):
        return False
    texts = [
        n.value for n in ast.walk(call.args[1]) if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]
    return not any(CJK.search(text) for text in texts)


def test_no_raise_speaks_only_chinese() -> None:
    """Every refusal the core raises is worded in both languages: by a code (``code=``, its words in
    messages/catalog.py) or by both lines at the raise site (``CellError("中文", "English")``)."""
    sample = 'raise ServiceError(f"找不到 {x}")\nraise ServiceError(code="input.missing", path=x)\n'
    sample += 'raise CellError("不是数字", "not a number")\nraise CellError("不是数字")\n'
    assert bare_raises_in(sample) == [1, 4]  # the scan sees a bare line, and sees the worded ones
    assert bare_chinese_raises() == {}, "give these raises a code= and a catalog entry"


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
    from huimin_desktop.messages import CATALOG, catalog

    codes = raised_codes()
    assert len(codes) > 60  # the scan sees the raises (package.*, sync.*, auth.*, …)
    missing = {code: where for code, where in codes.items() if code not in CATALOG}
    assert not missing, f"add these codes to messages/catalog.py: {missing}"
    for code in codes:
        words = CATALOG[code]
        if code in catalog.PASS_THROUGH:
            continue
        assert CJK.search(words.zh) and words.en and not CJK.search(words.en), code


def test_every_record_kind_a_not_found_names_has_an_english_name() -> None:
    """``NotFoundError(what, id)``: each ``what`` the core passes (a literal at the call, a service's
    table of owners, the merge's kinds of record) has its English in ``RECORD_KINDS``."""
    from huimin_desktop.messages import EN, describe
    from huimin_desktop.messages.catalog import RECORD_KINDS
    from huimin_desktop.services.attachments import OWNERS
    from huimin_desktop.sync.authority import KIND_LABELS

    named = {what for _, what in OWNERS.values()} | set(KIND_LABELS.values())
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("NotFoundError", "live_row"):
                args = node.args[:1] if getattr(node.func, "id", None) == "NotFoundError" else node.args[3:4]
                args += [kw.value for kw in node.keywords if kw.arg == "what"]
                named |= {a.value for a in args if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    assert len(named) > 10
    assert named <= set(RECORD_KINDS), named - set(RECORD_KINDS)
    from huimin_desktop.errors import NotFoundError

    assert describe(NotFoundError("农户", "h1"), EN) == "Not found: household (h1)"


def test_a_damaged_blob_is_worded_in_both_languages() -> None:
    from huimin_desktop.messages import EN, ZH, describe
    from huimin_desktop.store.attachments import BlobDamagedError

    sha = "ab" * 32
    assert (
        describe(BlobDamagedError(sha), EN)
        == f"Attachment damaged (its content does not match its checksum): {sha[:12]}"
    )
    assert describe(BlobDamagedError("照片.jpg", written=True), ZH) == "写入后校验失败：照片.jpg"
