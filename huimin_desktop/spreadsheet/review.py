"""What an import must tell about a roster table besides its rows: the columns that hold data but are
imported as nothing, the survey year it will use and why, and the notes on the header (amounts in 万元).

Nothing a village typed may vanish without a word: a filled column that maps to no field is named in the
preview, the CLI summary and ``--json`` (``unmapped_columns``).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from huimin_desktop.messages.catalog import Words
from huimin_desktop.spreadsheet.fields import CHECK_COLUMNS, FIELDS_BY_KEY, INCOME_FIELDS
from huimin_desktop.spreadsheet.roster_rows import Context, RowNote
from huimin_desktop.spreadsheet.table import Column, RosterTable

_YEAR_FIELDS = frozenset((*INCOME_FIELDS, *CHECK_COLUMNS, "household_size"))


@dataclass(frozen=True)
class UnmappedColumn:
    """A column that holds data and is imported as no field."""

    index: int
    column: str  # the letter: K
    header: str
    filled_rows: int

    def as_json(self) -> dict[str, object]:
        return {"column": self.column, "header": self.header, "filled_rows": self.filled_rows}

    @property
    def label(self) -> str:
        return column_label(self.column, self.header)


def column_label(letter: str, header: str, language: str | None = None) -> str:
    """第 K 列“收入” / column K “收入” (the header is the village's own words), in ``language`` or the
    current one."""
    from huimin_desktop.messages import text

    if header:
        return text("roster.column", {"column": letter, "header": header}, language)
    return text("roster.column_no_header", {"column": letter}, language)


@dataclass(frozen=True)
class YearChoice:
    year: int
    reason: str  # one sentence, in the current language


def unmapped_columns(table: RosterTable, mapping: dict[str, int]) -> tuple[UnmappedColumn, ...]:
    return tuple(
        UnmappedColumn(c.index, c.letter, c.header, table.filled[c.index]) for c in table.unmapped(mapping)
    )


def row_context(table: RosterTable, mapping: dict[str, int]) -> Context:
    """The totals to check each row against, the unmapped columns to name when one does not add up."""
    return Context(
        checks=table.checks,
        unmapped={
            c.index: Words(column_label(c.column, c.header, "zh"), column_label(c.column, c.header, "en"))
            for c in unmapped_columns(table, mapping)
        },
        scales={c.index: c.scale for c in table.columns if c.scale != 1},
    )


def header_notes(table: RosterTable, mapping: dict[str, int]) -> list[RowNote]:
    """Warnings about the header itself, on its first row: amounts converted from 万元."""
    row = table.header_rows[0] if table.header_rows else 0
    used = set(mapping.values()) | set(table.checks.values())
    return [
        RowNote(
            row,
            f"{column_label(c.letter, c.header, 'zh')}以万元填写，已换算为元",
            english=f"{column_label(c.letter, c.header, 'en')} is in units of 10,000 yuan: converted to yuan",
        )
        for c in table.columns
        if c.scale == 10_000 and c.index in used
    ]


def _valid(year: int | None, today: dt.date) -> bool:
    return year is not None and 2000 <= year <= today.year + 1


def _heading_years(table: RosterTable, mapping: dict[str, int]) -> list[Column]:
    by_index = {index: key for key, index in mapping.items()}
    return [
        c
        for c in table.columns
        if c.year is not None and (by_index.get(c.index) in _YEAR_FIELDS or c.role in _YEAR_FIELDS)
    ]


def choose_year(
    table: RosterTable, mapping: dict[str, int], asked: int | None = None, today: dt.date | None = None
) -> YearChoice:
    """The survey year the import uses and why: the one asked for, else the year the income headings
    name (“2015年家庭纯收入”: the incomes are that year's), else the title's (“2016年度”), else this year."""
    today = today or dt.date.today()
    title = table.year if _valid(table.year, today) else None
    columns = [c for c in _heading_years(table, mapping) if _valid(c.year, today)]
    heading: int | None = None
    shown = ""
    if columns:
        heading = Counter(c.year for c in columns).most_common(1)[0][0]
        first = next(c for c in columns if c.year == heading)
        shown = column_label(first.letter, first.header)
    if asked is not None:
        found = heading or title
        if found is not None and found != asked:
            return _year(asked, "roster.year_asked_other", found=found)
        return _year(asked, "roster.year_asked")
    if heading is not None:
        if title is not None and title != heading:
            return _year(heading, "roster.year_heading_not_title", column=shown, title=title)
        return _year(heading, "roster.year_heading", column=shown)
    if title is not None:
        return _year(title, "roster.year_title")
    return _year(today.year, "roster.year_none")


def _year(year: int, code: str, **params: object) -> YearChoice:
    """The choice, its reason worded by the catalog in the current language (the CLI's --lang, the
    GUI's interface language)."""
    from huimin_desktop.messages import text

    return YearChoice(year, text(code, {"year": year, **params}))


def mapped_label(key: str) -> str:
    return FIELDS_BY_KEY[key].label if key in FIELDS_BY_KEY else key
