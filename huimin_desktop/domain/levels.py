"""The station levels' names in both languages, for sentences that show a level (``city`` → 市级).

The codes (``city``, ``county``, ``township``, and ``village`` for a division) are what the data, the
JSON output and the command line's ``--level`` use; these are the words a person reads.
"""

from __future__ import annotations

from huimin_desktop.messages.catalog import Words

# A station's level in a sentence (市级站点 / a city station); a parameter of a message as it is.
LEVEL_NAMES: dict[str, Words] = {
    "city": Words("市级", "city"),
    "county": Words("县级", "county"),
    "township": Words("乡镇级", "township"),
    "village": Words("村级", "village"),
}
# The kind of division a level's station covers (区划代码应为 12 位的乡镇代码 / a township's code).
DIVISION_KINDS: dict[str, Words] = {
    "city": Words("市", "city"),
    "county": Words("县（市、区）", "county"),
    "township": Words("乡镇", "township"),
}


def level_name(level: str, english: bool = False) -> str:
    """The word for ``level`` (the code itself for one this table does not know)."""
    names = LEVEL_NAMES.get(level)
    if names is None:
        return level
    return names.en if english else names.zh
