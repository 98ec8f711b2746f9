"""Each page reads again only what an operation changed: a check reads nothing, a household save only
the household list (counted at the facade: the real services run, each call is tallied)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from huimin_desktop.demo import generate_demo
from huimin_desktop.services.households import HouseholdInput, MemberInput, SurveyInput
from huimin_desktop.services.station import Station
from ui import operations
from ui.main_window import MainWindow
from ui.operations import Operation

# What each page reads when it refreshes, as (page, service, method) of the facade.
READS = {
    "households": [("households", name) for name in ("ids", "first_ids", "count", "rows")],
    "projects": [("projects", name) for name in ("ids", "rows", "totals")],
    "training": [("trainings", name) for name in ("ids", "rows")],
    "sync": [("sync", "conflicts"), ("sync", "last_export"), ("enrollment", "peers")],
}


def count_reads(station: Station, monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Wrap the facade's list methods: each still runs the real query, and the calls are counted."""
    calls: Counter[str] = Counter()

    def counting(page: str, method: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            calls[page] += 1
            return method(*args, **kwargs)

        return counted

    for page, reads in READS.items():
        for service_name, name in reads:
            service = getattr(station, service_name)
            monkeypatch.setattr(service, name, counting(page, getattr(service, name)))
    return calls


@pytest.fixture
def window(qtbot: QtBot, station: Station, chinese: str) -> MainWindow:
    generate_demo(station, 30, seed=4)
    shown = MainWindow(station)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    for key in ("projects", "training", "sync", "households"):  # every page has read its list once
        shown.show_page(key)
        qtbot.wait(10)
    return shown


def run(window: MainWindow, work: Callable[[Any], object], label: str) -> Operation[object]:
    with operations.synchronous():
        return Operation(window, work, label=label, cancellable=False).run_in_background()


def visit_every_page(qtbot: QtBot, window: MainWindow) -> None:
    for key in ("projects", "training", "sync", "households"):
        window.show_page(key)
        qtbot.wait(10)


def household_input(station: Station, household_id: str) -> HouseholdInput:
    record = station.households.get(household_id)
    members = tuple(
        MemberInput(
            name=m.name, id_number=m.id_number, relationship=m.relationship, ethnicity=m.ethnicity, id=m.id
        )
        for m in record.members
    )
    return HouseholdInput(division_id=record.division_id, members=members, household_no=record.household_no)


def test_a_check_refreshes_nothing(
    qtbot: QtBot, window: MainWindow, station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    household_id = station.households.ids()[0]
    data = household_input(station, household_id)
    calls = count_reads(station, monkeypatch)
    changed: list[object] = []
    operations.hooks().changed.connect(changed.append)
    try:
        checked = run(window, lambda _task: station.households.validate(data, household_id), "Checking…")
        visit_every_page(qtbot, window)
    finally:
        operations.hooks().changed.disconnect(changed.append)
    assert checked.result is not None and not checked.changes
    assert changed == []
    assert calls == Counter()


def test_a_household_save_refreshes_the_household_list_only(
    qtbot: QtBot, window: MainWindow, station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    household_id = station.households.ids()[0]
    data = household_input(station, household_id)
    survey = SurveyInput(year=dt.date.today().year + 1, income_wage=12_000)  # the newest year
    calls = count_reads(station, monkeypatch)
    saved = run(
        window, lambda _task: station.households.save_with_survey(household_id, data, survey), "Saving…"
    )
    assert saved.changes.households and not saved.changes.projects
    assert calls["households"] > 0
    # The other pages were not read again, neither at once nor when shown afterwards.
    visit_every_page(qtbot, window)
    assert {page: n for page, n in calls.items() if page != "households"} == {}
    # ...and the list shows the new income.
    page = window.pages["households"]
    row = page.model.row_of(household_id)  # type: ignore[attr-defined]
    assert row is not None
    per_capita = 12_000 // max(len(data.members), 1)
    assert page.model.index(row, 7).data().replace(",", "") == str(per_capita)  # type: ignore[attr-defined]
