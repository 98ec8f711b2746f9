"""Text clean-up shared by the validators: full-width to half-width, stray spaces.

Cadres type on Chinese input methods, so digits and letters often arrive full-width (１２３, ＡＢ) and
separated by ideographic spaces; cells pasted from Excel or WeChat bring non-breaking and zero-width
characters. Everything here is pure and small.
"""

from __future__ import annotations

import re

_FULLWIDTH_FIRST, _FULLWIDTH_LAST = 0xFF01, 0xFF5E  # ！ … ～, mirrors ASCII 0x21 … 0x7E
_FULLWIDTH_OFFSET = 0xFEE0
IDEOGRAPHIC_SPACE = "\u3000"
# Invisible characters that ride along with copy-paste and would otherwise break "is it all digits?".
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")
# \s already covers the ideographic space, NBSP and the other Unicode spaces for str patterns.
_SPACES = re.compile(r"\s+")
_HALFWIDTH_TABLE = {code: code - _FULLWIDTH_OFFSET for code in range(_FULLWIDTH_FIRST, _FULLWIDTH_LAST + 1)}
_HALFWIDTH_TABLE[ord(IDEOGRAPHIC_SPACE)] = ord(" ")
_HALFWIDTH_TABLE[0xFFE5] = ord("¥")  # ￥ full-width yen sign, common in amounts


def to_halfwidth(text: str) -> str:
    """Full-width ASCII (０-９, Ａ-Ｚ, ，．－ …), ￥ and the ideographic space become plain ASCII.

    CJK punctuation that has no ASCII twin (、。《》) is left alone.
    """
    return text.translate(_HALFWIDTH_TABLE)


def drop_invisible(text: str) -> str:
    """Remove zero-width spaces, joiners and the BOM."""
    return _INVISIBLE.sub("", text)


def squeeze_spaces(text: str) -> str:
    """Runs of any whitespace (ideographic space included) become one ASCII space; ends trimmed."""
    return _SPACES.sub(" ", drop_invisible(text)).strip()


def remove_spaces(text: str) -> str:
    """All whitespace and invisible characters removed: for codes and numbers, where spaces mean nothing."""
    return _SPACES.sub("", drop_invisible(text))


def compact(text: str) -> str:
    """Half-width with every space removed: the usual first step before checking a number or a code."""
    return remove_spaces(to_halfwidth(text))
