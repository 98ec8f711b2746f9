"""The household list's queries: filter and sort in SQL, ids first, rows only for what is on screen.

Like calibre's and Anki's browsers: a view asks for the ordered id list of a query (cheap: one column),
then for the rows of the few ids it is about to paint. Search is a substring of each household's
``search_text`` (names, their pinyin and initials, ID numbers, phones), lowercased.

Every id of a search over 100k households takes a whole-table scan (one- and two-character terms, which
the trigram index cannot answer) or a sort of thousands of hits: 40–230 ms. A keystroke has 50 ms, so a
list can first ask for a *window*: the first page of matches among only the first N households of the
list order (``HouseholdQuery.window``). That walks the list-order index for at most N rows and stops at
the page, so it costs a few milliseconds whatever the term, and its hits are exactly the first matches
of the whole list; the rest (and so the count) can then be read in the background.

``first_matches`` is that policy, in one place for every list that searches as the user types: on a big
station the first page of matches from a window (a shorter one for trigram terms, and a term rare in
it read whole at once, since the trigram index answers it in a few milliseconds); on a small station,
for another order or a village or township filter, every match at once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Integer,
    Select,
    String,
    and_,
    case,
    column,
    exists,
    false,
    func,
    literal_column,
    or_,
    select,
    text,
)
from sqlalchemy.orm import QueryableAttribute, Session, aliased

from huimin_desktop.domain.search import household_search_text
from huimin_desktop.model import Division, Household, Member, ProjectBeneficiary, Survey
from huimin_desktop.services.figure_definitions import BENEFICIARY_YEARS_SQL

_Village = aliased(Division)
_Township = aliased(Division)

# The columns the list may be sorted by, and what each sorts on.
SORT_COLUMNS: dict[str, QueryableAttribute[Any]] = {
    "township": _Township.name,
    "village": _Village.name,
    "household_no": Household.household_no,
    "head_name": Household.head_name_sort,
    "head_id_number": Household.head_id_number,
    "ethnicity": Household.ethnicity,
    "member_count": Household.member_count,
    "phone": Household.phone,
    "latest_net_income": Household.latest_net_income,
    "latest_per_capita": Household.latest_per_capita,
}
HOUSEHOLD_SORT_KEYS = tuple(SORT_COLUMNS)
TRIGRAM = 3  # search terms this long or longer use the full-text index; shorter ones scan
_NULLABLE_SORTS = frozenset({"latest_net_income", "latest_per_capita"})
# The list's default order, the one the list-order index (migration 0005) holds: a window walks it.
WINDOW_SORT = "head_name"
# The household columns a windowed query reads (what _filtered and the order use, nothing more).
_WINDOW_COLUMNS = "id, head_name_sort, deleted, division_id, ethnicity, search_text"
_HEAD_CODES = ("02", "01")  # 户主, 本人: the head's relationship codes
_MAIN_FROM = re.compile(r"\bFROM household(?=\s|$)")

# The search-window policy (``first_matches``). A query answered in two steps first shows up to
# FIRST_PAGE matches, found among the first FIRST_WINDOW households of the list order (walking that much
# of the list-order index takes ~5 ms at most); a station with no more households than that is read
# whole at once.
FIRST_PAGE = 200
FIRST_WINDOW = 2000
# Terms of TRIGRAM characters or more are answered by the trigram index in time proportional to their
# matches: they look at a shorter window first, and one rare in it (fewer than RARE_IN_WINDOW matches,
# about 1 %) is read whole at once, in a few milliseconds.
LONG_TERM_WINDOW = 1000
RARE_IN_WINDOW = 10


@dataclass(frozen=True)
class HouseholdQuery:
    search: str = ""
    township_id: str | None = None
    village_id: str | None = None
    year: int | None = None  # households with a survey in that year (without one: ``surveyed=False``)
    surveyed: bool = True
    covered_year: int | None = None  # 受益年度: households covered by a project of that year (figures.py)
    project_id: str | None = None  # households on that project's beneficiary list
    # (baseline, year): the households 户均增收 averages over, those with a survey in the baseline year
    # and one after it up to the year (services/figure_definitions.py)
    compared: tuple[int, int] | None = None
    ethnicity: str | None = None
    sort: str = "head_name"
    descending: bool = False
    offset: int = 0
    limit: int | None = None  # rows()/list() page size; ids() returns every match unless given one
    # ids() looks only at the first ``window`` households of the whole list (deleted ones aside, before
    # any filter), in the default order (sort "head_name", ascending); see the module docstring.
    window: int | None = None

    @property
    def windowable(self) -> bool:
        """Whether ``window`` may be set: the default order, which an index walks."""
        return self.sort == WINDOW_SORT and not self.descending


@dataclass(frozen=True)
class FirstMatches:
    """What a list shows of a query at once: the first matching ids, and whether they are all."""

    ids: list[str]
    complete: bool  # False: more may follow; ``household_ids(query)`` reads every one (and the count)


@dataclass(frozen=True)
class HouseholdRow:
    """One line of the household list. ``head_id_number`` is whole: the screen masks it."""

    id: str
    village_name: str
    township_name: str
    household_no: str
    head_name: str
    head_id_number: str
    ethnicity: str
    member_count: int
    phone: str
    latest_year: int | None
    latest_net_income: int | None
    latest_per_capita: int | None


def _filtered(statement: Select, query: HouseholdQuery, full_text: bool = True) -> Select:
    statement = statement.where(Household.deleted.is_(False))
    if query.village_id:
        statement = statement.where(Household.division_id == query.village_id)
    elif query.township_id:
        villages = select(Division.id).where(Division.parent_id == query.township_id)
        statement = statement.where(Household.division_id.in_(villages))
    if query.ethnicity:
        statement = statement.where(Household.ethnicity == query.ethnicity)
    if query.year is not None:
        surveyed = exists().where(
            Survey.household_id == Household.id, Survey.year == query.year, Survey.deleted.is_(False)
        )
        statement = statement.where(surveyed if query.surveyed else ~surveyed)
    if query.covered_year is not None:
        statement = statement.where(Household.id.in_(_covered_in(query.covered_year)))
    if query.compared is not None:
        statement = statement.where(_compared(*query.compared))
    if query.project_id:
        beneficiaries = select(ProjectBeneficiary.household_id).where(
            ProjectBeneficiary.project_id == query.project_id, ProjectBeneficiary.deleted.is_(False)
        )
        statement = statement.where(Household.id.in_(beneficiaries))
    term = query.search.strip().lower()
    if full_text and len(term) >= TRIGRAM:
        # The trigram index (migration 0004) finds any substring of three or more characters.
        phrase = '"' + term.replace('"', '""') + '"'
        matches = text("SELECT rowid FROM household_search WHERE household_search MATCH :phrase")
        matching_rowids = matches.bindparams(phrase=phrase).columns(column("rowid", Integer))
        statement = statement.where(literal_column("household.rowid").in_(matching_rowids))
    elif term:
        pattern = "%" + term.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"
        statement = statement.where(Household.search_text.like(pattern, escape="/"))
    return statement


def _covered_in(year: int) -> Any:
    """The ids of the households covered in ``year``, by the figures' own definition
    (services/figure_definitions.py)."""
    covered = text(f"SELECT household_id FROM ({BENEFICIARY_YEARS_SQL}) WHERE year = :covered_year")
    return covered.bindparams(covered_year=year).columns(column("household_id", String))


def _compared(baseline: int, year: int) -> ColumnElement[bool]:
    """A survey in the baseline year and one after it up to ``year`` (both live): the households whose
    income increase the 首页 averages, as services/figure_definitions.py defines them (its statement
    reads every household's surveys, a second at 100k; this is two indexed lookups, and
    tests/core/test_household_list.py holds the two to the same households every year)."""
    if baseline >= year:
        return false()

    def surveyed(*years: ColumnElement[bool]) -> ColumnElement[bool]:
        return exists().where(Survey.household_id == Household.id, Survey.deleted.is_(False), *years)

    return and_(surveyed(Survey.year == baseline), surveyed(Survey.year > baseline, Survey.year <= year))


def is_filtered(query: HouseholdQuery) -> bool:
    """Whether ``query`` leaves out any live household (a search or any filter)."""
    return bool(
        query.search.strip()
        or query.township_id
        or query.village_id
        or query.year is not None
        or query.covered_year is not None
        or query.project_id
        or query.compared is not None
        or query.ethnicity
    )


def household_ids(session: Session, query: HouseholdQuery) -> list[str]:
    if query.sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort key {query.sort!r}")
    if query.window is not None:
        return _windowed_ids(session, query)
    key = SORT_COLUMNS[query.sort]
    statement = select(Household.id)
    if query.sort in ("village", "township"):
        statement = statement.join(_Village, Household.division_id == _Village.id)
    if query.sort == "township":
        statement = statement.outerjoin(_Township, _Village.parent_id == _Township.id)
    order = key.desc() if query.descending else key.asc()
    # Nullable keys (no survey yet) sort last either way; the id keeps equal keys in a stable order.
    ordering = [key.is_(None), order] if query.sort in _NULLABLE_SORTS else [order]
    # A search puts the households whose head it names exactly first, whatever the order below them.
    first = [_head_is(query.search).desc()] if query.search.strip() else []
    statement = _filtered(statement, query).order_by(*first, *ordering, Household.id)
    if query.limit is not None:
        statement = statement.offset(query.offset).limit(query.limit)
    sql, parameters = _compiled(session, statement)
    if 0 < len(query.search.strip()) < TRIGRAM:
        # With a short search term the list-order index would make SQLite test rows in name order, one random
        # page read each (240 ms instead of 40 ms at 100k): scan the table, then sort the few hits.
        # SQLAlchemy renders no table hints for SQLite, so the hint goes into the compiled text.
        sql = sql.replace("FROM household", "FROM household NOT INDEXED", 1)
    return [row[0] for row in _fetch_all(session, sql, parameters)]


def first_matches(session: Session, query: HouseholdQuery) -> FirstMatches:
    """The first matches of ``query`` in a few milliseconds whatever the station's size (see the module
    docstring); every match when reading them all is as cheap."""
    if not query.windowable or query.village_id or query.township_id:
        # Another order (no index walks it), or a village or township (few households, indexed).
        return FirstMatches(household_ids(session, query), True)
    if not household_ids(session, HouseholdQuery(offset=FIRST_WINDOW, limit=1)):
        return FirstMatches(household_ids(session, query), True)  # a small station: the window is all
    long_term = len(query.search.strip()) >= TRIGRAM
    window = LONG_TERM_WINDOW if long_term else FIRST_WINDOW
    first = household_ids(session, dataclasses.replace(query, window=window, offset=0, limit=FIRST_PAGE))
    if long_term and len(first) < RARE_IN_WINDOW:
        return FirstMatches(household_ids(session, query), True)  # rare: the trigram index finds it at once
    return FirstMatches(first, False)


def _head_is(search: str) -> ColumnElement:
    """1 for a household whose head the search names exactly (name, full pinyin or ID number), else 0."""
    term = search.strip().lower()
    exact = [func.lower(Household.head_name) == term, func.lower(Household.head_id_number) == term]
    if term.isascii():  # head_name_sort is "<full pinyin> <name>"
        pattern = term.replace("/", "//").replace("%", "/%").replace("_", "/_") + " %"
        exact.append(Household.head_name_sort.like(pattern, escape="/"))
    return case((or_(*exact), 1), else_=0)


def _windowed_ids(session: Session, query: HouseholdQuery) -> list[str]:
    """The matches among the first ``query.window`` households in list order (``limit`` of them at most).

    The window is a subquery walking the list-order index (a co-routine: SQLite reads it only as far as
    the outer LIMIT needs); every filter applies to its rows, the search as a plain LIKE (on a few
    thousand rows that is cheaper than the trigram index).
    """
    if not query.windowable or query.window is None or query.window < 0:
        raise ValueError("a window needs the default order (head name, ascending) and a size ≥ 0")
    window = (
        f"FROM (SELECT {_WINDOW_COLUMNS} FROM household WHERE deleted = 0 "
        f"ORDER BY head_name_sort, id LIMIT {int(query.window)}) AS household"
    )
    rows = _fetch_all(session, *_windowed_sql(session, query, window))
    if all(rows[i] <= rows[i + 1] for i in range(len(rows) - 1)):
        return [row[1] for row in rows]
    # No ORDER BY outside (it would sort the whole window first): SQLite keeps the subquery's order,
    # checked here. Should a future SQLite not, take every hit of the window and order them here.
    unlimited = dataclasses.replace(query, offset=0, limit=None)
    everything = sorted(_fetch_all(session, *_windowed_sql(session, unlimited, window)))
    end = None if query.limit is None else query.offset + query.limit
    return [row[1] for row in everything[query.offset : end]]


def _windowed_sql(session: Session, query: HouseholdQuery, window: str) -> tuple[str, list[object]]:
    """The filtered (sort key, id) query with its household table replaced by the ``window`` subquery."""
    statement = _filtered(select(Household.head_name_sort, Household.id), query, full_text=False)
    if query.limit is not None:
        statement = statement.offset(query.offset).limit(query.limit)
    sql, parameters = _compiled(session, statement)
    sql, replaced = _MAIN_FROM.subn(window, sql, count=1)
    if replaced != 1:
        raise AssertionError(f"no household table to window in {sql}")
    return sql, parameters


def _compiled(session: Session, statement: Select) -> tuple[str, list[object]]:
    compiled = statement.compile(session.get_bind(), compile_kwargs={"render_postcompile": True})
    return str(compiled), [compiled.params[name] for name in compiled.positiontup or ()]


def _fetch_all(session: Session, sql: str, parameters: Sequence[object]) -> Sequence[Any]:
    # Straight through the driver: 100k ids through SQLAlchemy's result machinery cost ~100 ms more.
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql, parameters)
        return cursor.fetchall()
    finally:
        cursor.close()


def household_count(session: Session, query: HouseholdQuery) -> int:
    return session.scalar(_filtered(select(func.count(Household.id)), query)) or 0


# HouseholdRow's fields in order. Plain SQL through the driver: the list asks for a block of rows for
# every screenful it paints, and SQLAlchemy's select cost 5 ms a block of 200 where this costs 1.5 ms.
_ROWS_SQL = (
    "SELECT h.id, v.name, coalesce(t.name, ''), h.household_no, h.head_name, h.head_id_number, "
    "h.ethnicity, h.member_count, h.phone, h.latest_year, h.latest_net_income, h.latest_per_capita "
    "FROM household AS h JOIN division AS v ON h.division_id = v.id "
    "LEFT OUTER JOIN division AS t ON v.parent_id = t.id "
    "WHERE h.deleted = 0 AND h.id IN ({marks})"
)
_ROWS_CHUNK = 500  # ids per statement (SQLite allows 32766 parameters; blocks are far smaller)


def household_rows(session: Session, ids: Sequence[str]) -> list[HouseholdRow]:
    """The rows of ``ids``, in the same order; ids that no longer exist are left out."""
    found: dict[str, HouseholdRow] = {}
    for start in range(0, len(ids), _ROWS_CHUNK):
        chunk = list(ids[start : start + _ROWS_CHUNK])
        sql = _ROWS_SQL.format(marks=",".join("?" * len(chunk)))
        found.update((row[0], HouseholdRow(*row)) for row in _fetch_all(session, sql, chunk))
    return [found[i] for i in ids if i in found]


@dataclass(frozen=True)
class SearchMatch:
    """The member a search found a household by: ``field`` is "name" (or its pinyin), "id_number" or
    "phone"; ``value`` is that member's value of it (the screen masks numbers)."""

    name: str
    relationship: str
    field: str
    value: str


def _member_match(term: str, name: str, id_number: str, phone: str) -> str | None:
    if term in household_search_text([name], [], []):
        return "name"
    if term in id_number.lower():
        return "id_number"
    if phone and term in phone.lower():
        return "phone"
    return None


def search_matches(session: Session, ids: Sequence[str], search: str) -> dict[str, SearchMatch]:
    """For each of ``ids`` that a member matches, the member the ``search`` found it by: the head if
    the head matches, else the first member in the roster's order (households found by the household's
    own phone alone have none)."""
    term = search.strip().lower()
    if not term:
        return {}
    found: dict[str, tuple[bool, int, SearchMatch]] = {}
    for start in range(0, len(ids), _ROWS_CHUNK):
        statement = select(
            Member.household_id,
            Member.position,
            Member.name,
            Member.id_number,
            Member.phone,
            Member.relationship,
        ).where(Member.household_id.in_(ids[start : start + _ROWS_CHUNK]), Member.deleted.is_(False))
        for household_id, position, name, id_number, phone, relationship in session.execute(statement):
            where = _member_match(term, name, id_number, phone)
            if where is None:
                continue
            rank = (relationship not in _HEAD_CODES, position)
            kept = found.get(household_id)
            if kept is None or rank < kept[:2]:
                value = name if where == "name" else id_number if where == "id_number" else phone
                found[household_id] = (*rank, SearchMatch(name, relationship, where, value))
    return {household_id: match for household_id, (_h, _p, match) in found.items()}
