"""The dashboard's four charts made from the figures, with what a click on each bar opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from huimin_desktop.domain.codelists import code_lists
from ui.dashboard.charts import BarChart, BarSet, bar_chart_view
from ui.dashboard.links import PROJECTS, ListLink

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


def _tr(text: str) -> str:
    return QCoreApplication.translate("DashboardCharts", text)


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
        _tr("Households by township · {year}")
        if figures.part_level == "township"
        else _tr("Households by village · {year}")
    )
    chart = BarChart(
        title.format(year=figures.year),
        [p.name for p in parts],
        [
            BarSet(_tr("Households covered"), [p.tally.covered for p in parts], BLUE),
            BarSet(_tr("Households surveyed"), [p.tally.surveyed for p in parts], TEAL),
        ],
        horizontal=True,
        empty_text=_tr("No households yet"),
    )

    def clicked(set_index: int, index: int) -> None:
        page.open_list.emit(page.part_link(parts[index], households=set_index == 1))

    return bar_chart_view(chart, clicked)


def _stages_chart(page: DashboardPage, figures: Figures) -> QWidget:
    from huimin_desktop.services.projects import stage_name

    categories = list(code_lists().project_category.items())
    total = figures.total
    stages = [
        s for s in ("", *(e.code for e in code_lists().project_stage)) if s or total.projects_at(stage=s)
    ]
    chart = BarChart(
        _tr("Projects by category and stage · {year}").format(year=figures.year),
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
        empty_text=_tr("No projects this year yet"),
    )

    def clicked(_set_index: int, index: int) -> None:
        township = page.card_link("projects").township_id
        page.open_list.emit(ListLink(PROJECTS, figures.year, township, category=categories[index][0]))

    return bar_chart_view(chart, clicked)


def _funds_chart(page: DashboardPage, figures: Figures) -> QWidget:
    planned, spent = figures.total.funds_planned, figures.total.funds_spent
    sources = ("provincial", "local", "integrated", "self_raised")
    chart = BarChart(
        _tr("Funds by source (10k yuan) · {year}").format(year=figures.year),
        [_tr("Provincial"), _tr("City and county"), _tr("Integrated"), _tr("Self-raised")],
        [
            BarSet(_tr("Planned"), [getattr(planned, s) / 10_000 for s in sources], BLUE),
            BarSet(_tr("Spent"), [getattr(spent, s) / 10_000 for s in sources], ORANGE),
        ],
        value_format="%.0f",
        empty_text=_tr("No projects this year yet"),
    )
    return bar_chart_view(chart, lambda _s, _i: page.open_list.emit(page.card_link("funds")))


def _years_chart(page: DashboardPage, figures: Figures) -> QWidget:
    years = sorted({*figures.years, figures.year})
    counts = dict(figures.covered_by_year)
    chart = BarChart(
        _tr("Households covered by year (target {target})").format(target=f"{figures.targets.households:,}"),
        [str(year) for year in years],
        [BarSet(_tr("Households covered"), [counts.get(year, 0) for year in years], BLUE)],
        empty_text=_tr("No project has beneficiaries yet"),
    )

    def clicked(_set_index: int, index: int) -> None:
        township = page.card_link("covered").township_id
        page.open_list.emit(ListLink(PROJECTS, years[index], township))

    return bar_chart_view(chart, clicked)
