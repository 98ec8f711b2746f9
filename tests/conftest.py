"""Shared fixtures: a fresh station in a temporary data folder for every test that asks for one."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before any Qt import: GUI tests run without a screen.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

from huimin_desktop.services.station import Station
from tests.core.sync_helpers import NETWORK_CITY, NETWORK_TOWNSHIPS, link

TOWNSHIP_CODE = "211381204000"  # 马友营蒙古族乡, 北票市


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "station"


@pytest.fixture
def station(data_dir: Path) -> Iterator[Station]:
    opened = Station.create(data_dir, level="township", name="马友营蒙古族乡", division_code=TOWNSHIP_CODE)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def network(tmp_path: Path) -> Iterator[tuple[Station, Station, Station]]:
    """A city and two of its townships (马友营, 蒙古营), linked both ways."""
    city = Station.create(tmp_path / "city", level="city", name="朝阳市民委", division_code=NETWORK_CITY)
    a = Station.create(
        tmp_path / "a", level="township", name="马友营蒙古族乡", division_code=NETWORK_TOWNSHIPS[0]
    )
    b = Station.create(tmp_path / "b", level="township", name="蒙古营乡", division_code=NETWORK_TOWNSHIPS[1])
    link(city, a)
    link(city, b)
    try:
        yield city, a, b
    finally:
        for station in (city, a, b):
            station.close()
