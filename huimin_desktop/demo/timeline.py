"""The days demo data lies in: the program years and the two dates that bound every record.

Nothing the generator writes depends on the wall clock (the same seed gives the same data next year):
ages are counted to ``REFERENCE_DATE``, and surveys, stages, trainings and progress reports fall in
``YEARS`` and never after ``LAST_EVENT_DATE``.
"""

from __future__ import annotations

import datetime as dt

YEARS = (2024, 2025, 2026)  # the baseline year first
REFERENCE_DATE = dt.date(2026, 6, 30)  # ages are counted to this day (not 29 February: see Person ages)
LAST_EVENT_DATE = dt.date(2026, 11, 20)  # no survey, stage, training or progress entry is later
