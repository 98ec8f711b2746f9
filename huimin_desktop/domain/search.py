"""The text a household is found by: names, their pinyin (full and initials), ID numbers, phones.

Kept as one lowercase string per household so that a search is a single indexed-ish LIKE in SQL.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

from huimin_desktop.domain.text import remove_spaces, to_halfwidth


@functools.cache
def _single_reading(character: str) -> str | None:
    """The toneless syllable of a Chinese character that has only one reading; None otherwise."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    readings = pinyin_dict.get(ord(character))
    if readings is None or "," in readings:
        return None  # not Chinese, or a heteronym whose reading depends on the word around it
    return lazy_pinyin(character, style=Style.NORMAL)[0].lower()


@functools.cache
def _first_reading(character: str) -> str | None:
    """The toneless syllable pypinyin gives a character on its own (a heteronym's most common one)."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.pinyin_dict import pinyin_dict

    if ord(character) not in pinyin_dict:
        return None
    return lazy_pinyin(character, style=Style.NORMAL)[0].lower()


def _contains_phrase(name: str) -> bool:
    """Whether some part of ``name`` (two characters or more) is a word in pypinyin's phrase list."""
    from pypinyin.phrases_dict import phrases_dict

    return any(
        name[start:end] in phrases_dict
        for start in range(len(name) - 1)
        for end in range(start + 2, len(name) + 1)
    )


@functools.lru_cache(maxsize=65_536)  # names repeat a lot (demo data, roster imports, merges)
def pinyin_keys(name: str) -> tuple[str, str]:
    """("baosilu", "bsl") for 宝斯鲁; non-Chinese characters pass through lowercased.

    The result is always what ``lazy_pinyin`` gives, found faster: most name characters have a single
    reading, looked up one by one (cached), about a hundred times faster than pypinyin's phrase
    segmentation. A heteronym (单, 曾, 乐 …) takes its first reading unless part of the name is a known
    phrase, exactly as ``lazy_pinyin`` would; only names with a phrase, or with characters that are
    not Chinese, go through ``lazy_pinyin`` as a whole.
    """
    readings = [_single_reading(character) for character in name]
    if None in readings and not _contains_phrase(name):
        readings = [_first_reading(character) for character in name]
    syllables = [reading for reading in readings if reading is not None]
    if len(syllables) < len(readings):  # a character without a reading of its own
        # Imported here: pypinyin's dictionaries take half a second to load; start-up should not pay.
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


def _search_form(text: str) -> str:
    """What a typed query or a name is compared as: half-width, lowercase, no spaces or apostrophes."""
    return remove_spaces(to_halfwidth(text)).replace("'", "").lower()


def name_match_rank(query: str, *names: str) -> int | None:
    """How ``query`` finds something by name, the household search's rule (bjy → 宝家营子村).

    Each name is read as itself, its full pinyin and its initials (``pinyin_keys``): 0 when one of these
    starts with the query, 1 when one contains it, None when none does. An empty query finds everything
    (rank 1), so a list filtered by it shows whole.
    """
    wanted = _search_form(query)
    if not wanted:
        return 1
    rank: int | None = None
    for name in names:
        plain = _search_form(name)
        if not plain:
            continue
        for form in (plain, *pinyin_keys(plain)):
            if form.startswith(wanted):
                return 0
            if wanted in form:
                rank = 1
    return rank
