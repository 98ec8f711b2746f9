"""Reading a roster's column headings as offices write them, and scoring them against the known fields.

A heading is first normalised (``normalise``): full-width to half-width, spaces and line breaks gone,
a year (“2015年”, “2016年度”) and a unit (“（元）”, “(万元)”, “元/人”, “(人)”) taken out and remembered,
leading numbering (“1.”, “一、”) and trailing punctuation dropped. The parent heading of a two-row
merged header is read with its sub-heading: “家庭收入（元）” over “工资性” is 工资性收入, “生产经营性支出”
over “经营性” is the expense.

Then ``best_match`` scores the text against every name of every field (and of the columns that are
recognised but not imported: 序号, and the totals 合计 / 总收入 / 纯收入 / 人均纯收入, which the import
uses as a self-check): 1 for the same text, less for a name inside the heading or a heading that is an
abbreviation of a name, and a character-sequence ratio otherwise. The best field wins when it scores at
least ``THRESHOLD`` and no other field comes within ``TIE_MARGIN`` of it; otherwise the heading maps to
nothing (and, when its column holds data, the import names it as unmapped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from huimin_desktop.domain.text import remove_spaces, to_halfwidth

THRESHOLD = 0.62
MAX_HEADING = 40  # longer cells are titles and notes
TIE_MARGIN = 0.04

_YEAR = re.compile(r"((?:19|20)\d\d)(?:年度|年)")
_LEADING_YEAR = re.compile(r"^((?:19|20)\d\d)(?=[^\d])")
_BRACKETED = re.compile(r"\(([^)]*)\)|\[([^]]*)\]|【([^】]*)】|〔([^〕]*)〕")
_UNITS = {
    "元": 1,
    "万元": 10_000,
    "元/人": 1,
    "元/户": 1,
    "元/年": 1,
    "万": 10_000,
    "人": 1,
    "口": 1,
    "个": 1,
    "月": 1,
    "个月": 1,
    "户": 1,
    "岁": 1,
    "亩": 1,
    "人民币": 1,
    "单位:元": 1,
    "单位:万元": 10_000,
}
_TRAILING_UNIT = re.compile(r"(?<=[入出额资费金])(万元|元/人|元/户|元)$")
_LEADING_NUMBER = re.compile(r"^(?:\d{1,2}[、.．]|[一二三四五六七八九十]{1,2}[、.．]|\(\d{1,2}\))")
_TRAILING = re.compile(r"[:：*＊、.。,，;；]+$")
# Words that make a heading something other than the field it mentions (户主签字 is no name column).
_NOT_A_FIELD = ("签字", "签名", "盖章", "意见", "责任人", "帮扶人", "审核")


@dataclass(frozen=True)
class Heading:
    """A normalised heading: the text compared with the names, and what was taken out of it."""

    text: str
    year: int | None = None
    scale: int = 1  # 10,000 when the heading says 万元
    aside: str = ""  # bracketed words that were not a unit (kept for a second try)


def normalise(raw: object) -> Heading:
    if raw is None:
        return Heading("")
    text = remove_spaces(to_halfwidth(str(raw))).replace("（", "(").replace("）", ")")
    year = None
    found = _YEAR.search(text) or _LEADING_YEAR.search(text)
    if found:
        year = int(found.group(1))
        text = text[: found.start()] + text[found.end() :]
    scale, aside = 1, []
    for match in _BRACKETED.finditer(text):
        inner = next(g for g in match.groups() if g is not None)
        unit = inner.removeprefix("单位").lstrip(":")
        if unit in _UNITS or inner in _UNITS:
            scale = max(scale, _UNITS.get(unit, _UNITS.get(inner, 1)))
        elif inner:
            aside.append(inner)
    text = _BRACKETED.sub("", text)
    unit_match = _TRAILING_UNIT.search(text)
    if unit_match and len(text) - len(unit_match.group(1)) >= 2:
        scale = max(scale, _UNITS[unit_match.group(1)])
        text = text[: unit_match.start()]
    text = _LEADING_NUMBER.sub("", text)
    text = _TRAILING.sub("", text).replace("\n", "")
    return Heading(text, year, scale, "".join(aside))


def name_score(heading: str, name: str) -> float:
    """How well ``heading`` (normalised) reads as ``name``: 1 the same, 0 nothing in common."""
    if not heading or not name:
        return 0.0
    if heading == name:
        return 1.0
    if len(name) >= 2 and name in heading:  # 外出务工收入 ⊃ 务工收入
        return 0.45 + 0.55 * len(name) / len(heading)
    if len(heading) >= 2 and heading in name:  # an abbreviation: 工资性 ⊂ 工资性收入
        return 0.55 + 0.45 * len(heading) / len(name)
    if 1.8 * min(len(heading), len(name)) / (len(heading) + len(name)) < THRESHOLD:
        return 0.0  # even if every character of the shorter one matched, too little in common
    matcher = SequenceMatcher(None, heading, name, autojunk=False)
    if 0.9 * matcher.quick_ratio() < THRESHOLD:  # an upper bound of ratio(), much cheaper
        return 0.0
    return 0.9 * matcher.ratio()


def best_match(text: str, names: dict[str, tuple[str, ...]]) -> tuple[str | None, float]:
    """(field key, score) of the one field ``text`` reads as, or (None, best score) if none or a tie."""
    if not text or len(text) > MAX_HEADING or any(word in text for word in _NOT_A_FIELD):
        return None, 0.0  # a title line or a note, not a column heading; or a signature column
    return _best_match(text, tuple(names.items()))


@lru_cache(maxsize=4096)
def _best_match(text: str, names: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[str | None, float]:
    scored = sorted(
        ((max(name_score(text, n) for n in aliases), key) for key, aliases in names), reverse=True
    )
    if not scored:
        return None, 0.0
    best, key = scored[0]
    if best < THRESHOLD:
        return None, best
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best < 1.0 and best - runner_up < TIE_MARGIN:
        return None, best  # two fields read equally well: refuse to guess
    return key, best


def _kind(parent: str) -> str:
    """What a group heading says its columns are: 收入 or 支出 (or nothing)."""
    if "支出" in parent or "费用" in parent:
        return "支出"
    if "收入" in parent:
        return "收入"
    return ""


def candidates(parent: str, sub: str) -> list[str]:
    """The texts a two-row heading may be read as, the most specific first."""
    if not parent:
        return [sub]
    if not sub:
        return [parent]
    found = [parent + sub]
    kind = _kind(parent)
    if kind and "收入" not in sub and "支出" not in sub:
        found.append(sub + kind)
    found.append(sub)
    return found


def match_heading(
    parent: object, sub: object, names: dict[str, tuple[str, ...]]
) -> tuple[str | None, Heading]:
    """The field a (parent, sub-) heading names, and the normalised sub-heading (its year and unit)."""
    upper, lower = normalise(parent), normalise(sub)
    heading = lower if lower.text else upper
    merged = Heading(
        heading.text,
        lower.year or upper.year,
        max(upper.scale, lower.scale),
        heading.aside,
    )
    best: tuple[str | None, float] = (None, 0.0)
    texts = candidates(upper.text, lower.text)
    if heading.aside:
        texts.append(heading.text + heading.aside)
    for text in texts:
        key, score = best_match(text, names)
        if key is not None and score > best[1]:
            best = (key, score)
    return best[0], merged
