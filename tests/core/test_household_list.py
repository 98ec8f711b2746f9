"""The household list's queries against a plain reference: every id, the windowed first page, the rows.

The reference reads the household table as it is and filters and orders in Python (substring of
``search_text``, the list order ``head_name_sort, id``), so the fast paths (trigram index, table scan,
the window walking the list-order index) must give exactly what a straightforward scan gives.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, text

from huimin_desktop.demo import generate_demo
from huimin_desktop.model import Household, Survey
from huimin_desktop.services import household_list
from huimin_desktop.services.household_list import HouseholdQuery
from huimin_desktop.services.station import Station
from tests.conftest import TOWNSHIP_CODE
from tests.stations import new_station

HOUSEHOLDS = 600  # three projects (one per 200 households), one of them deleted


@dataclass(frozen=True)
class Plain:
    """One household as the reference sees it."""

    id: str
    order: tuple[str, str]
    search_text: str
    village_id: str
    ethnicity: str
    years: frozenset[int]  # surveyed in
    covered: frozenset[int]  # beneficiary of a live project of that year
    projects: frozenset[str]  # on the beneficiary list of these projects


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Station]:
    folder: Path = tmp_path_factory.mktemp("household-list") / "station"
    opened = new_station(folder, level="township", name="马友营蒙古族乡", division_code=TOWNSHIP_CODE)
    generate_demo(opened, HOUSEHOLDS)
    # A few tombstones, which no list shows.
    for household_id in opened.households.ids()[::40]:
        opened.households.delete(household_id)
    # ... and a deleted project, whose beneficiaries it no longer covers.
    opened.projects.delete(opened.projects.ids()[0])
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="module")
def plain(demo: Station) -> list[Plain]:
    """Every live household in list order, read without any of the list's machinery."""
    with demo.db.reader() as session:
        years: dict[str, set[int]] = {}
        for household_id, year in session.execute(
            select(Survey.household_id, Survey.year).where(Survey.deleted.is_(False))
        ):
            years.setdefault(household_id, set()).add(year)
        covered: dict[str, set[int]] = {}
        projects: dict[str, set[str]] = {}
        for household_id, project_id, year, project_deleted in session.execute(
            text(
                "SELECT b.household_id, b.project_id, p.year, p.deleted FROM project_beneficiary b "
                "JOIN project p ON p.id = b.project_id WHERE b.deleted = 0"
            )
        ):
            projects.setdefault(household_id, set()).add(project_id)
            if not project_deleted:
                covered.setdefault(household_id, set()).add(year)
        rows = session.execute(
            select(
                Household.id,
                Household.head_name_sort,
                Household.search_text,
                Household.division_id,
                Household.ethnicity,
            ).where(Household.deleted.is_(False))
        ).all()
    found = [
        Plain(
            i,
            (sort, i),
            search,
            village,
            ethnicity,
            frozenset(years.get(i, ())),
            frozenset(covered.get(i, ())),
            frozenset(projects.get(i, ())),
        )
        for i, sort, search, village, ethnicity in rows
    ]
    return sorted(found, key=lambda h: h.order)


def reference(households: list[Plain], query: HouseholdQuery) -> list[str]:
    term = query.search.strip().lower()
    return [
        h.id
        for h in households
        if term in h.search_text
        and (query.village_id is None or h.village_id == query.village_id)
        and (query.ethnicity is None or h.ethnicity == query.ethnicity)
        and (query.year is None or (query.year in h.years) == query.surveyed)
        and (query.covered_year is None or query.covered_year in h.covered)
        and (query.project_id is None or query.project_id in h.projects)
        and (query.compared is None or compared(h, *query.compared))
    ]


def compared(household: Plain, baseline: int, year: int) -> bool:
    """Surveyed in the baseline year and again after it up to ``year``."""
    return baseline in household.years and any(baseline < y <= year for y in household.years)


def sample_terms(households: list[Plain]) -> list[str]:
    """Substrings of one to six characters of real search texts: names, pinyin, initials, digits."""
    terms: set[str] = set()
    for h in households[::7]:
        for word in h.search_text.split():
            for length in (1, 2, 3, 4, 6):
                terms.add(word[:length])
                terms.add(word[-length:])
    return sorted(terms)


@st.composite
def queries(draw: st.DrawFn, households: list[Plain]) -> HouseholdQuery:
    terms = sample_terms(households)
    term = draw(st.one_of(st.sampled_from(terms), st.text("ab19宝王 xq%_", max_size=3), st.just("")))
    villages = sorted({h.village_id for h in households})
    years = sorted({y for h in households for y in h.years})
    covered = sorted({y for h in households for y in h.covered})
    projects = sorted({p for h in households for p in h.projects})
    return HouseholdQuery(
        search=term,
        village_id=draw(st.none() | st.sampled_from(villages)),
        ethnicity=draw(st.none() | st.sampled_from(["01", "02"])),
        year=draw(st.none() | st.sampled_from(years)) if years else None,
        surveyed=draw(st.booleans()),
        covered_year=draw(st.none() | st.sampled_from(covered)) if covered else None,
        project_id=draw(st.none() | st.none() | st.sampled_from(projects)) if projects else None,
        compared=draw(st.none() | st.tuples(st.sampled_from(years), st.sampled_from(years)))
        if years
        else None,
    )


SEARCH_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@given(data=st.data())
@SEARCH_SETTINGS
def test_every_id_is_what_a_plain_scan_finds(demo: Station, plain: list[Plain], data: st.DataObject) -> None:
    query = data.draw(queries(plain))
    assert demo.households.ids(query) == reference(plain, query)


@given(data=st.data(), window=st.integers(0, HOUSEHOLDS + 10), limit=st.none() | st.integers(1, 60))
@SEARCH_SETTINGS
def test_a_window_gives_the_first_matches_of_the_whole_list(
    demo: Station, plain: list[Plain], data: st.DataObject, window: int, limit: int | None
) -> None:
    query = data.draw(queries(plain))
    found = demo.households.ids(dataclasses.replace(query, window=window, limit=limit))
    expected = reference(plain[:window], query)
    assert found == (expected if limit is None else expected[:limit])
    # ... which are exactly the first matches of the whole list.
    assert found == reference(plain, query)[: len(found)]


@given(data=st.data(), window=st.integers(1, 60), page=st.integers(1, 30))
@settings(SEARCH_SETTINGS, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
def test_first_matches_are_the_start_of_the_whole_list(
    demo: Station,
    plain: list[Plain],
    data: st.DataObject,
    window: int,
    page: int,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The search policy on a station that counts as big: a prefix of every match (a page at most)
    when not complete, every match when complete; a rare trigram term and a village read whole."""
    monkeypatch.setattr(household_list, "FIRST_WINDOW", window)
    monkeypatch.setattr(household_list, "LONG_TERM_WINDOW", window)
    monkeypatch.setattr(household_list, "FIRST_PAGE", page)
    query = data.draw(queries(plain))
    everything = reference(plain, query)
    first = demo.households.first_ids(query)
    assert first.ids == everything[: len(first.ids)]
    if first.complete:
        assert first.ids == everything
    else:
        assert len(first.ids) <= page
        assert not query.village_id
    term = query.search.strip()
    if len(term) >= household_list.TRIGRAM and len(reference(plain[:window], query)) < min(
        page, household_list.RARE_IN_WINDOW
    ):
        assert first.complete


def test_a_small_station_gets_every_match_at_once(demo: Station, plain: list[Plain]) -> None:
    """Not more households than the first window: the first answer is the whole answer."""
    assert len(plain) <= household_list.FIRST_WINDOW
    for term in ("b", "宝", "19", "", "bao"):
        first = demo.households.first_ids(HouseholdQuery(search=term))
        assert first.complete and first.ids == reference(plain, HouseholdQuery(search=term))


def test_a_window_that_covers_the_list_finds_everything(demo: Station, plain: list[Plain]) -> None:
    for term in ("b", "bs", "宝", "19", "0", ""):
        query = HouseholdQuery(search=term)
        assert demo.households.ids(HouseholdQuery(search=term, window=len(plain))) == reference(plain, query)


def test_a_window_needs_the_default_order(demo: Station) -> None:
    for query in (
        HouseholdQuery(window=10, sort="member_count"),
        HouseholdQuery(window=10, descending=True),
        HouseholdQuery(window=-1),
    ):
        assert not query.windowable or query.window == -1
        with pytest.raises(ValueError):
            demo.households.ids(query)


def test_pages_of_the_whole_list_follow_each_other(demo: Station, plain: list[Plain]) -> None:
    pages = [demo.households.ids(HouseholdQuery(offset=o, limit=50)) for o in range(0, len(plain), 50)]
    assert [i for page in pages for i in page] == [h.id for h in plain]


def test_rows_come_in_the_order_asked_and_leave_out_unknown_and_deleted_ids(demo: Station) -> None:
    ids = list(reversed(demo.households.ids()))
    with demo.db.reader() as session:
        deleted = session.scalars(select(Household.id).where(Household.deleted.is_(True))).first()
    assert deleted is not None
    asked = [ids[3], "no-such-id", deleted, *ids[:2]]
    rows = demo.households.rows(asked)
    assert [r.id for r in rows] == [ids[3], ids[0], ids[1]]
    assert all(r.village_name and r.township_name == "马友营蒙古族乡" for r in rows)
    # More ids than one statement takes.
    many = ids * 3
    assert [r.id for r in demo.households.rows(many)] == many
    assert demo.households.rows([]) == []


def test_the_new_filters_have_something_to_find(plain: list[Plain]) -> None:
    """The demo gives the property tests households covered, on a project list and not surveyed."""
    assert sum(1 for h in plain if h.covered) > 10
    assert sum(1 for h in plain if h.projects) > 10
    assert any(not h.years for h in plain) or len({y for h in plain for y in h.years}) > 1


def test_covered_in_a_year_is_the_figure_of_households_covered(demo: Station, plain: list[Plain]) -> None:
    """受益年度 Y lists exactly the households the 首页 counts as covered in Y (one definition)."""
    years = sorted({y for h in plain for y in h.covered})
    assert years
    for year in years:
        listed = demo.households.ids(HouseholdQuery(covered_year=year))
        assert len(listed) == demo.households.count(HouseholdQuery(covered_year=year))
        assert len(listed) == demo.figures.figures(year, with_late=False).total.covered > 0


def test_compared_households_are_those_the_income_increase_averages(
    demo: Station, plain: list[Plain]
) -> None:
    """户均增收's households: the list of (baseline, Y) is as long as the figure's count, every year."""
    years = sorted({y for h in plain for y in h.years})
    assert len(years) > 1
    for year in years:
        figures = demo.figures.figures(year, with_late=False)
        assert figures.baseline_year == years[0]
        query = HouseholdQuery(compared=(years[0], year))
        assert len(demo.households.ids(query)) == figures.total.income_households
    assert figures.total.income_households > 0
