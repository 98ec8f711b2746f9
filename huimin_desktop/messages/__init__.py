"""One place that words an error: its code and parameters become a line in Chinese (default) or English.

Every error the core raises on purpose carries a stable ``code`` and its ``params`` (``ServiceError``
and family, the validation ``Issue``, the data-folder and schema errors); ``describe`` turns one into
the line a user reads, in the language given or the process's current one (``set_language``: the CLI
sets it from ``--lang`` or the locale, the GUI from its interface language). The words live in
``catalog.CATALOG``; a code not (yet) in the catalog falls back to the error's own Chinese ``message``,
so raise sites can gain codes module by module.

A parameter that is itself a word of the program rather than a data value (``同一乡镇下`` / ``in the
same township``, a verb, a level) is passed as ``Words(zh, en)`` and shown in the sentence's language.

Operating-system and SQLite errors a user can cause (a full disk, a read-only stick, a locked
database …) are worded here too (``system.py``), so neither the CLI nor the GUI ever shows a traceback
for them.

No Qt here: the CLI has none, and ui/ calls ``describe`` through ``ui/errors.py``.
"""

from __future__ import annotations

import os
import string
from collections.abc import Mapping
from typing import Any

from huimin_desktop.messages.catalog import CATALOG, Words

ZH = "zh"
EN = "en"
LANGUAGES = (ZH, EN)

_current = ZH

__all__ = [
    "CATALOG",
    "EN",
    "LANGUAGES",
    "SUBJECT",
    "ZH",
    "Words",
    "describe",
    "is_english",
    "labelled",
    "language",
    "set_language",
    "text",
]


def normalize_language(name: str | None) -> str | None:
    """``en``, ``en_US.UTF-8``, ``English`` → ``en``; ``zh_CN`` and any other named language → ``zh``."""
    if not name:
        return None
    return EN if name.strip().lower().startswith("en") else ZH


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The POSIX order (LC_ALL, then LC_MESSAGES, then LANG); ``C``/``POSIX`` and anything else → Chinese."""
    environ = os.environ if environ is None else environ
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable)
        if value:
            return EN if value.lower().startswith("en") else ZH
    return ZH


def set_language(name: str | None) -> None:
    global _current
    _current = normalize_language(name) or ZH


def language() -> str:
    return _current


def is_english(language: str | None = None) -> bool:
    """Whether ``language`` (a name as ``normalize_language`` takes it; None: the current one) is English."""
    return (normalize_language(language) or _current) == EN


class _Defaults(dict[str, Any]):
    def __missing__(self, key: str) -> Any:
        raise KeyError(key)


def text(code: str, params: Mapping[str, Any] | None = None, language: str | None = None) -> str:
    """The catalog's words for ``code`` filled with ``params``; KeyError for a code not in the catalog."""
    english = is_english(language)
    words = CATALOG[code]
    template = words.en if english else words.zh
    values = {
        key: (value.en if english else value.zh) if isinstance(value, Words) else value
        for key, value in (params or {}).items()
    }
    return string.Formatter().vformat(template, (), _Defaults(values))


def _text_or(fallback: str, code: str, params: Mapping[str, Any], language: str | None) -> str:
    if code not in CATALOG:
        return fallback
    try:
        return text(code, params, language)
    except (KeyError, IndexError, ValueError):  # a parameter the raise site does not (yet) give
        return fallback


def describe(error: object, language: str | None = None) -> str | None:
    """The one line for an error the user can act on (or an ``Issue``), or None for a real bug."""
    from huimin_desktop.domain.issues import Issue
    from huimin_desktop.errors import CodedError, ValidationError
    from huimin_desktop.messages.system import describe_system_error

    if isinstance(error, Issue):
        return describe_issue(error, language)
    if isinstance(error, ValidationError):
        return _validation_text(error, language)
    if isinstance(error, CodedError):
        if not error.coded:
            return error.message
        return _text_or(error.message, error.code, _params_in(error.params, language), language)
    coded = getattr(error, "code", None)
    if isinstance(coded, str) and coded in CATALOG and isinstance(error, Exception):
        return _text_or(str(error), coded, _params_in(getattr(error, "params", {}), language), language)
    return describe_system_error(error, language)


# An issue's parameter naming what it is about when one check ran for several (each county of a plan):
# the English line starts with it, as the Chinese ``message`` does.
SUBJECT = "subject"


def describe_issue(issue: Any, language: str | None = None) -> str:
    """A validation issue's message; in Chinese always the validator's own ``message``."""
    if not is_english(language):
        return str(issue.message)
    line = _text_or(issue.message, issue.code, _params_in(issue.params, language), language)
    subject = issue.params.get(SUBJECT)
    return f"{subject}: {line}" if subject and line != issue.message else line


def _params_in(params: Mapping[str, Any], language: str | None) -> dict[str, Any]:
    """Parameters that are themselves errors or issues are worded in the same language."""
    from huimin_desktop.domain.issues import Issue

    worded = {}
    for key, value in params.items():
        if isinstance(value, Issue | BaseException):
            worded[key] = describe(value, language) or str(value)
        else:
            worded[key] = value
    return worded


def labelled(label: object, line: str, language: str | None = None) -> str:
    """``label：line`` in Chinese, ``label: line`` in English (a record's code before what is wrong)."""
    english = is_english(language)
    return f"{label}: {line}" if english else f"{label}：{line}"


def _validation_text(error: Any, language: str | None) -> str:
    issues = error.issues
    first = describe_issue(issues[0], language)
    where = f"{issues[0].field}：" if issues[0].field else ""
    if is_english(language):
        where = f"{issues[0].field}: " if issues[0].field else ""
    more = text("invalid.more", {"count": len(issues) - 1}, language) if len(issues) > 1 else ""
    return f"{where}{first}{more}"
