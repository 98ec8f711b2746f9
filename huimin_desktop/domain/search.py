"""The text a household is found by: names, their pinyin (full and initials), ID numbers, phones.

Kept as one lowercase string per household so that a search is a single indexed-ish LIKE in SQL.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable


@functools.lru_cache(maxsize=65_536)  # names repeat a lot (demo data, roster imports, merges)
def pinyin_keys(name: str) -> tuple[str, str]:
    """("baosilu", "bsl") for 宝斯鲁; non-Chinese characters pass through lowercased."""
    # Imported here: pypinyin's dictionaries take half a second to load, and start-up should not pay.
    from pypinyin import Style, lazy_pinyin

    syllables = [s.lower() for s in lazy_pinyin(name, style=Style.NORMAL, errors="default") if s.strip()]
    return "".join(syllables), "".join(s[0] for s in syllables if s)


def household_search_text(names: Iterable[str], id_numbers: Iterable[str], phones: Iterable[str]) -> str:
    parts: list[str] = []
    for name in names:
        if name:
            full, initials = pinyin_keys(name)
            parts += [name, full, initials]
    parts += [n for n in id_numbers if n]
    parts += [p for p in phones if p]
    return " ".join(parts).lower()


def name_sort_key(name: str) -> str:
    """How a Chinese list orders names: by pinyin, then by the characters ("baosilu 宝斯鲁")."""
    return f"{pinyin_keys(name)[0]} {name}" if name else ""
