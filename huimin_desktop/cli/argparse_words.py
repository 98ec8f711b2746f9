"""argparse's own words ("usage:", "options:", "invalid choice" …) in Chinese.

argparse looks its messages up through the module-level names ``_`` and ``ngettext`` (gettext's) at the
moment it builds a parser, prints help or reports an error, and the program ships no gettext catalog for
it; so ``install(language)`` points those two names at this table in Chinese mode and back at gettext's
in English. ``MSGIDS`` lists every message argparse 3.11 can show a user (a test compares it with the
argparse source); messages only a programmer can trigger (a bad ``add_argument`` call) stay English.
"""

from __future__ import annotations

import argparse
import gettext

from huimin_desktop.messages import ZH, normalize_language

ZH_WORDS: dict[str, str] = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "subcommands": "子命令",
    "show this help message and exit": "显示本帮助并退出",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "one of the arguments %s is required": "参数 %s 必须给出其中一个",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "ignored explicit argument %r": "忽略了多给的值 %r",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多需要一个值",
    "expected at least one argument": "至少需要一个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是 %(matches)s",
    "unexpected option string: %s": "意外的选项：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选择：%(value)r（可选：%(choices)s）",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "未知的子命令 %(parser_name)r（可选：%(choices)s）"
    ),
    "can't open '%(filename)s': %(error)s": "无法打开“%(filename)s”：%(error)s",
    'argument "-" with mode %r': "参数“-”不能用于模式 %r",
}

# (singular, plural) → Chinese, which has one form.
ZH_PLURALS: dict[tuple[str, str], str] = {
    ("expected %s argument", "expected %s arguments"): "需要 %s 个值",
}

# What argparse 3.11 passes to ``_`` / ``ngettext`` that only a programmer's mistake can show: left in
# English on purpose (listed so the test comparing with argparse's source knows they were considered).
PROGRAMMER_ONLY = frozenset(
    {
        ".__call__() not defined",
        "'required' is an invalid argument for positionals",
        "mutually exclusive arguments must be optional",
        "cannot merge actions - two groups are named %r",
        "invalid option string %(option)r: must start with a character %(prefix_chars)r",
        "dest= is required for options like %r",
        "invalid conflict_resolution value: %r",
        "cannot have multiple subparser arguments",
        "conflicting subparser: %s",
        "conflicting subparser alias: %s",
        "%r is not callable",
        "conflicting option string: %s",
    }
)


def _chinese(message: str | None) -> str | None:
    if message is None:  # add_subparsers passes description=None through _
        return None
    return ZH_WORDS.get(message, message)


def _chinese_plural(singular: str, plural: str, count: int) -> str:
    words = ZH_PLURALS.get((singular, plural))
    return words if words is not None else (singular if count == 1 else plural)


def install(language: str | None) -> None:
    """Make argparse speak ``language`` (Chinese for anything but English) from now on."""
    if normalize_language(language) in (None, ZH):
        argparse._ = _chinese  # type: ignore[attr-defined]
        argparse.ngettext = _chinese_plural  # type: ignore[attr-defined]
    else:
        argparse._ = gettext.gettext  # type: ignore[attr-defined]
        argparse.ngettext = gettext.ngettext  # type: ignore[attr-defined]
