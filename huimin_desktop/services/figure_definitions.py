"""What *households covered* and *average income increase* mean: written once, here, for the 首页 and
报表 (services/figures.py, a year's figure) and for the indicators bound to them (services/bound_figures.py,
the same figure read at each month's end). Both read these statements; neither has its own.

- **Households covered** (覆盖农户) in year Y: distinct live households that benefit from a live
  project of year Y (project_beneficiary), counted where the household lives. Month by month a
  household counts from the month its first such project started (``actual_start``; a project
  started before Y counts from January); one whose projects have no start in Y yet counts in
  December, so the year's figure (December's) is every household on the year's lists.
- **Average income increase** (户均增收) in year Y: over the households with a survey in the
  baseline year and one in a later year up to Y, the 家庭纯收入 of the newest such survey less the
  baseline survey's, averaged and rounded half up to whole yuan (``average_yuan``). Two live surveys
  of one household and year count once: the one changed last (``stamp``, then id). Month by month, a
  survey of year Y counts from the month of its survey date (undated: December); until then the
  household's newest earlier survey (if any) stands for it.

The baseline year is the earliest year with a live survey, unless the program's targets name one
(``ProgramTargets.baseline_year``); a baseline not before Y gives no increase.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NET_INCOME = "s.income_wage + s.income_business + s.income_property + s.income_transfer - s.expense_business"


# Every (project year, household, its division, the project's actual start) of a live household on
# the beneficiary list of a live project: what "covered" counts, and what the household list's
# 受益年度 filter selects (services/household_list.py, through services/figures.py).
BENEFICIARY_YEARS_SQL = """
SELECT p.year AS year, b.household_id AS household_id, h.division_id AS division_id,
       p.actual_start AS actual_start
FROM project_beneficiary AS b
JOIN project AS p ON p.id = b.project_id
JOIN household AS h ON h.id = b.household_id
WHERE b.deleted = 0 AND p.deleted = 0 AND h.deleted = 0
"""


# (year, division, households covered), every year at once: the year's figure and the by-year chart
COVERED_BY_YEAR_SQL = f"""
SELECT year, division_id, COUNT(DISTINCT household_id) FROM ({BENEFICIARY_YEARS_SQL})
GROUP BY year, division_id
"""

# (division, the month it counts from, 1) for each household covered in :year
COVERED_BY_MONTH_SQL = f"""
SELECT division_id,
       MIN(CASE WHEN actual_start IS NULL OR actual_start >= printf('%04d-01-01', year + 1) THEN 12
                WHEN actual_start < printf('%04d-01-01', year) THEN 1
                ELSE CAST(strftime('%m', actual_start) AS INTEGER) END),
       1
FROM ({BENEFICIARY_YEARS_SQL}) WHERE year = :year
GROUP BY household_id
"""


def _newest(where: str, column: str = NET_INCOME) -> str:
    """The survey of the household changed last among those ``where`` picks (newest year first)."""
    return (
        f"(SELECT {column} FROM survey AS s WHERE s.household_id = h.id AND s.deleted = 0 AND {where} "
        "ORDER BY s.year DESC, s.stamp DESC, s.id DESC LIMIT 1)"
    )


def household_income_cte(*, monthly: bool) -> str:
    """``WITH each AS MATERIALIZED (…)``: one row per live household with its ``division_id``, the net
    income of its survey of :year (``net_this``), of its newest survey after :baseline and before
    :year (``net_before``) and of its :baseline survey (``net_base``), NULL where there is none; with
    ``monthly`` its ``household_id`` too, for the month its survey of :year counts from
    (``SURVEY_MONTHS_SQL``). The statements that follow read ``INCREASE_THIS``, ``INCREASE_BEFORE``
    and ``INCREASE`` (the year's) from ``each``.

    Read from ix_survey_household_year alone and in its order (migration 0013); materialised, so each
    household's subqueries run once whatever the statement does with the columns. (The survey date
    is not in that index: a lookup per household here cost three times the whole pass on a sealed
    database, so the months come from one read of the year's surveys instead.)"""
    household = "h.id AS household_id,\n       " if monthly else ""
    return f"""
WITH each AS MATERIALIZED (
SELECT h.division_id AS division_id, {household}
       {_newest("s.year = :year")} AS net_this,
       {_newest("s.year > :baseline AND s.year < :year")} AS net_before,
       {_newest("s.year = :baseline")} AS net_base
FROM household AS h WHERE h.deleted = 0
)"""


# (household, the month its survey of :year counts from: its date's, undated December), the survey
# changed last coming last, so that it is the one kept (as ``_newest`` picks it)
SURVEY_MONTHS_SQL = """
SELECT household_id, COALESCE(CAST(strftime('%m', survey_date) AS INTEGER), 12)
FROM survey WHERE year = :year AND deleted = 0
ORDER BY stamp, id
"""


INCREASE_THIS = "(net_this - net_base)"
INCREASE_BEFORE = "(net_before - net_base)"
INCREASE = "(COALESCE(net_this, net_before) - net_base)"  # the year's: its newest survey up to :year
SURVEYED = "(net_this IS NOT NULL)"  # a live survey of :year (its income columns are never NULL)


def baseline_parameter(baseline: int | None, year: int) -> int:
    """The :baseline the statements take: -1 (no increase) unless the baseline is before ``year``."""
    return baseline if baseline is not None and baseline < year else -1


def average_yuan(total: int | float, households: int) -> int | None:
    """户均增收 in whole yuan, rounded half up; None without households."""
    if not households:
        return None
    return int((Decimal(str(total)) / households).quantize(Decimal(1), rounding=ROUND_HALF_UP))
