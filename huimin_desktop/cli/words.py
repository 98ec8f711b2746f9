"""One way to word a command-line line in both languages, written where it is used: ``say(zh, en)``.

The CLI's errors go through the catalog (``messages/catalog.py``, codes shared with the GUI); its help
texts, summaries and prompts are the CLI's own and read best next to the code that prints them, so they
are written there in both languages and ``say`` picks the one of the current language
(``messages.set_language``, set from ``--lang`` or the locale before the parser is built).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from huimin_desktop import messages


def say(zh: str, en: str, **params: Any) -> str:
    """``zh`` or ``en`` (by the current language), ``str.format``-ed with ``params`` when given."""
    template = en if messages.language() == messages.EN else zh
    return template.format(**params) if params else template


def language_in(argv: Sequence[str]) -> str | None:
    """The value of ``--lang X`` / ``--lang=X`` in ``argv`` (the last one wins), before any parsing."""
    found = None
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def level_word(code: str) -> str:
    """A station level's name (``city`` → 市级 / city) in the current language."""
    from huimin_desktop.domain.levels import level_name

    return level_name(code, english=messages.language() == messages.EN)


def role_word(code: str) -> str:
    """A role's name (``reviewer`` → 审核员 / reviewer) in the current language."""
    from huimin_desktop.security.roles import role_name

    return role_name(code, english=messages.language() == messages.EN)
