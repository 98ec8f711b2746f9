"""Shared fixtures: a fresh station in a temporary data folder for every test that asks for one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any Qt import: GUI tests run without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

from huimin_desktop.security import vault
from huimin_desktop.services.station import Station
from tests.core.sync_helpers import NETWORK_CITY, NETWORK_TOWNSHIPS, link
from tests.stations import TEST_ADMIN, TEST_PASSWORD, new_station

# Every station is encrypted and opened with a login: argon2 made cheap for the tests' own process (each
# box records its cost, so the program opens them all the same), and the CLI run in or out of process
# logs in as the test administrator unless a test says otherwise.
vault.DEFAULT_KDF = vault.KdfParams(time_cost=1, memory_cost=8, parallelism=1)
os.environ["HUIMIN_USER"] = TEST_ADMIN
os.environ["HUIMIN_PASSWORD"] = TEST_PASSWORD

TOWNSHIP_CODE = "211381204000"  # 马友营蒙古族乡, 北票市


@pytest.fixture(autouse=True)
def _language_stays_with_its_test() -> Iterator[None]:
    """A test that runs the CLI with --lang en (or switches the GUI to English) sets the core's language
    for the process; the next test starts with the language it found, as a fresh program would."""
    from huimin_desktop import messages

    before = messages.language()
    yield
    messages.set_language(before)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "station"


@pytest.fixture
def station(data_dir: Path) -> Iterator[Station]:
    opened = new_station(data_dir, level="township", name="马友营蒙古族乡", division_code=TOWNSHIP_CODE)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def network(tmp_path: Path) -> Iterator[tuple[Station, Station, Station]]:
    """A city and two of its townships (马友营, 蒙古营), linked both ways."""
    city = new_station(tmp_path / "city", level="city", name="朝阳市民委", division_code=NETWORK_CITY)
    a = new_station(
        tmp_path / "a", level="township", name="马友营蒙古族乡", division_code=NETWORK_TOWNSHIPS[0]
    )
    b = new_station(tmp_path / "b", level="township", name="蒙古营乡", division_code=NETWORK_TOWNSHIPS[1])
    link(city, a)
    link(city, b)
    try:
        yield city, a, b
    finally:
        for station in (city, a, b):
            station.close()
