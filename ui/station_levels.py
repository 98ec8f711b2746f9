"""Display names for the three station levels (city, county, township)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

LEVELS = ("city", "county", "township")


def level_name(level: str) -> str:
    names = {
        "city": QCoreApplication.translate("StationLevels", "City"),
        "county": QCoreApplication.translate("StationLevels", "County (city, district)"),
        "township": QCoreApplication.translate("StationLevels", "Township"),
    }
    return names.get(level, level)
