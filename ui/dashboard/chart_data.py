"""The dashboard's four charts made from the figures, with what a click on each bar opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.services.figures import ACCEPTED_STAGE
from huimin_desktop.services.projects import FUNDS
from ui.dashboard.charts import BarChart, BarSet, bar_chart_view
from ui.dashboard.links import HOUSEHOLDS, PROJECTS, ListLink

if TYPE_CHECKING:
    from huimin_desktop.services.figures import Figures
    from ui.dashboard.page import DashboardPage

BLUE, TEAL, ORANGE = "#2f7bc4", "#2a9d8f", "#e9a23b"
# 未申报, 申报 … 验收: grey, then blues deepening towards the green of an accepted project
STAGE_COLOURS = {
    "": "#b0bac5",
    "1": "#9cc3e6",
    "2": "#5f9fd6",
    "3": "#2f7bc4",
    "4": "#1f5f99",
    "5": "#43a047",
}


# Literal translate("DashboardCharts", "…") calls: pyside6-lupdate finds only those (a helper taking the
# text as a variable hid every string of the charts from the catalog, so they showed in English).
translate = QCoreApplication.translate


def dashboard_charts(page: DashboardPage, figures: Figures) -> dict[str, QWidget]:
    """Chart key → its view, each bar wired to ``page.open_list``."""
    return {
        "parts": _parts_chart(page, figures),
        "stages": _stages_chart(page, figures),
        "funds": _funds_chart(page, figures),
        "years": _years_chart(page, figures),
    }


def _parts_chart(page: DashboardPage, figures: Figures) -> QWidget:
    parts = figures.parts
    title = (
        translate("DashboardCharts", "Households by township · {year}")
        if figures.part_level == "township"
        else translate("DashboardCharts", "Households by village · {year}")
    )
    chart = BarChart(
        title.format(year=figures.year),
        [p.name for p in parts],
        [
            BarSet(
                translate("DashboardCharts", "Households covered"), [p.tally.covered for p in parts], BLUE
            ),
            BarSet(
                translate("DashboardCharts", "Households surveyed"), [p.tally.surveyed for p in parts], TEAL
            ),
        ],
        horizontal=True,
        empty_text=translate("DashboardCharts", "No households yet"),
    )

    def clicked(set_index: int, index: int) -> None:
        page.open_list.emit(page.part_link(parts[index], covered=set_index == 0))

    return bar_chart_view(chart, clicked)


def _stages_chart(page: DashboardPage, figures: Figures) -> QWidget:
    from huimin_desktop.services.projects import stage_name

    categories = list(code_lists().project_category.items())
    total = figures.total
    stages = [
        s for s in ("", *(e.code for e in code_lists().project_stage)) if s or total.projects_at(stage=s)
    ]
    chart = BarChart(
        translate("DashboardCharts", "Projects by category and stage · {year}").format(year=figures.year),
        [name for _code, name in categories],
        [
            BarSet(
                stage_name(stage),
                [total.projects.get((code, stage), 0) for code, _name in categories],
                STAGE_COLOURS.get(stage, BLUE),
            )
            for stage in stages
        ],
        stacked=True,
        empty_text=translate("DashboardCharts", "No projects this year yet"),
    )

    def clicked(set_index: int, index: int) -> None:
        township = page.card_link("projects").township_id
        category, stage = categories[index][0], stages[set_index]
        page.open_list.emit(ListLink(PROJECTS, figures.year, township, category=category, stage=stage))

    return bar_chart_view(chart, clicked)


def _funds_chart(page: DashboardPage, figures: Figures) -> QWidget:
    planned, spent = figures.total.funds_planned, figures.total.funds_spent
    sources = ("provincial", "local", "integrated", "self_raised")
    chart = BarChart(
        translate("DashboardCharts", "Funds by source (10k yuan) · {year}").format(year=figures.year),
        [
            translate("DashboardCharts", "Provincial"),
            translate("DashboardCharts", "City and county"),
            translate("DashboardCharts", "Integrated"),
            translate("DashboardCharts", "Self-raised"),
        ],
        [
            BarSet(
                translate("DashboardCharts", "Planned"), [getattr(planned, s) / 10_000 for s in sources], BLUE
            ),
            BarSet(
                translate("DashboardCharts", "Spent"), [getattr(spent, s) / 10_000 for s in sources], ORANGE
            ),
        ],
        value_format="%.0f",
        empty_text=translate("DashboardCharts", "No projects this year yet"),
    )
    columns = tuple(FUNDS)  # the project list's funds-source filter, in the chart's order of sources

    def clicked(set_index: int, index: int) -> None:
        township = page.card_link("funds").township_id
        spent = ACCEPTED_STAGE if set_index == 1 else None  # spent: funds of the projects at 验收
        link = ListLink(PROJECTS, figures.year, township, stage=spent, fund_source=columns[index])
        page.open_list.emit(link)

    return bar_chart_view(chart, clicked)


def _years_chart(page: DashboardPage, figures: Figures) -> QWidget:
    years = sorted({*figures.years, figures.year})
    counts = dict(figures.covered_by_year)
    chart = BarChart(
        translate("DashboardCharts", "Households covered by year (target {target})").format(
            target=f"{figures.targets.households:,}"
        ),
        [str(year) for year in years],
        [
            BarSet(
                translate("DashboardCharts", "Households covered"),
                [counts.get(year, 0) for year in years],
                BLUE,
            )
        ],
        empty_text=translate("DashboardCharts", "No project has beneficiaries yet"),
    )

    def clicked(_set_index: int, index: int) -> None:
        township = page.card_link("covered").township_id
        page.open_list.emit(ListLink(HOUSEHOLDS, township_id=township, covered_year=years[index]))

    return bar_chart_view(chart, clicked)
