"""The station levels' names in both languages, for sentences that show a level (``city`` → 市级).

The codes (``city``, ``county``, ``township``, and ``village`` for a division) are what the data, the
JSON output and the command line's ``--level`` use; these are the words a person reads.
"""

from __future__ import annotations

from typing import NamedTuple


class LevelName(NamedTuple):
    zh: str
    en: str


LEVEL_NAMES: dict[str, LevelName] = {
    "city": LevelName("市级", "city"),
    "county": LevelName("县级", "county"),
    "township": LevelName("乡镇级", "township"),
    "village": LevelName("村级", "village"),
}


def level_name(level: str, english: bool = False) -> str:
    """The word for ``level`` (the code itself for one this table does not know)."""
    names = LEVEL_NAMES.get(level)
    if names is None:
        return level
    return names.en if english else names.zh
