"""The 农户 page's filter rows fit a 1366-pixel screen beside the navigation, in both languages (an
old laptop's screen; English words are longer than Chinese ones)."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from huimin_desktop.demo import generate_demo
from huimin_desktop.services.station import Station
from ui.pages.households_page import HouseholdsPage

SCREEN_WIDTH = 1366
NAVIGATION_AND_FRAME = 220  # the navigation list (~150 px in English), the window's margins and frame


@pytest.mark.parametrize("language", ["chinese", "english"])
def test_the_filters_fit_a_small_screen(
    qtbot: QtBot, station: Station, language: str, request: pytest.FixtureRequest
) -> None:
    request.getfixturevalue(language)
    generate_demo(station, 300)
    page = HouseholdsPage(station)
    page.editors_enabled = False
    qtbot.addWidget(page)
    page.show()
    qtbot.waitExposed(page)
    needed = page.minimumSizeHint().width()
    assert needed <= SCREEN_WIDTH - NAVIGATION_AND_FRAME, needed
