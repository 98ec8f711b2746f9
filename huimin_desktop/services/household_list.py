"""The household list's queries: filter and sort in SQL, ids first, rows only for what is on screen.

Like calibre's and Anki's browsers: a view asks for the ordered id list of a query (cheap: one column),
then for the rows of the few ids it is about to paint. Search is a substring of each household's
``search_text`` (names, their pinyin and initials, ID numbers, phones), lowercased.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Integer, Select, column, exists, func, literal_column, select, text
from sqlalchemy.orm import Session, aliased

from huimin_desktop.model import Division, Household, Survey

_Village = aliased(Division)
_Township = aliased(Division)

# The columns the list may be sorted by, and what each sorts on.
SORT_COLUMNS: dict[str, ColumnElement] = {
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


@dataclass(frozen=True)
class HouseholdQuery:
    search: str = ""
    township_id: str | None = None
    village_id: str | None = None
    year: int | None = None  # households with a survey in that year
    ethnicity: str | None = None
    sort: str = "head_name"
    descending: bool = False
    offset: int = 0
    limit: int | None = None  # rows()/list() page size; ids() always returns every match


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


def _filtered(statement: Select, query: HouseholdQuery) -> Select:
    statement = statement.where(Household.deleted.is_(False))
    if query.village_id:
        statement = statement.where(Household.division_id == query.village_id)
    elif query.township_id:
        villages = select(Division.id).where(Division.parent_id == query.township_id)
        statement = statement.where(Household.division_id.in_(villages))
    if query.ethnicity:
        statement = statement.where(Household.ethnicity == query.ethnicity)
    if query.year is not None:
        statement = statement.where(
            exists().where(
                Survey.household_id == Household.id, Survey.year == query.year, Survey.deleted.is_(False)
            )
        )
    term = query.search.strip().lower()
    if len(term) >= TRIGRAM:
        # The trigram index (migration 0004) finds any substring of three or more characters.
        phrase = '"' + term.replace('"', '""') + '"'
        matches = text("SELECT rowid FROM household_search WHERE household_search MATCH :phrase")
        matching_rowids = matches.bindparams(phrase=phrase).columns(column("rowid", Integer))
        statement = statement.where(literal_column("household.rowid").in_(matching_rowids))
    elif term:
        pattern = "%" + term.replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"
        statement = statement.where(Household.search_text.like(pattern, escape="/"))
    return statement


def household_ids(session: Session, query: HouseholdQuery) -> list[str]:
    if query.sort not in SORT_COLUMNS:
        raise ValueError(f"unknown sort key {query.sort!r}")
    key = SORT_COLUMNS[query.sort]
    statement = select(Household.id)
    if query.sort == "village":
        statement = statement.join(_Village, Household.division_id == _Village.id)
    order = key.desc() if query.descending else key.asc()
    # Nullable keys (no survey yet) sort last either way; the id keeps equal keys in a stable order.
    ordering = [key.is_(None), order] if query.sort in _NULLABLE_SORTS else [order]
    statement = _filtered(statement, query).order_by(*ordering, Household.id)
    if query.limit is not None:
        statement = statement.offset(query.offset).limit(query.limit)
    # Straight through the driver: 100k ids through SQLAlchemy's result machinery cost ~100 ms more.
    compiled = statement.compile(session.get_bind(), compile_kwargs={"render_postcompile": True})
    sql = str(compiled)
    if 0 < len(query.search.strip()) < TRIGRAM:
        # With a short search term the list-order index would make SQLite test rows in name order, one random
        # page read each (240 ms instead of 40 ms at 100k): scan the table, then sort the few hits.
        # SQLAlchemy renders no table hints for SQLite, so the hint goes into the compiled text.
        sql = sql.replace("FROM household", "FROM household NOT INDEXED", 1)
    cursor = session.connection().connection.cursor()
    try:
        parameters = [compiled.params[name] for name in compiled.positiontup or ()]
        cursor.execute(sql, parameters)
        return [row[0] for row in cursor.fetchall()]
    finally:
        cursor.close()


def household_count(session: Session, query: HouseholdQuery) -> int:
    return session.scalar(_filtered(select(func.count(Household.id)), query)) or 0


def household_rows(session: Session, ids: Sequence[str]) -> list[HouseholdRow]:
    """The rows of ``ids``, in the same order; ids that no longer exist are left out."""
    if not ids:
        return []
    statement = (
        select(
            Household.id,
            _Village.name,
            func.coalesce(_Township.name, ""),
            Household.household_no,
            Household.head_name,
            Household.head_id_number,
            Household.ethnicity,
            Household.member_count,
            Household.phone,
            Household.latest_year,
            Household.latest_net_income,
            Household.latest_per_capita,
        )
        .join(_Village, Household.division_id == _Village.id)
        .outerjoin(_Township, _Village.parent_id == _Township.id)
        .where(Household.id.in_(ids), Household.deleted.is_(False))
    )
    found = {row[0]: HouseholdRow(*row) for row in session.execute(statement)}
    return [found[i] for i in ids if i in found]
