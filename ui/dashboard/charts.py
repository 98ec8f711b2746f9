"""The dashboard's charts (QtCharts): imported only once the page has painted its numbers.

One kind of chart serves all four (bars by township, stacked stages by category, funds by source,
households covered by year): categories along one axis, one or more sets of values, optionally
horizontal or stacked, and a click on a bar reported as (set index, category index).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QApplication, QWidget

CHART_MIN_HEIGHT = 250


@dataclass(frozen=True)
class BarSet:
    label: str
    values: Sequence[float]
    color: str


@dataclass(frozen=True)
class BarChart:
    title: str
    categories: Sequence[str]
    sets: Sequence[BarSet]
    horizontal: bool = False
    stacked: bool = False
    value_format: str = "%.0f"  # the value axis and the bar labels (printf style, as Qt takes it)
    show_labels: bool = True
    empty_text: str = ""  # shown under the title when every value is zero

    @property
    def empty(self) -> bool:
        return not any(value for bar_set in self.sets for value in bar_set.values)


def _series(chart: BarChart) -> QAbstractBarSeries:
    kinds: dict[tuple[bool, bool], type[QAbstractBarSeries]] = {
        (False, False): QBarSeries,
        (False, True): QStackedBarSeries,
        (True, False): QHorizontalBarSeries,
        (True, True): QHorizontalStackedBarSeries,
    }
    series = kinds[(chart.horizontal, chart.stacked)]()
    for bar_set in chart.sets:
        item = QBarSet(bar_set.label)
        item.append([float(v) for v in bar_set.values])
        item.setColor(QColor(bar_set.color))
        item.setBorderColor(QColor(bar_set.color))
        item.setLabelColor(QColor("#ffffff" if chart.stacked else "#1d2733"))
        series.append(item)
    series.setBarWidth(0.7 if chart.stacked or len(chart.sets) > 1 else 0.55)
    if chart.show_labels:
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value")
        position = QAbstractBarSeries.LabelsPosition
        series.setLabelsPosition(position.LabelsCenter if chart.stacked else position.LabelsOutsideEnd)
        series.setLabelsPrecision(6)
    return series


def _axes(chart: BarChart, view_chart: QChart, series: QAbstractBarSeries) -> None:
    categories = QBarCategoryAxis()
    # Qt draws the first category of a horizontal chart at the bottom: reversed, the list reads down.
    names = list(chart.categories)
    categories.append(list(reversed(names)) if chart.horizontal else names)
    values = QValueAxis()
    values.setLabelFormat(chart.value_format)
    top = (
        max(
            (sum(s.values[i] for s in chart.sets) if chart.stacked else max(s.values[i] for s in chart.sets))
            for i in range(len(names))
        )
        if names and chart.sets
        else 0.0
    )
    values.setRange(0, max(top * 1.15, 4.0))  # an empty chart still reads 0 1 2 3 4, not 0 0 1 1
    values.applyNiceNumbers()
    values.setGridLineColor(QColor("#e3e8ee"))
    for axis in (categories, values):
        axis.setLabelsColor(QColor("#3c4856"))
        axis.setLinePenColor(QColor("#c4ccd6"))
    category_side, value_side = (
        (Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom)
        if chart.horizontal
        else (Qt.AlignmentFlag.AlignBottom, Qt.AlignmentFlag.AlignLeft)
    )
    categories.setGridLineVisible(False)
    categories.setTruncateLabels(False)  # township names are the point of the chart: never "…"
    view_chart.addAxis(categories, category_side)
    view_chart.addAxis(values, value_side)
    series.attachAxis(categories)
    series.attachAxis(values)


def _reverse_for_horizontal(chart: BarChart) -> BarChart:
    if not chart.horizontal:
        return chart
    sets = [BarSet(s.label, list(reversed(s.values)), s.color) for s in chart.sets]
    return dataclasses.replace(chart, sets=sets)


def bar_chart_view(
    chart: BarChart, on_click: Callable[[int, int], None] | None = None, parent: QWidget | None = None
) -> QChartView:
    """A chart view of ``chart``; ``on_click(set_index, category_index)`` in the order given."""
    shown = _reverse_for_horizontal(chart)
    view_chart = QChart()
    view_chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    view_chart.setBackgroundRoundness(0)
    view_chart.setBackgroundBrush(QColor("#ffffff"))
    view_chart.setBackgroundPen(QPen(Qt.PenStyle.NoPen))
    view_chart.setMargins(QMargins(4, 4, 4, 4))
    title_font = QFont(QApplication.font())
    title_font.setBold(True)
    view_chart.setTitleFont(title_font)
    view_chart.setTitleBrush(QColor("#14324f"))
    view_chart.setTitle(
        f"{chart.title}<br>{chart.empty_text}" if chart.empty and chart.empty_text else chart.title
    )
    series = _series(shown)
    view_chart.addSeries(series)
    _axes(chart, view_chart, series)
    legend = view_chart.legend()
    legend.setVisible(len(chart.sets) > 1)
    legend.setAlignment(Qt.AlignmentFlag.AlignBottom)
    legend.setFont(QFont(QApplication.font()))
    view = QChartView(view_chart, parent)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    # a horizontal chart grows with its categories (a township's twenty villages), each bar readable
    rows = len(chart.categories) * (len(chart.sets) if chart.horizontal else 0)
    view.setMinimumHeight(max(CHART_MIN_HEIGHT, 9 * rows + 110))
    view.setStyleSheet("background: transparent; border: none;")
    if on_click is not None:
        count = len(chart.categories)
        view.setCursor(Qt.CursorShape.PointingHandCursor)
        for set_index, bar_set in enumerate(series.barSets()):

            def clicked(index: int, row: int = set_index) -> None:
                on_click(row, count - 1 - index if chart.horizontal else index)

            bar_set.clicked.connect(clicked)
    return view
