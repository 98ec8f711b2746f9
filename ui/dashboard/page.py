"""首页: the year's figures of the station's area in six cards, four charts and two tables.

The page paints at once; the figures (``Station.figures``, services/figures.py) are read on the worker
thread, since at 100k households they take longer than a first paint may, and shown when they arrive.
The charts (QtCharts, about 30 ms to import) are built only after the page has painted its numbers.
Every card, bar and row asks the main window for the matching list (``open_list`` with a ``ListLink``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.dashboard.cards import DASHBOARD_STYLE, FigureCard
from ui.dashboard.links import ASSESSMENT, HOUSEHOLDS, PROJECTS, SYNC, TRAINING, ListLink
from ui.widgets.labels import muted_label, title_label
from ui.widgets.tables import read_only_table

if TYPE_CHECKING:
    from PySide6.QtGui import QShowEvent

    from huimin_desktop.changes import Changes
    from huimin_desktop.services.figures import Figures, LateIndicator, Part
    from huimin_desktop.services.station import Station

STALE_DAYS = 30  # a lower station silent for longer is marked
CARD_KEYS = ("covered", "surveyed", "income", "projects", "funds", "trainings")
CHART_KEYS = ("parts", "stages", "funds", "years")


def wan(yuan: int) -> str:
    """Whole yuan as 万元 with one decimal (123,456 → "12.3")."""
    return f"{yuan / 10_000:,.1f}"


def percent(part: float, whole: float) -> str:
    return f"{part / whole:.0%}" if whole else "—"


class DashboardPage(QScrollArea):
    """The first page at every level. ``open_list(ListLink)``: show that list, filtered."""

    open_list = Signal(object)
    figures_shown = Signal()  # the numbers of a reading are on the page (tests, the benchmark)
    charts_built = Signal()
    late_shown = Signal()

    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dashboardPage")
        self.station = station
        self.figures: Figures | None = None
        self.late_indicators: tuple[LateIndicator, ...] = ()
        self._generation = 0
        self._charts_due = False
        self._stale = False
        self.chart_views: dict[str, QWidget] = {}
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("dashboardBody")
        body.setStyleSheet(DASHBOARD_STYLE)
        self.body = body
        self.layout_ = QVBoxLayout(body)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.setSpacing(12)
        self._build_header()
        self._build_cards()
        self._build_chart_slots()
        self._build_tables()
        self.layout_.addStretch(1)
        self.setWidget(body)
        body.installEventFilter(self)
        from ui.operations import hooks

        hooks().changed.connect(self._changes_made)
        self.reload()

    # -- building ---------------------------------------------------------------------------------

    def _build_header(self) -> None:
        top = QHBoxLayout()
        self.title = title_label(self.tr("Overview"))
        self.subtitle = muted_label()
        self.subtitle.setWordWrap(False)
        self.year_box = QComboBox()
        self.year_box.setMinimumWidth(96)
        self.year_box.currentIndexChanged.connect(self._year_chosen)
        year_label = QLabel(self.tr("Year"))
        year_label.setBuddy(self.year_box)
        top.addWidget(self.title)
        top.addSpacing(16)
        top.addWidget(self.subtitle, 0, Qt.AlignmentFlag.AlignBottom)
        top.addStretch(1)
        top.addWidget(year_label)
        top.addWidget(self.year_box)
        self.layout_.addLayout(top)

    def _build_cards(self) -> None:
        captions = {
            "covered": self.tr("Households covered"),
            "surveyed": self.tr("Household surveys"),
            "income": self.tr("Income increase per household"),
            "projects": self.tr("Projects"),
            "funds": self.tr("Funds planned (10k yuan)"),
            "trainings": self.tr("Training sessions"),
        }
        grid = QGridLayout()
        grid.setSpacing(10)
        self.cards: dict[str, FigureCard] = {}
        for index, key in enumerate(CARD_KEYS):
            card = FigureCard(captions[key], with_bar=key in ("covered", "income", "funds"))
            card.show_figure("…", self.tr("Counting…"))
            card.clicked.connect(lambda _checked=False, k=key: self._card_clicked(k))
            self.cards[key] = card
            grid.addWidget(card, 0, index)
            grid.setColumnStretch(index, 1)
        self.layout_.addLayout(grid)

    def _build_chart_slots(self) -> None:
        grid = QGridLayout()
        grid.setSpacing(10)
        self.chart_slots: dict[str, QVBoxLayout] = {}
        self.chart_waiting: dict[str, QLabel] = {}
        for index, key in enumerate(CHART_KEYS):
            frame = QFrame()
            frame.setObjectName("chartCard")
            frame.setMinimumHeight(270)
            layout = QVBoxLayout(frame)
            layout.setContentsMargins(8, 8, 8, 8)
            waiting = QLabel(self.tr("Drawing the chart…"))
            waiting.setObjectName("chartWaiting")
            waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addWidget(waiting)
            self.chart_slots[key] = layout
            self.chart_waiting[key] = waiting
            grid.addWidget(frame, index // 2, index % 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.layout_.addLayout(grid)

    def _build_tables(self) -> None:
        row = QHBoxLayout()
        row.setSpacing(10)
        self.packages = QTableWidget()
        read_only_table(
            self.packages, [self.tr("Lower station"), self.tr("Last package"), self.tr("Days ago")]
        )
        self.late = QTableWidget()
        read_only_table(
            self.late,
            [self.tr("County"), self.tr("Indicator"), self.tr("Plan"), self.tr("Reported"), self.tr("Unit")],
        )
        self.packages.cellActivated.connect(lambda row, _column: self.open_list.emit(self.package_link(row)))
        self.late.cellActivated.connect(lambda row, _column: self.open_list.emit(self.late_link(row)))
        self.packages_note = muted_label()
        self.late_note = muted_label()
        for title, table, note in (
            (self.tr("Packages from the lower stations"), self.packages, self.packages_note),
            (self.tr("Indicators behind schedule"), self.late, self.late_note),
        ):
            frame = QFrame()
            frame.setObjectName("tableCard")
            layout = QVBoxLayout(frame)
            layout.setContentsMargins(12, 10, 12, 10)
            heading = QLabel(title)
            heading.setObjectName("panelTitle")
            layout.addWidget(heading)
            layout.addWidget(note)
            layout.addWidget(table)
            table.setMinimumHeight(150)
            table.horizontalHeader().setStretchLastSection(False)
            table.horizontalHeader().setSectionResizeMode(
                1 if table is self.late else 0, QHeaderView.ResizeMode.Stretch
            )
            row.addWidget(frame, 1)
        self.layout_.addLayout(row)

    # -- reading ----------------------------------------------------------------------------------

    def year(self) -> int | None:
        """The chosen year; None until the first reading filled the box (the service's default)."""
        value = self.year_box.currentData()
        return int(value) if value is not None else None

    def reload(self) -> None:
        """Read the figures again on the worker thread; the page shows them when they arrive."""
        from ui.operations import Operation

        self._generation += 1
        generation, year, figures = self._generation, self.year(), self.station.figures

        def read(_task: object) -> Figures | None:
            if generation != self._generation:
                return None  # a newer reading was asked for before this one started
            return figures.figures(year, with_late=False)

        Operation(self, read, label=self.tr("Counting the figures…"), quiet=True).success(
            lambda result: self._arrived(generation, result)
        ).run_in_background()

    def _read_late(self, figures: Figures) -> None:
        """The indicators behind schedule, scored as the 考核 page scores them, after the figures."""
        from ui.operations import Operation

        generation, service = self._generation, self.station.figures

        def read(_task: object) -> tuple[LateIndicator, ...] | None:
            if generation != self._generation:
                return None
            return service.late_indicators(figures.year, figures.area_id, figures.as_of)

        Operation(self, read, label=self.tr("Counting the figures…"), quiet=True).success(
            lambda late: self._late_arrived(generation, late)
        ).run_in_background()

    def _late_arrived(self, generation: int, late: tuple[LateIndicator, ...] | None) -> None:
        if late is None or generation != self._generation:
            return
        self.late_indicators = late
        self._show_late(late)
        self.late_shown.emit()

    def _arrived(self, generation: int, figures: Figures | None) -> None:
        if figures is None or generation != self._generation:
            return
        self.figures = figures
        self._fill_years(figures)
        self._show_header(figures)
        self._show_cards(figures)
        self._show_packages(figures)
        self._charts_due = True
        self.body.update()
        self.figures_shown.emit()
        self._read_late(figures)

    def _fill_years(self, figures: Figures) -> None:
        years = sorted({*figures.years, figures.year}, reverse=True)
        current = [self.year_box.itemData(i) for i in range(self.year_box.count())]
        if current == years and self.year_box.currentData() == figures.year:
            return
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year in years:
            self.year_box.addItem(str(year), year)
        self.year_box.setCurrentIndex(years.index(figures.year))
        self.year_box.blockSignals(False)

    def _year_chosen(self, _index: int) -> None:
        self.reload()

    def _changes_made(self, changes: Changes) -> None:
        if not changes.touches("households", "projects", "trainings", "indicators", "divisions", "sync"):
            return
        if self.isVisible():
            self.reload()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """After a paint that showed new numbers, build (or rebuild) the charts."""
        if watched is self.body and event.type() == QEvent.Type.Paint and self._charts_due:
            self._charts_due = False
            QTimer.singleShot(0, self.build_charts)
        return super().eventFilter(watched, event)

    # -- showing ----------------------------------------------------------------------------------

    def _show_header(self, figures: Figures) -> None:
        self.title.setText(
            self.tr("Overview · {area}").format(area=figures.area_name or self.tr("all areas"))
        )
        self.subtitle.setText(
            self.tr("{year}: as of {date}").format(year=figures.year, date=figures.as_of.strftime("%Y-%m-%d"))
        )

    def _show_cards(self, figures: Figures) -> None:
        total, targets = figures.total, figures.targets
        city = figures.area_level == "city"
        target_text = (
            self.tr("Target {target} households") if city else self.tr("City target {target} households")
        ).format(target=f"{targets.households:,}")
        self.cards["covered"].show_figure(
            f"{total.covered:,}",
            f"{target_text} · {percent(total.covered, targets.households)}",
            share=total.covered / targets.households if targets.households else None,
            tone="good" if total.covered >= targets.households else "",
        )
        self.cards["surveyed"].show_figure(
            f"{total.surveyed:,}",
            self.tr("of {households} households ({share})").format(
                households=f"{total.households:,}", share=percent(total.surveyed, total.households)
            ),
        )
        self._show_income(figures)
        accepted = total.projects_at(stage="5")
        self.cards["projects"].show_figure(
            f"{total.project_count:,}", self.tr("{accepted} accepted").format(accepted=accepted)
        )
        planned, spent = total.funds_planned.total, total.funds_spent.total
        self.cards["funds"].show_figure(
            wan(planned),
            self.tr("Spent {spent} ({share})").format(spent=wan(spent), share=percent(spent, planned)),
            share=spent / planned if planned else None,
        )
        self.cards["trainings"].show_figure(
            f"{total.trainings:,}", self.tr("{people} people trained").format(people=f"{total.trained:,}")
        )

    def _show_income(self, figures: Figures) -> None:
        total, goal = figures.total, figures.targets.income_increase
        average = total.average_increase
        if average is None or figures.baseline_year is None:
            self.cards["income"].show_figure("—", self.tr("No household has a baseline and a later survey"))
            return
        self.cards["income"].show_figure(
            self.tr("{yuan} yuan").format(yuan=f"{average:,}"),
            self.tr("Goal {goal} yuan · {first}→{year}, {households} households").format(
                goal=f"{goal:,}",
                first=figures.baseline_year,
                year=figures.year,
                households=f"{total.income_households:,}",
            ),
            share=average / goal if goal else None,
            tone="good" if average >= goal else "short",
        )

    def _show_packages(self, figures: Figures) -> None:
        from ui.sync.texts import format_time

        self.packages.setRowCount(len(figures.packages))
        for row, package in enumerate(figures.packages):
            # the core keeps UTC; shown in the laptop's local time, as the sync page shows it
            when = format_time(package.last_package_at) if package.last_package_at else self.tr("never")
            age = "" if package.age_days is None else str(package.age_days)
            items = [QTableWidgetItem(package.name), QTableWidgetItem(when), QTableWidgetItem(age)]
            items[2].setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            late = package.age_days is None or package.age_days > STALE_DAYS
            for column, item in enumerate(items):
                if late:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.packages.setItem(row, column, item)
        stale = sum(1 for p in figures.packages if p.age_days is None or p.age_days > STALE_DAYS)
        if not figures.packages:
            self.packages_note.setText(self.tr("This station has no lower stations."))
        else:
            self.packages_note.setText(
                self.tr("{count} stations; {stale} silent for more than {days} days").format(
                    count=len(figures.packages), stale=stale, days=STALE_DAYS
                )
            )

    def _show_late(self, late: tuple[LateIndicator, ...]) -> None:
        self.late.setRowCount(len(late))
        for row, indicator in enumerate(late):
            values = (
                indicator.division_name,
                indicator.name,
                self.tr("{value} (month {month})").format(
                    value="—" if indicator.planned is None else f"{indicator.planned:g}",
                    month=indicator.month,
                ),
                "" if indicator.reported is None else f"{indicator.reported:g}",
                indicator.unit,
            )
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column in (2, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.late.setItem(row, column, item)
        self.late_note.setText(
            self.tr("{count} indicators behind their monthly plan").format(count=len(late))
            if late
            else self.tr("Every indicator is on schedule.")
        )

    # -- charts -----------------------------------------------------------------------------------

    def build_charts(self) -> None:
        """The four charts of the figures shown (imports QtCharts the first time)."""
        if self.figures is None:
            return
        from ui.dashboard.chart_data import dashboard_charts

        for key, view in dashboard_charts(self, self.figures).items():
            old = self.chart_views.pop(key, None)
            if old is not None:
                old.deleteLater()
            self.chart_waiting[key].hide()
            self.chart_slots[key].addWidget(view)
            self.chart_views[key] = view
        self.charts_built.emit()

    # -- links ------------------------------------------------------------------------------------

    def _card_clicked(self, key: str) -> None:
        if self.figures is not None:
            self.open_list.emit(self.card_link(key))

    def card_link(self, key: str) -> ListLink:
        """Where a card leads: the households covered by the year's projects, those surveyed that
        year, those the income increase averages over, the year's projects (funds: their sums are
        under the list) and its training sessions."""
        figures = self.figures
        year = figures.year if figures is not None else None
        township = self._area_township()
        if key == "covered":
            return ListLink(HOUSEHOLDS, covered_year=year, township_id=township)
        if key == "income" and figures is not None and figures.baseline_year is not None:
            compared = (figures.baseline_year, figures.year)
            return ListLink(HOUSEHOLDS, township_id=township, compared=compared)
        pages = {"surveyed": HOUSEHOLDS, "income": HOUSEHOLDS, "trainings": TRAINING}
        return ListLink(pages.get(key, PROJECTS), year=year, township_id=township)

    def part_link(self, part: Part, covered: bool) -> ListLink:
        """A bar of a township (or a village, at a township station): its households covered by the
        year's projects (``covered``) or surveyed that year."""
        year = self.figures.year if self.figures is not None else None
        if part.level == "village":
            township, village = self._area_township(), part.division_id
        else:
            township, village = part.division_id, None
        if covered:
            return ListLink(HOUSEHOLDS, covered_year=year, township_id=township, village_id=village)
        return ListLink(HOUSEHOLDS, year=year, township_id=township, village_id=village)

    def package_link(self, row: int) -> ListLink:
        """A lower station's line: the sync page with that station selected."""
        packages = self.figures.packages if self.figures is not None else ()
        station = packages[row].station_id if 0 <= row < len(packages) else None
        return ListLink(SYNC, station_id=station)

    def late_link(self, row: int) -> ListLink:
        """An indicator behind schedule: the 考核 page at its year and county."""
        late = self.late_indicators
        year = self.figures.year if self.figures is not None else None
        county = late[row].division_id if 0 <= row < len(late) else None
        return ListLink(ASSESSMENT, year=year, county_id=county)

    def _area_township(self) -> str | None:
        figures = self.figures
        if figures is not None and figures.area_level == "township":
            return figures.area_id
        return None
