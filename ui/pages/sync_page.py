"""同步 page: where this station stands in the exchange of USB packages, and the three big actions.

Export (the wizard), merge (preview first) and conflict review are dialogs opened from here; at a city
or county the lower stations it enrolled are listed below, with enroll / revoke / re-enroll and the
return package for one of them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from huimin_desktop.changes import Changes
from huimin_desktop.services.sync import APPLIED
from ui.errors import expected_error_message, one_line_reason
from ui.operations import announced, hooks
from ui.pages.base import Page, make_card
from ui.station_levels import level_name
from ui.sync.peers import lower_peers
from ui.sync.texts import format_time
from ui.widgets.labels import muted_label
from ui.widgets.tables import read_only_table

if TYPE_CHECKING:
    from huimin_desktop.services.enrollment import PeerInfo
    from huimin_desktop.services.station import Station
    from huimin_desktop.services.sync import ExportResult, PackageSummary
    from ui.sync.enroll_dialog import EnrollDialog

PEER_ROLE = Qt.ItemDataRole.UserRole
ACTION_BUTTON_HEIGHT = 56


class SyncPage(Page):
    def __init__(self, station: Station, parent: QWidget | None = None) -> None:
        super().__init__(parent, self.tr("Sync"))
        self.setObjectName("syncPage")
        self.station = station
        self.info = station.info()
        self.dialog: QDialog | None = None  # the sync dialog open now (one at a time)
        # What this window did, for when the core cannot tell the last export and merge yet.
        self._last_export: tuple[dt.datetime, str] | None = None
        self._last_merge: dt.datetime | None = None
        self.peers: list[PeerInfo] = []

        intro = QLabel(
            self.tr(
                "Data travels between the stations on a USB stick: export a package for the upper "
                "station, merge the packages that arrive, and review what the merge could not decide."
            )
        )
        intro.setWordWrap(True)
        intro.setObjectName("pageIntro")
        self.body.addWidget(intro)
        self.body.addWidget(self._build_status())
        self.body.addWidget(self._build_actions())
        self.lower_section: QWidget | None = None
        if self.info.level in ("city", "county"):
            self.lower_section = self._build_lower_stations()
            self.body.addWidget(self.lower_section)
        self._show_what_the_role_may_do()
        self.finish()
        # The first read waits for the page to be shown (showEvent): start-up builds every page.
        self._stale = True
        hooks().changed.connect(self._changes_made)

    def _show_what_the_role_may_do(self) -> None:
        """The services refuse merges and conflict decisions to a 录入员, enrollment to all but
        administrators: their buttons are not shown to those who would be refused."""
        from huimin_desktop.security.roles import MANAGE_ENROLLMENT, MERGE_PACKAGES, RESOLVE_CONFLICTS

        actor = self.station.db.actor
        for button, permission in (
            (self.merge_button, MERGE_PACKAGES),
            (self.conflicts_button, RESOLVE_CONFLICTS),
        ):
            button.setVisible(actor.can(permission))
            self.descriptions[button].setVisible(actor.can(permission))
        if self.lower_section is not None:
            for button in (self.enroll_button, self.revoke_button, self.reenroll_button):
                button.setVisible(actor.can(MANAGE_ENROLLMENT))

    def _changes_made(self, changes: Changes) -> None:
        # Packages, peers, conflicts and the division names of the lower stations.
        if changes.sync or changes.station or changes.divisions:
            self._stale = True
            if self.isVisible():
                self.refresh()

    # -- building ---------------------------------------------------------------------------------

    def _build_status(self) -> QWidget:
        card = make_card()
        grid = QGridLayout(card)
        grid.setContentsMargins(18, 14, 18, 14)
        grid.setHorizontalSpacing(24)
        grid.setVerticalSpacing(8)
        self.station_value = QLabel()
        self.upper_value = QLabel()
        self.last_export_value = QLabel()
        self.last_merge_value = QLabel()
        self.conflicts_value = QLabel()
        self.conflicts_value.setObjectName("bigNumber")
        rows = (
            (self.tr("This station:"), self.station_value),
            (self.tr("Upper station:"), self.upper_value),
            (self.tr("Last export:"), self.last_export_value),
            (self.tr("Last merge:"), self.last_merge_value),
            (self.tr("Open conflicts:"), self.conflicts_value),
        )
        for row, (text, value) in enumerate(rows):
            label = QLabel(text)
            label.setObjectName("mutedText")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        return card

    def _build_actions(self) -> QWidget:
        box = QWidget()
        box.setMaximumWidth(1100)
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(14)
        self.export_button = QPushButton(self.tr("Export sync package"))
        self.merge_button = QPushButton(self.tr("Merge sync packages"))
        self.conflicts_button = QPushButton(self.tr("Review conflicts"))
        self.descriptions: dict[QPushButton, QLabel] = {}
        export_text = (
            self.tr("Write a return package for a lower station to a USB stick.")
            if self.info.level == "city"
            else self.tr("Write everything new to a USB stick for the upper station.")
        )
        descriptions = (
            export_text,
            self.tr("Read packages from a USB stick or folder; a preview shows what they will do."),
            self.tr("See both values side by side and decide which one stays."),
        )
        for column, (button, text) in enumerate(
            zip((self.export_button, self.merge_button, self.conflicts_button), descriptions, strict=True)
        ):
            button.setObjectName("syncAction")
            button.setMinimumHeight(ACTION_BUTTON_HEIGHT)
            font = button.font()
            font.setPointSizeF(font.pointSizeF() * 1.2)
            font.setBold(True)
            button.setFont(font)
            grid.addWidget(button, 0, column)
            description = muted_label(text)
            self.descriptions[button] = description
            grid.addWidget(description, 1, column, Qt.AlignmentFlag.AlignTop)
            grid.setColumnStretch(column, 1)
        self.export_button.clicked.connect(lambda: self.open_export())
        self.merge_button.clicked.connect(self.open_merge)
        self.conflicts_button.clicked.connect(self.open_conflicts)
        return box

    def _build_lower_stations(self) -> QWidget:
        section = QWidget()
        layout = QVBoxLayout(section)
        layout.setContentsMargins(0, 8, 0, 0)
        layout.setSpacing(8)
        heading = QLabel(self.tr("Lower stations"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        layout.addWidget(
            muted_label(
                self.tr(
                    "The stations this one enrolled. Each gets a setup file for its first start; a lost "
                    "laptop is revoked and the station enrolled again."
                )
            )
        )
        self.lower_table = QTableWidget(0, 6)
        self.lower_table.setObjectName("lowerStations")
        read_only_table(
            self.lower_table,
            [
                self.tr("Name"),
                self.tr("Level"),
                self.tr("Division"),
                self.tr("Key fingerprint"),
                self.tr("Last package"),
                self.tr("Status"),
            ],
        )
        self.lower_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.lower_table.setMinimumHeight(180)
        self.lower_empty = muted_label(self.tr("No station enrolled yet."))
        layout.addWidget(self.lower_table)
        layout.addWidget(self.lower_empty)

        buttons = QHBoxLayout()
        self.enroll_button = QPushButton(self.tr("Enroll a new station…"))
        self.revoke_button = QPushButton(self.tr("Revoke…"))
        self.reenroll_button = QPushButton(self.tr("Re-enroll…"))
        self.return_button = QPushButton(self.tr("Return package…"))
        self.return_button.setToolTip(
            self.tr("A package for the selected station: reference data, corrections, acknowledgements")
        )
        for button in (self.enroll_button, self.revoke_button, self.reenroll_button, self.return_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.enroll_button.clicked.connect(lambda: self.enroll_station())
        self.revoke_button.clicked.connect(self.revoke_selected)
        self.reenroll_button.clicked.connect(self.reenroll_selected)
        self.return_button.clicked.connect(self.return_package_selected)
        self.lower_table.itemSelectionChanged.connect(self._update_lower_buttons)
        return section

    # -- reading ----------------------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def refresh(self) -> None:
        """Read the status, the conflict count and the lower stations again."""
        self._stale = False
        self.station_value.setText(
            self.tr("{name} ({level})").format(name=self.info.name, level=level_name(self.info.level))
        )
        upper = self.station.enrollment.upper()
        if upper is not None:
            self.upper_value.setText(upper.name)
        elif self.info.level == "city":
            self.upper_value.setText(self.tr("None: this is the city office"))
        else:
            self.upper_value.setText(self.tr("Not enrolled yet (set up from a setup file)"))

        stored = self.station.sync.last_export()
        if stored is not None:
            self._last_export = (stored[0].replace(tzinfo=dt.UTC), stored[1])
        if self._last_export is not None:
            moment, name = self._last_export
            self.last_export_value.setText(
                self.tr("{time} for {name}").format(time=format_time(moment), name=name)
            )
        else:
            self.last_export_value.setText("—")
        # A peer's last_package_at is when a package of theirs was last merged here.
        merged = [(p.last_package_at, p.name) for p in self.station.enrollment.peers() if p.last_package_at]
        if merged:
            last_merge, merged_from = max(merged)
            self.last_merge_value.setText(
                self.tr("{time} from {name}").format(time=format_time(last_merge), name=merged_from)
            )
        else:
            self.last_merge_value.setText(format_time(self._last_merge))

        count = len(self.station.sync.conflicts(open_only=True))
        self.conflicts_value.setText(f"{count:,}")
        self.conflicts_button.setText(
            self.tr("Review conflicts ({count})").format(count=count)
            if count
            else self.tr("Review conflicts")
        )
        if self.lower_section is not None:
            self._fill_lower_stations()

    def _fill_lower_stations(self) -> None:
        kept = self.selected_peer()
        kept_id = kept.station_id if kept is not None else None
        self.peers = lower_peers(self.station)
        self.lower_table.setRowCount(len(self.peers))
        for row, peer in enumerate(self.peers):
            if peer.revoked_at:
                status = self.tr("Revoked {time}").format(time=format_time(peer.revoked_at))
            elif peer.enrolled_at:
                status = self.tr("Enrolled {time}").format(time=format_time(peer.enrolled_at))
            else:
                status = self.tr("Enrolled")
            values = [
                peer.name,
                level_name(peer.level),
                self._division_text(peer.division_code),
                peer.fingerprint or self.tr("Not registered yet"),
                format_time(peer.last_package_at),
                status,
            ]
            for column, text in enumerate(values):
                item = QTableWidgetItem(text)
                item.setData(PEER_ROLE, peer.station_id)
                if column == 3:
                    item.setToolTip(peer.fingerprint)
                if peer.revoked_at:
                    item.setForeground(self.palette().placeholderText())
                self.lower_table.setItem(row, column, item)
            if peer.station_id == kept_id:
                self.lower_table.selectRow(row)
        self.lower_table.setVisible(bool(self.peers))
        self.lower_empty.setVisible(not self.peers)
        self._update_lower_buttons()

    def _division_text(self, code: str) -> str:
        division = self.station.divisions.find_by_code(code) if code else None
        if division is None:
            return code
        return self.tr("{name} ({code})").format(name=division.name, code=code)

    def selected_peer(self) -> PeerInfo | None:
        if self.lower_section is None:
            return None
        rows = self.lower_table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.peers):
            return None
        return self.peers[rows[0].row()]

    def select_peer(self, station_id: str) -> bool:
        for row, peer in enumerate(self.peers):
            if peer.station_id == station_id:
                self.lower_table.selectRow(row)
                return True
        return False

    def _update_lower_buttons(self) -> None:
        peer = self.selected_peer()
        active = peer is not None and not peer.revoked
        revoked = peer is not None and peer.revoked
        self.revoke_button.setEnabled(active)
        self.return_button.setEnabled(active)
        self.reenroll_button.setEnabled(revoked)

    # -- the dialogs ------------------------------------------------------------------------------

    def _open_dialog(self, dialog: QDialog, *, modal: bool = True) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        self.dialog = dialog
        if modal:
            dialog.open()
        else:
            dialog.show()
        return dialog

    def _dialog_closed(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        self.refresh()

    def open_export(self, recipient: str | None = None) -> QDialog:
        from ui.sync.export_wizard import ExportWizard

        wizard = ExportWizard(self.station, self, recipient=recipient)
        wizard.exported.connect(self._exported)
        return self._open_dialog(wizard)

    def _exported(self, result: ExportResult) -> None:
        self._last_export = (dt.datetime.now(dt.UTC), result.recipient_name or result.recipient)

    def open_merge(self) -> QDialog:
        from ui.sync.merge_dialog import MergeDialog

        dialog = MergeDialog(self.station, self)
        dialog.merged.connect(self._merged)
        dialog.review_conflicts.connect(self.open_conflicts)
        return self._open_dialog(dialog)

    def _merged(self, summaries: list[PackageSummary]) -> None:
        if any(summary.status == APPLIED for summary in summaries):
            self._last_merge = dt.datetime.now(dt.UTC)
            self._changes_made(Changes(frozenset({"sync_package_log"})))  # the time shown above

    def open_conflicts(self) -> QDialog:
        from ui.sync.conflict_review import ConflictReviewDialog

        dialog = ConflictReviewDialog(self.station, self)
        dialog.resolved.connect(lambda _id: self.refresh())
        # Not modal: the clerk may look up households (and the editors it opens) while reviewing.
        return self._open_dialog(dialog, modal=False)

    # -- lower stations ---------------------------------------------------------------------------

    def enroll_station(self, again: PeerInfo | None = None) -> QDialog:
        from ui.sync.enroll_dialog import EnrollDialog

        dialog = EnrollDialog(self.station, self, again=again)
        dialog.accepted.connect(lambda: self._enrolled(dialog))
        return self._open_dialog(dialog)

    def _enrolled(self, dialog: EnrollDialog) -> None:
        result = dialog.enrolled
        self.refresh()
        if result is None:
            return
        self.select_peer(result.station_id)  # the dialog itself showed the setup code

    def revoke_selected(self) -> QDialog | None:
        from ui.sync.enroll_dialog import RevokeDialog

        peer = self.selected_peer()
        if peer is None or peer.revoked:
            return None
        dialog = RevokeDialog(peer, self)
        dialog.accepted.connect(lambda: self._revoke(peer, dialog.reason_text()))
        return self._open_dialog(dialog)

    def _revoke(self, peer: PeerInfo, reason: str) -> None:
        try:
            with announced():  # the page reads the peers again when the block ends
                self.station.enrollment.revoke(peer.station_id, reason)
        except Exception as error:
            message = expected_error_message(error) or self.tr(
                "The station was not revoked: {reason}"
            ).format(reason=one_line_reason(error))
            QMessageBox.warning(self, self.tr("Revoke a station"), message)
        self.select_peer(peer.station_id)

    def reenroll_selected(self) -> QDialog | None:
        peer = self.selected_peer()
        if peer is None:
            return None
        return self.enroll_station(again=peer)

    def return_package_selected(self) -> QDialog | None:
        peer = self.selected_peer()
        if peer is None or peer.revoked:
            return None
        return self.open_export(recipient=peer.station_id)
