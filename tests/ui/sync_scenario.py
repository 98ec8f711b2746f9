"""Real stations that exchange real package files, for the sync screens' tests and screenshots.

``enrolled_pair`` gives a city and a township it enrolled (setup file, first start from it). Packages are
then written and read by the real ``station.sync`` (files on a temporary "USB stick"). Conflicts come
from two stations editing the same field, exactly as in the field.
"""

from __future__ import annotations

from pathlib import Path

from huimin_desktop.services.station import Station
from tests.core.sync_helpers import add_household, enroll_station, set_household
from tests.stations import new_station

CITY_CODE = "211300"
TOWNSHIP_CODE = "211381204000"  # 马友营蒙古族乡


def enroll(upper: Station, root: Path, *, name: str = "马友营蒙古族乡", code: str = TOWNSHIP_CODE) -> Station:
    """``upper`` enrolls a township; its first start reads the setup file and code (as the cadre's laptop
    does), and its first package registers it above."""
    root.mkdir(parents=True, exist_ok=True)
    return enroll_station(
        upper, "township", name, code, root / f"setup-{code}.json", root / f"station-{code}"
    )


def enrolled_pair(root: Path) -> tuple[Station, Station]:
    city = new_station(root / "city", level="city", name="朝阳市民委", division_code=CITY_CODE)
    return city, enroll(city, root)


def stick(root: Path, name: str = "KINGSTON") -> Path:
    folder = root / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def township_sends_households(township: Station, usb: Path, heads: int = 3) -> list[str]:
    """The township enters households and exports; returns their ids (the city has not merged yet)."""
    ids = [
        add_household(township, head, f"21138119800101{index:03d}{'9X7'[index % 3]}")
        for index, head in enumerate(["宝斯鲁", "乌力吉", "其木格", "白音", "那顺"][:heads])
    ]
    township.sync.export(usb)
    return ids


def phone_conflict(city: Station, township: Station, usb: Path) -> str:
    """A household both stations edit (phone) after it reached the city; the second package is on ``usb``.

    Returns the household id. The township's value is older, so the city's applied value stays the
    winner and the township's is "the other value".
    """
    (household,) = township_sends_households(township, usb, heads=1)
    city.sync.merge([usb])
    for package in usb.iterdir():
        _remove_tree(package)
    set_household(township, household, phone="13922222222")
    set_household(city, household, phone="13911111111")
    township.sync.export(usb)
    return household


def _remove_tree(path: Path) -> None:
    import shutil

    shutil.rmtree(path) if path.is_dir() else path.unlink()
