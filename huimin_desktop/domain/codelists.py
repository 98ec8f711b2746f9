"""Code lists (ethnicity, sex, relationship, education, health, ...) loaded once from resources/codelists/.

``CodeList.code_for`` accepts what people actually write in a form or a roster: the code ("02", "2",
"０２", 2), the full name ("蒙古族"), the name without 族 ("蒙古") and the older or colloquial names listed
in ``ALIASES`` (毛难族 for 36, 蒙族 for 02). Sources are named in resources/codelists/README.md.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import NamedTuple

from huimin_desktop.domain.text import compact
from huimin_desktop.paths import CODELISTS_DIR

# Names people write that are not the standard's wording, per list. Only unambiguous ones: a guess
# (文盲 → 其他?) would silently put wrong codes into the statistics.
ALIASES: Mapping[str, Mapping[str, str]] = {
    "ethnicity": {
        "毛难族": "36",  # GB/T 3304-1991 wording, renamed 毛南族 in 1986 but still on old papers
        "毛难": "36",
        "蒙族": "02",  # colloquial in Chaoyang, where most minority residents are 蒙古族
        "维族": "05",
        "外国血统": "98",
    },
    "sex": {"男性": "1", "女性": "2"},
    "relationship": {
        "户主本人": "02",
        "丈夫": "11",
        "妻子": "12",
        "儿子": "20",
        "女儿": "30",
        "儿媳妇": "38",
        "父亲": "51",
        "母亲": "52",
        # The detailed GB/T 4761 names collapse onto the main codes the list ships.
        **dict.fromkeys(("独生子", "长子", "次子", "三子", "四子", "五子", "养子", "继子"), "20"),
        **dict.fromkeys(("独生女", "长女", "次女", "三女", "四女", "五女", "养女", "继女"), "30"),
        **dict.fromkeys(("孙子", "孙女", "外孙", "外孙子", "外孙女"), "40"),
        **dict.fromkeys(("祖父", "祖母", "外祖父", "外祖母", "爷爷", "奶奶", "姥爷", "姥姥"), "60"),
        **dict.fromkeys(("兄弟", "姐妹", "兄", "弟", "姐", "妹", "哥哥", "弟弟", "姐姐", "妹妹"), "70"),
    },
    "education": {
        "本科": "20",
        "大学": "20",
        "大专": "30",
        "专科": "30",
        "中职": "40",
        "职业高中": "44",
        "技工学校": "47",
        "高中": "60",
    },
}


class CodeEntry(NamedTuple):
    """One line of a code list; unpacks as ``code, name``."""

    code: str
    name: str


def _numeric_key(text: str) -> str | None:
    # "2", "02" and "002" all mean the same numeric code; the list's own zero padding decides the spelling.
    return str(int(text)) if text.isascii() and text.isdigit() else None


@dataclass(frozen=True)
class CodeList:
    """An ordered, read-only code → name list with a forgiving reverse lookup."""

    key: str
    entries: tuple[CodeEntry, ...]
    aliases: Mapping[str, str] = field(default_factory=dict, repr=False, compare=False)
    _names: Mapping[str, str] = field(init=False, repr=False, compare=False)
    _lookup: Mapping[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names = {entry.code: entry.name for entry in self.entries}
        lookup: dict[str, str] = {}
        # Earlier sources win: the codes themselves, then the standard names, then the short and old forms.
        for code, _name in self.entries:
            lookup.setdefault(code, code)
            numeric = _numeric_key(code)
            if numeric is not None:
                lookup.setdefault(numeric, code)
        for code, name in self.entries:
            lookup.setdefault(compact(name), code)
        for code, name in self.entries:
            if name.endswith("族") and len(name) >= 2:  # 蒙古族 → 蒙古, 汉族 → 汉
                lookup.setdefault(compact(name[:-1]), code)
        for alias, code in self.aliases.items():
            if code not in names:
                raise ValueError(f"code list {self.key}: alias {alias} points at unknown code {code}")
            lookup.setdefault(compact(alias), code)
        object.__setattr__(self, "_names", MappingProxyType(names))
        object.__setattr__(self, "_lookup", MappingProxyType(lookup))

    def name(self, code: str | None) -> str:
        """The name for an exact code, or "" when the code is empty or unknown."""
        return self._names.get(code or "", "")

    def code_for(self, text: str | int | float | None) -> str | None:
        """The code meant by ``text`` (a code, a name, a short or old name), or None when unknown."""
        if text is None or isinstance(text, bool):
            return None
        if isinstance(text, float):
            if not text.is_integer():
                return None
            text = int(text)  # a code cell Excel stored as the number 2.0
        cleaned = compact(str(text))
        if not cleaned:
            return None
        found = self._lookup.get(cleaned)
        if found is None:
            numeric = _numeric_key(cleaned)
            if numeric is not None:
                found = self._lookup.get(numeric)
        return found

    def items(self) -> tuple[CodeEntry, ...]:
        """(code, name) pairs in the list's order."""
        return self.entries

    def codes(self) -> tuple[str, ...]:
        return tuple(entry.code for entry in self.entries)

    def names(self) -> tuple[str, ...]:
        return tuple(entry.name for entry in self.entries)

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code in self._names

    def __iter__(self) -> Iterator[CodeEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True)
class CodeLists:
    """Every code list the application ships, one attribute each."""

    ethnicity: CodeList  # GB/T 3304
    sex: CodeList  # GB/T 2261.1
    relationship: CodeList  # GB/T 4761, main codes
    education: CodeList  # GB/T 4658, main codes
    health: CodeList  # 建档立卡 form
    labour: CodeList  # 建档立卡 form
    hardship_cause: CodeList  # 建档立卡 form
    school_status: CodeList  # 建档立卡 form
    project_category: CodeList
    project_stage: CodeList  # in workflow order
    attachment_category: CodeList


FILES: Mapping[str, str] = {
    "ethnicity": "ethnic_groups_gb3304.csv",
    "sex": "sex_gb2261.csv",
    "relationship": "relationship_gb4761.csv",
    "education": "education_gb4658.csv",
    "health": "health.csv",
    "labour": "labour.csv",
    "hardship_cause": "hardship_cause.csv",
    "school_status": "school_status.csv",
    "project_category": "project_category.csv",
    "project_stage": "project_stage.csv",
    "attachment_category": "attachment_category.csv",
}


def _read_rows(path: Path) -> list[dict[str, str]]:
    # utf-8-sig: a CSV re-saved from Excel on Windows gains a BOM that would corrupt the first header.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def load_code_list(key: str, path: Path) -> CodeList:
    entries = tuple(CodeEntry(row["code"].strip(), row["name"].strip()) for row in _read_rows(path))
    return CodeList(key, entries, ALIASES.get(key, {}))


@functools.cache
def code_lists() -> CodeLists:
    """All code lists, read from resources/codelists/ on first use."""
    return CodeLists(**{key: load_code_list(key, CODELISTS_DIR / name) for key, name in FILES.items()})


@dataclass(frozen=True)
class DivisionSeed:
    """One division a new station starts with: GB/T 2260 (city, county) or NBS (township) code."""

    code: str
    name: str
    level: str  # "city" | "county" | "township"
    parent_code: str | None


@functools.cache
def chaoyang_divisions() -> tuple[DivisionSeed, ...]:
    """朝阳市, its county-level units and its ethnic townships, parents before children."""
    return tuple(
        DivisionSeed(
            row["code"].strip(), row["name"].strip(), row["level"].strip(), row["parent_code"].strip() or None
        )
        for row in _read_rows(CODELISTS_DIR / "chaoyang_divisions.csv")
    )
