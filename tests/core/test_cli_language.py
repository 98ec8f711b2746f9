"""The command line speaks Chinese by default and English with ``--lang en`` or an English locale,
argparse's own words included; no sentence mixes the two."""

from __future__ import annotations

import argparse
import ast
import contextlib
import importlib
import json
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import pytest

from huimin_desktop import cli, messages
from huimin_desktop.cli import argparse_words, common
from huimin_desktop.messages.catalog import PASS_THROUGH

CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
ARGPARSE_ENGLISH = ("usage:", "options:", "positional arguments", "show this help message", "required:")
COMMANDS = sorted(cli.build_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]


def run(
    argv: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> tuple[int, str, str]:
    """The real entry point in this process (argparse exits through SystemExit for help and errors)."""
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    try:
        status = cli.main(argv)
    except SystemExit as exit_:
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, out, err


def english_words(text: str, choices: frozenset[str] = frozenset()) -> list[str]:
    """ASCII words of three letters or more left in a Chinese text once these are taken out: the
    program's name and command (``huimin init``), ``--options``, METAVARS and ENVIRONMENT_VARIABLES
    (``LANG=en_*``), quoted values the user typed or may choose, ``{placeholders}``, file and folder
    names (``setup.json``, ``.xlsx``, ``backups/``), the names of products (Excel), and ``choices`` (the
    values a command's arguments take, such as ``users add`` or ``--role entry``)."""
    text = re.sub(r"\bhuimin( [a-z-]+)?", "", text)
    text = re.sub(r"[\w/*-]*\.[a-z]{2,4}\b|\b\w+/|\bExcel\b", "", text)
    text = re.sub(r"\b[A-Z][A-Z_]+\b(=\w+\*?)?|--[\w-]+|'[^']*'|\{[\w,-]+\}", "", text)
    words = re.findall(r"[A-Za-z][A-Za-z_-]*[A-Za-z]", text)
    return [word for word in words if len(word) >= 3 and word not in choices]


def argparse_msgids() -> set[str]:
    """Every literal message argparse's source passes to ``_`` or ``ngettext``."""
    tree = ast.parse(Path(argparse.__file__).read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("_", "ngettext")
        ):
            for arg in node.args:
                for inner in ast.walk(arg):
                    if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                        found.add(inner.value)
    return found


def test_every_argparse_message_is_translated_or_known_to_be_a_programmers_mistake() -> None:
    translated = set(argparse_words.ZH_WORDS) | {word for pair in argparse_words.ZH_PLURALS for word in pair}
    missing = (
        argparse_msgids()
        - translated
        - argparse_words.PROGRAMMER_ONLY
        - {"conflicting option strings: %s"}  # the plural of a programmer-only message
        - {"title", "description"}  # keyword names in add_subparsers' kwargs.pop(...), not messages
    )
    assert not missing, missing
    assert not [
        zh
        for zh in [*argparse_words.ZH_WORDS.values(), *argparse_words.ZH_PLURALS.values()]
        if not CJK.search(zh)
    ]


def test_chinese_words_keep_argparse_placeholders() -> None:
    placeholder = re.compile(r"%(?:\(\w+\))?[rsd]")
    for english, chinese in argparse_words.ZH_WORDS.items():
        assert sorted(placeholder.findall(english)) == sorted(placeholder.findall(chinese)), english
    for (singular, _plural), chinese in argparse_words.ZH_PLURALS.items():
        assert placeholder.findall(singular) == placeholder.findall(chinese)


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)])
def test_help_in_chinese_has_no_argparse_english(
    command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run([*command, "--help"], capsys, monkeypatch)
    assert status == 0
    assert out.startswith("用法：")
    assert "选项：" in out and "显示本帮助并退出" in out
    assert not [word for word in ARGPARSE_ENGLISH if word in out]


@pytest.mark.parametrize("command", [[], *([name] for name in COMMANDS)])
def test_help_in_english_with_lang_en(
    command: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, _ = run(["--lang", "en", *command, "--help"], capsys, monkeypatch)
    assert status == 0
    assert out.startswith("usage:")
    assert "options:" in out and "show this help message and exit" in out


def test_english_locale_and_lang_after_the_command(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(["init", "--help", "--lang=en"], capsys, monkeypatch)[1].startswith("usage:")
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    with contextlib.suppress(SystemExit):
        cli.main(["check", "--help"])
    assert capsys.readouterr().out.startswith("usage:")


@pytest.mark.parametrize(
    ("argv", "zh", "en"),
    [
        (["demo"], "缺少必需的参数：--households", "the following arguments are required: --households"),
        (["init", "--level", "village"], "无效的选择：'village'", "invalid choice: 'village'"),
        (["check", "--bogus"], "无法识别的参数：--bogus", "unrecognized arguments: --bogus"),
        (["check", "--data"], "参数 --data：需要一个值", "argument --data: expected one argument"),
        (["nonsense"], "无效的选择：'nonsense'", "invalid choice: 'nonsense'"),
    ],
)
def test_command_line_errors_in_both_languages(
    argv: list[str], zh: str, en: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    status, out, err = run(argv, capsys, monkeypatch)
    assert (status, out) == (2, "")
    assert zh in err and "命令行参数错误" in err and len(err.strip().splitlines()) == 1, err
    assert not english_words(err), err
    status, out, err = run(["--lang", "en", *argv], capsys, monkeypatch)
    assert (status, out) == (2, "")
    assert en in err and "error:" in err and not CJK.search(err), err


@pytest.mark.parametrize("language", ["zh", "en"])
def test_main_help_lists_the_gui_options(language: str) -> None:
    """``python main.py --help`` (the real entry point) names the GUI's own options in the epilog."""
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, str(root / "main.py"), "--help"],
        capture_output=True,
        text=True,
        cwd=root,
        env={**os.environ, "LC_ALL": "zh_CN.UTF-8" if language == "zh" else "en_US.UTF-8"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    epilog = result.stdout.split("\n\n")[-1]
    gui = [line.split()[:2] for line in epilog.splitlines() if line.startswith("  --")]
    assert gui == [["--data", "DIR"], ["--lang", "zh|en"]]
    options = result.stdout[result.stdout.index("选项：" if language == "zh" else "options:") :]
    if language == "en":
        assert "graphical interface" in epilog and not CJK.search(options), options
    else:
        assert "图形界面" in epilog and not english_words(options), options


@pytest.mark.parametrize("language", ["zh", "en"])
def test_summaries_word_levels_and_counts_in_one_language(
    language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """init, enroll and demo summaries: the level and the demo counts in the sentence's language."""
    lang = ["--lang", language]
    city = str(tmp_path / "city")
    init = ["init", "--data", city, "--level", "city", "--name", "朝阳市民委", "--division", "211300"]
    status, init_out, err = run([*lang, *init, "--admin", "admin"], capsys, monkeypatch)
    assert status == 0, err
    enroll = ["enroll", "--data", city, "--division", "211321", "--name", "朝阳县", "--out"]
    status, enroll_out, err = run([*lang, *enroll, str(tmp_path / "setup.json")], capsys, monkeypatch)
    assert status == 0, err
    status, demo_out, err = run(
        [*lang, "demo", "--data", str(tmp_path / "demo"), "--households", "3"], capsys, monkeypatch
    )
    assert status == 0, err
    # data values, not words of the program: names, the folder, the demo login (admin / demo)
    values = ("朝阳市民委", "朝阳县", city, "admin", "demo")
    summaries = "\n".join(init_out.splitlines()[:1] + enroll_out.splitlines()[:1] + demo_out.splitlines()[:2])
    if language == "zh":
        assert "（市级，211300）" in init_out and "（县级，211321）" in enroll_out, summaries
        assert "村 " in demo_out and "农户 3" in demo_out, demo_out
        for value in values:
            summaries = summaries.replace(value, "")
        assert not english_words(summaries), summaries
    else:
        assert "(city, 211300)" in init_out and "(county, 211321)" in enroll_out, summaries
        assert "3 households" in demo_out and " villages" in demo_out, demo_out
        for value in values:
            summaries = summaries.replace(value, "")
        assert not CJK.search(summaries), summaries


# -- the catalog: both languages for every code, and every code the core raises ----------------------

CORE = Path(__file__).resolve().parents[2] / "huimin_desktop"

# A value both languages show, each in its own form: the Chinese 1982年03月15日 (``shown``) is the
# English 19820315 (``date``).
LANGUAGE_FORMS = {"shown": "date"}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def raised_codes() -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Codes the core names when it raises: ``code="…"`` keywords, and ``Issue("code", …)``."""
    keyword: dict[str, list[str]] = {}
    issue: dict[str, list[str]] = {}
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            where = f"{path.relative_to(CORE.parent)}:{node.lineno}"
            for kw in node.keywords:
                if (
                    kw.arg == "code"
                    and isinstance(kw.value, ast.Constant)
                    and isinstance(kw.value.value, str)
                ):
                    keyword.setdefault(kw.value.value, []).append(where)
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            if name in ("Issue", "worded") and node.args and isinstance(node.args[0], ast.Constant):
                issue.setdefault(str(node.args[0].value), []).append(where)
    return keyword, issue


def _given_params(node: ast.Call) -> set[str] | None:
    """The parameter names a raise site passes: ``params={…}`` of an ``Issue``, the keywords of
    ``Issue.worded`` and of ``SomeError(code=…, …)``; None when they are not all written out."""
    name = getattr(node.func, "id", getattr(node.func, "attr", None))
    keywords = {kw.arg: kw.value for kw in node.keywords}
    if None in keywords:  # **params
        return None
    if name == "Issue":
        given = node.args[4] if len(node.args) > 4 else keywords.get("params")
        if given is None:
            return set()
        if not isinstance(given, ast.Dict) or not all(isinstance(k, ast.Constant) for k in given.keys):
            return None
        return {str(k.value) for k in given.keys if isinstance(k, ast.Constant)}
    return set(keywords) - {"code", "field"}


# Raise sites whose class makes its params from positional arguments (store/datafolder.py: path, reason).
PARAMS_FROM_ARGUMENTS = ("DataFolderError",)


def raise_sites() -> list[tuple[str, str, set[str] | None]]:
    """(where, code, params given) for each coded raise site of the core."""
    sites = []
    for path in sorted(CORE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", getattr(node.func, "attr", None))
            where = f"{path.relative_to(CORE.parent)}:{node.lineno}"
            code = next(
                (
                    kw.value.value
                    for kw in node.keywords
                    if kw.arg == "code" and isinstance(kw.value, ast.Constant)
                ),
                None,
            )
            if name in ("Issue", "worded") and node.args and isinstance(node.args[0], ast.Constant):
                code = node.args[0].value
            if isinstance(code, str) and name not in PARAMS_FROM_ARGUMENTS:
                sites.append((where, code, _given_params(node)))
    return sites


def test_every_raise_site_gives_the_params_both_languages_need() -> None:
    """Else the English line could not be filled and would fall back to the Chinese one."""
    sites = raise_sites()
    assert len(sites) > 150
    short = {}
    for where, code, given in sites:
        words = messages.CATALOG.get(code)
        if words is None or given is None:
            continue
        needed = _fields(words.en) | {LANGUAGE_FORMS.get(name, name) for name in _fields(words.zh)}
        if needed - given:
            short[where] = (code, sorted(needed - given))
    assert not short, short


def test_every_catalog_code_has_chinese_and_english_with_the_same_placeholders() -> None:
    for code, words in messages.CATALOG.items():
        if code in PASS_THROUGH:
            assert words.zh == words.en and words.zh.startswith("{") and words.zh.endswith("}"), code
            continue
        assert words.zh.strip() and CJK.search(words.zh), code
        assert words.en.strip() and not CJK.search(words.en.replace("“", "").replace("”", "")), code
        zh = {LANGUAGE_FORMS.get(name, name) for name in _fields(words.zh)}
        assert zh == _fields(words.en), code


def test_every_code_raised_in_the_core_is_in_the_catalog() -> None:
    keyword, issue = raised_codes()
    assert len(keyword) > 50 and len(issue) > 50  # the scan finds the raise sites
    assert not {code: sites for code, sites in keyword.items() if code not in messages.CATALOG}
    assert not {code: sites for code, sites in issue.items() if code not in messages.CATALOG}


def test_a_validation_issue_reads_in_english_from_the_validator() -> None:
    from huimin_desktop.services.users import username_issues

    issue = username_issues("9 bad name")[0]
    assert CJK.search(messages.describe_issue(issue, messages.ZH))
    english = messages.describe_issue(issue, messages.EN)
    assert english.startswith("A user name is") and not CJK.search(english)


def sub_parsers() -> dict[str, argparse.ArgumentParser]:
    """Every sub-command the parser has, by name: a new command is covered without being listed."""
    action = cli.build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    return dict(action.choices)  # type: ignore[arg-type]


def choices_of(command: str) -> frozenset[str]:
    """The values a command's arguments take (``users add``, ``--role entry``): words the user types."""
    return frozenset(
        str(choice) for action in sub_parsers()[command]._actions for choice in action.choices or ()
    )


# Every sub-command is worded in both languages (issue 16, item 1).
WORDED_COMMANDS = sorted(sub_parsers())

# Commands (and their modules) another engineer owns this session that still show a word of the other
# language, each with where. This list may only shrink: a strict xfail fails once one is worded.
NOT_YET_WORDED: dict[str, str] = {}
NOT_YET_WORDED_MODULES = {reason.split(":")[0]: reason for reason in NOT_YET_WORDED.values()}


def _worded(names: list[str], not_yet: dict[str, str]) -> list[object]:
    return [
        pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=not_yet[name]))
        if name in not_yet
        else name
        for name in names
    ]


def test_the_worded_commands_are_every_command_help_lists(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    listed = run(["--help"], capsys, monkeypatch)[1]
    assert len(WORDED_COMMANDS) >= 18 and all(f"    {name}" in listed for name in WORDED_COMMANDS)


@pytest.mark.parametrize("command", _worded(WORDED_COMMANDS, NOT_YET_WORDED))
def test_help_of_worded_commands_is_all_one_language(
    command: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    zh = run([command, "--help"], capsys, monkeypatch)[1]
    assert not english_words(zh, choices_of(command) | {command}), zh
    en = run(["--lang", "en", command, "--help"], capsys, monkeypatch)[1]
    assert not CJK.search(en), en


@pytest.mark.parametrize(
    ("argv", "english"),
    [
        (["init", "--level", "city"], "missing: --name --division"),
        (["init", "--code", "X"], "--code goes only with --setup"),
        (["demo", "--households", "0"], "--households takes a positive whole number, not 0"),
        (["demo", "--households", "x"], "'x' is not a whole number"),
    ],
)
def test_station_command_refusals_in_both_languages(
    argv: list[str],
    english: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = ["--data", str(tmp_path / "d")]
    status, _, zh = run([*argv, *data], capsys, monkeypatch)
    assert status in (1, 2) and CJK.search(zh) and not english_words(zh.replace(str(tmp_path), "")), zh
    status, _, en = run(["--lang", "en", *argv, *data], capsys, monkeypatch)
    assert status in (1, 2) and english in en and not CJK.search(en), en
    assert not (tmp_path / "d").exists()


# -- every CLI module: Chinese only as the first half of a (Chinese, English) pair ----------------

CLI_DIR = CORE / "cli"
# argparse_words.py is argparse's own translation table, not lines of the program
NOT_SCANNED = {"argparse_words.py"}


def _cjk_literals_outside_pairs(tree: ast.Module) -> list[str]:
    """Chinese string literals that are not the ``zh`` of ``say(zh, en)`` or of a ``(zh, en)`` pair with
    an English ``en``, and f-strings with Chinese in them: each would reach an English terminal."""
    paired: set[int] = set()
    found = []
    for node in ast.walk(tree):
        pair: list[ast.expr] = []
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "say" and len(node.args) >= 2:
            pair = node.args[:2]
        elif isinstance(node, ast.Tuple) and len(node.elts) == 2:
            pair = node.elts
        if pair and all(isinstance(p, ast.Constant) and isinstance(p.value, str) for p in pair):
            zh, en = (str(p.value) for p in pair)  # type: ignore[attr-defined]
            if CJK.search(zh) and not CJK.search(en):
                paired.add(id(pair[0]))
        elif pair and isinstance(pair[0], ast.Constant) and not isinstance(pair[1], ast.JoinedStr):
            paired.add(id(pair[0]))  # say(label_zh, label_en): an English half the code computes
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            paired.add(id(node.value))  # a docstring
        if isinstance(node, ast.JoinedStr):
            paired.update(id(value) for value in node.values)  # reported as the f-string
        if isinstance(node, ast.Compare):  # what the user may type (``args.county in ("all", "全部")``)
            paired.update(id(inner) for inner in ast.walk(node))
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and any(
            isinstance(v, ast.Constant) and CJK.search(str(v.value)) for v in node.values
        ):
            found.append(f"{node.lineno}: f-string")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and CJK.search(node.value)
            and id(node) not in paired
        ):
            found.append(f"{node.lineno}: {node.value}")
    return sorted(set(found))


@pytest.mark.parametrize(
    "module",
    _worded(
        sorted(p.name for p in CLI_DIR.glob("*.py") if p.name not in NOT_SCANNED), NOT_YET_WORDED_MODULES
    ),
)
def test_every_chinese_line_of_the_cli_has_its_english(module: str) -> None:
    tree = ast.parse((CLI_DIR / module).read_text(encoding="utf-8"))
    assert not _cjk_literals_outside_pairs(tree)


def test_the_scan_finds_a_chinese_line_without_english() -> None:
    bad = ast.parse(
        'x = "已合并"\ny = f"已导入 {n}"\nz = say("好", "好")\n'
        'ok = say("好", "good")\nok = a in ("all", "全部")'
    )
    assert sorted({line.split(":")[0] for line in _cjk_literals_outside_pairs(bad)}) == ["1", "2", "3"]


# -- the README's walk-through, worded: its summaries in one language --------------------------------

# JSON keys whose values are data the summaries quote (names, paths, codes, package names), not words
DATA_KEYS = frozenset(
    {
        "name",
        "admin",
        "origin_name",
        "recipient_name",
        "setup_file",
        "setup_code",
        "recovery_code",
        "package",
        "data",
    }
)


def _data_values(payload: object) -> set[str]:
    if isinstance(payload, dict):
        found = {str(v) for k, v in payload.items() if k in DATA_KEYS and v}
        found |= {Path(v).name for v in found if os.sep in v}  # a package is named by its folder's name
        return found.union(*(_data_values(v) for v in payload.values()))
    if isinstance(payload, list):
        return set().union(*(_data_values(v) for v in payload))
    return set()


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_readme_walk_through_speaks_one_language(
    language: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The walk-through's own steps (tests/core/test_sync_walkthrough.py) through the real entry point in
    ``language``: each command prints its --json object for the steps to read, and its human summary,
    which ``emit`` would have printed without --json, is kept and checked here."""
    from tests.core import test_sync_walkthrough as walk

    summaries: list[str] = []
    data: set[str] = {str(tmp_path)}
    real_emit = common.emit

    def emit_both(args: argparse.Namespace, payload: dict[str, object], text: str) -> None:
        summaries.append(text)
        data.update(_data_values(payload))
        real_emit(args, payload, text)

    for module in cli.COMMAND_MODULES:
        monkeypatch.setattr(importlib.import_module(module), "emit", emit_both)
    for variable, value in walk.LOGIN.items():
        monkeypatch.setenv(variable, value)

    def run_text(*args: str) -> tuple[int, str, str]:
        return run(["--lang", language, *args], capsys, monkeypatch)

    def run_json(*args: str, ok: bool = True) -> dict[str, object]:
        return walk.checked(*run_text(*args, "--json"), ok)

    status, out, err = walk.walk_through(tmp_path, run_json, run_text)
    assert status == 1 and out and err
    assert len(summaries) > 15
    for text in [*summaries, out, err]:
        for value in sorted(data, key=len, reverse=True):
            text = text.replace(value, "")
        if language == "zh":
            assert CJK.search(text) and not english_words(text, frozenset(WORDED_COMMANDS)), text
        else:
            assert not CJK.search(text), text


def test_each_audit_action_and_role_has_one_name_in_each_language() -> None:
    """One entry per code (a dict literal keeps the last of two silently: ``restore`` was there twice),
    a Chinese and an English name each, and no two codes with the same name in either language."""
    from huimin_desktop.security.roles import ROLE_NAMES, ROLES
    from huimin_desktop.services import audit

    tree = ast.parse(Path(audit.__file__).read_text(encoding="utf-8"))
    table = next(
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", None) == "ACTION_NAMES"
    )
    assert isinstance(table, ast.Dict)
    keys = [getattr(audit, k.id) if isinstance(k, ast.Name) else k.value for k in table.keys]  # type: ignore[union-attr]
    assert len(keys) == len(set(keys)) == len(audit.ACTION_NAMES) > 20
    assert set(ROLE_NAMES) == set(ROLES)
    for names in (audit.ACTION_NAMES, ROLE_NAMES):
        assert all(CJK.search(zh) and en and not CJK.search(en) for zh, en in names.values())
        for language in (0, 1):
            assert len({pair[language] for pair in names.values()}) == len(names)


# -- a roster import's reasons for single rows ----------------------------------------------------

QUOTED = re.compile(r"“[^”]*”")  # a cell's value as the village wrote it: data, shown as typed


def _roster_with_every_kind_of_row(tmp_path: Path) -> Path:
    from tests.core.test_roster_fixtures import household_row, make_id, sample_rows, write_office_xlsx

    twice = make_id("19800101", 19)
    bad_check = make_id("19800101", 11)
    bad_check = bad_check[:-1] + ("1" if bad_check[-1] != "1" else "2")
    rows = [
        *sample_rows(),  # a 15-digit ID number upgraded: a warning worded by the catalog (id.upgraded_15)
        household_row("三家子村", "坏号", "男", "汉", bad_check),  # id.check_digit
        household_row("三家子村", None, "男", "汉", make_id("19800101", 13)),  # no name
        household_row("三家子村", "某甲", "男", "火星族", make_id("19800101", 15)),  # ethnicity unknown
        household_row("三家子村", "某乙", "女", "汉", make_id("19800101", 17), 2, "12345"),  # sex, phone
        household_row("三家子村", "某丙", "男", "汉", twice),
        household_row("三家子村", "某丁", "男", "汉", twice),  # the same ID number twice
        household_row("三家子村", "某戊", "男", "汉", make_id("20990101", 21)),  # born in the future
        household_row("三家子村", "某己", "男", "汉", make_id("19800101", 23), "很多"),  # size unreadable
        household_row(
            "三家子村", "某庚", "男", "汉", make_id("19800101", 25), 2, None, "-5", "abc"
        ),  # amounts
    ]
    return write_office_xlsx(tmp_path / "roster.xlsx", rows)


def test_a_roster_import_words_its_reasons_for_rows_in_the_command_s_language(tmp_path: Path) -> None:
    """Refusals and warnings, from the validators' coded issues and the reader's own sentences, are
    English under --lang en (the cells quoted as written aside) and Chinese as before without it."""
    from tests.core.test_cli import run as run_main
    from tests.core.test_roster_cli import _township

    data = _township(tmp_path / "station")
    roster = _roster_with_every_kind_of_row(tmp_path)
    said = {}
    for language in ("zh", "en"):
        result = run_main(
            "--lang", language, "import-roster", str(roster), "--dry-run", "--json", "--data", str(data)
        )
        assert result.returncode == 0, result.stderr
        said[language] = json.loads(result.stdout)
    zh, en = said["zh"], said["en"]
    assert len(zh["rejected"]) >= 8 and len(zh["warnings"]) >= 3
    for key in ("rejected", "warnings"):
        assert [n["row"] for n in zh[key]] == [n["row"] for n in en[key]]
        for chinese, english in zip(zh[key], en[key], strict=True):
            assert CJK.search(QUOTED.sub("", chinese["reason"])), chinese
            assert not CJK.search(QUOTED.sub("", english["reason"])), (chinese, english)
    reasons = " ".join(n["reason"] for n in zh["rejected"])
    assert "缺少姓名" in reasons and "身份证号在本文件中重复出现" in reasons and "校验" in reasons
    text = run_main("--lang", "en", "import-roster", str(roster), "--dry-run", "--data", str(data))
    assert text.returncode == 0 and "Rows refused" in text.stdout
    assert not CJK.search(QUOTED.sub("", text.stdout.split("Rows refused", 1)[1])), text.stdout


def test_every_reason_the_roster_reader_words_has_its_english() -> None:
    """In the roster reader, its cell readers and the import, every ``Words(zh, en)`` and
    ``CellError(zh, en)`` has an English half with no Chinese (beside the cell values it quotes)."""
    spreadsheet = CORE / "spreadsheet"
    for path in (
        spreadsheet / "roster_rows.py",
        spreadsheet / "cells.py",
        spreadsheet / "review.py",
        CORE / "services" / "rosters.py",
    ):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        calls = [
            node
            for node in ast.walk(tree)
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("Words", "CellError")
        ]
        assert calls, path
        for call in calls:
            assert len(call.args) == 2, ast.unparse(call)
            zh, en = call.args
            english = "".join(
                str(part.value)
                for part in ast.walk(en)
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            chinese = "".join(
                str(part.value)
                for part in ast.walk(zh)
                if isinstance(part, ast.Constant) and isinstance(part.value, str)
            )
            if not chinese or isinstance(en, ast.Name | ast.Attribute):  # no reason; English computed
                continue
            assert english and not CJK.search(QUOTED.sub("", english)), f"{path.name}:{call.lineno}"


def _catalog_uses(tree: ast.Module) -> list[tuple[int, str, set[str] | None]]:
    """(line, code, the parameter names given, or None when not literal) of every catalog code a module
    words: ``messages.text(code, {...})``, ``_said(code, **params)`` and ``SomeError(code=..., ...)``."""
    uses: list[tuple[int, str, set[str] | None]] = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None)  # _said(…); a bare text(…) here is SQLAlchemy's
        if isinstance(node.func, ast.Attribute) and getattr(node.func.value, "id", None) == "messages":
            name = f"messages.{node.func.attr}"  # messages.text(…), not masking.text(…)
        codes: list[ast.expr] = []
        given: set[str] | None = {k.arg for k in node.keywords if k.arg and k.arg != "code"}
        if name in ("messages.text", "_said") and node.args:
            codes = [node.args[0]]
            if name == "messages.text":
                params = node.args[1] if len(node.args) > 1 else None
                given = (
                    {k.value for k in params.keys if isinstance(k, ast.Constant)}
                    if isinstance(params, ast.Dict)
                    else (set() if params is None else None)
                )
        codes += [k.value for k in node.keywords if k.arg == "code"]
        if any(k.arg is None for k in node.keywords):  # **params: not literal
            given = None
        for expression in codes:
            for part in ast.walk(expression):
                if isinstance(part, ast.Constant) and isinstance(part.value, str):
                    uses.append((node.lineno, part.value, given))
    return uses


@pytest.mark.parametrize(
    "path",
    [*sorted(CLI_DIR.glob("*.py")), CORE / "services" / "checkup.py"],
    ids=lambda path: path.name,
)
def test_every_catalog_code_the_cli_words_is_there_with_its_parameters(path: Path) -> None:
    """A code missing from the catalog, or a parameter its sentences need and the call does not give,
    would fall back to a Chinese line (or none) under --lang en: each is in the catalog, with both
    languages (tests/core/test_messages.py holds every entry to that), and gets what it asks for."""
    for line, code, given in _catalog_uses(ast.parse(path.read_text(encoding="utf-8"))):
        assert code in messages.CATALOG, f"{path.name}:{line}: {code}"
        words = messages.CATALOG[code]
        needed = {
            field.split(".")[0].split("[")[0]
            for template in words
            for _, field, _, _ in string.Formatter().parse(template)
            if field
        }
        if given is not None:
            assert needed <= given, f"{path.name}:{line}: {code} needs {sorted(needed - given)}"


def test_the_catalog_scan_finds_codes_and_their_parameters() -> None:
    found = _catalog_uses(
        ast.parse('raise CommandFailed(code="output.is_folder", path=p)\nmessages.text("x.y", {"n": 1})')
    )
    assert found == [(1, "output.is_folder", {"path"}), (2, "x.y", {"n"})]
    assert "example" in messages.CATALOG["output.is_folder"].zh  # so the first would fail the test above


def test_the_scans_cover_every_module_of_the_cli() -> None:
    """Both scans read cli/*.py: a module in a sub-folder would escape them."""
    assert sorted(CLI_DIR.rglob("*.py")) == sorted(CLI_DIR.glob("*.py"))
    assert len(list(CLI_DIR.glob("*.py"))) - len(NOT_SCANNED) >= 15


def test_every_household_check_is_worded_by_the_catalog_in_both_languages() -> None:
    """The consistency warnings (household editor, roster import, merge review): the catalog's Chinese is
    the check's own line to the character, its English has no Chinese beside the names it quotes."""
    import datetime as dt

    from huimin_desktop.domain.household_checks import HouseholdFacts, MemberFacts, check_household
    from huimin_desktop.domain.income import Income
    from huimin_desktop.spreadsheet.roster_rows import issue_words

    today = dt.date(2025, 6, 1)
    households = [
        HouseholdFacts((MemberFacts("甲", "20", "1"), MemberFacts("乙", "30", "2"))),  # no head
        HouseholdFacts((MemberFacts("甲", "02", "1"), MemberFacts("乙", "02", "1"))),  # two heads
        HouseholdFacts(
            (
                MemberFacts("甲", "02", "1"),
                MemberFacts("乙", "10", "1"),  # a spouse of the same sex
                MemberFacts("丙", "12", "1", labour="4", work_away_months=3),  # 妻 a man; cannot work
                MemberFacts("丁", "20", "1", birth_date=dt.date(2015, 1, 1), school_status="06"),
            ),
            Income(wage=3_000_000),
        ),
        HouseholdFacts((MemberFacts("甲", "02", "1"), MemberFacts("乙", "11", "1")), Income(wage=1000)),
    ]
    issues = [issue for facts in households for issue in check_household(facts, today)]
    codes = {issue.code for issue in issues}
    assert codes >= {
        "household.no_head",
        "household.several_heads",
        "household.same_sex_spouse",
        "household.relationship_sex",
        "household.young_senior_school",
        "household.work_away_without_labour",
        "household.per_capita_out_of_range",
        "household.wage_without_work_away",
    }, codes
    for issue in issues:
        words = issue_words(issue)
        assert messages.describe(issue, messages.ZH) == issue.message == words.zh
        assert messages.text(issue.code, issue.params, messages.ZH) == issue.message, issue.code
        english = messages.describe(issue, messages.EN) or ""
        assert english == words.en and not CJK.search(re.sub("[甲乙丙丁、]", "", english)), english


def test_every_roster_field_has_an_english_name() -> None:
    from huimin_desktop.spreadsheet.fields import CHECK_LABELS, CHECK_LABELS_EN, ENGLISH_LABELS, FIELDS

    assert set(ENGLISH_LABELS) == {f.key for f in FIELDS} and set(CHECK_LABELS_EN) == set(CHECK_LABELS)
    names = [*ENGLISH_LABELS.values(), *CHECK_LABELS_EN.values()]
    assert all(name and not CJK.search(name) for name in names) and len(set(names)) == len(names)
