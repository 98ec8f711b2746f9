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
