"""Offering drafts back after a crash or power cut: "上次有未保存的农户信息，是否恢复？".

The main window calls ``offer_pending_drafts(self, station)`` once the station has loaded. The question
is non-blocking (window-modal on the main window); restoring opens one editor per draft, filled with
what was typed; "later" keeps the drafts for the next start; "discard" deletes them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QAbstractButton, QMessageBox, QWidget

from huimin_desktop.services.drafts import DraftInfo, DraftStore, household_id_from_key
from ui.widgets.message_boxes import widen

if TYPE_CHECKING:
    from huimin_desktop.services.station import Station

MAX_LISTED = 8


def _describe(draft: DraftInfo) -> str:
    when = draft.saved_at.strftime("%Y-%m-%d %H:%M")
    who = draft.summary or QCoreApplication.translate("DraftRecovery", "(no name yet)")
    return QCoreApplication.translate("DraftRecovery", "{who}, typed until {time}").format(who=who, time=when)


def offer_pending_drafts(parent: QWidget | None, station: Station, *, user: str = "system") -> None:
    """Ask whether to restore household drafts left by the last run; nothing happens when there are none."""
    store = DraftStore.for_station(station)
    scan = store.scan()
    drafts = [d for d in scan.drafts if d.key.startswith("household-")]
    damaged_note = ""
    if scan.damaged:
        damaged_note = QCoreApplication.translate(
            "DraftRecovery",
            "{count} draft file(s) were damaged and cannot be restored; they were kept as {path}.",
        ).format(count=len(scan.damaged), path=scan.damaged[0])
    if not drafts:
        if damaged_note:
            box = QMessageBox(
                QMessageBox.Icon.Warning,
                QCoreApplication.translate("DraftRecovery", "Unsaved household data"),
                damaged_note,
            )
            box.setParent(parent, box.windowFlags())
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
        return

    lines = [f"• {_describe(d)}" for d in drafts[:MAX_LISTED]]
    if len(drafts) > MAX_LISTED:
        lines.append(
            QCoreApplication.translate("DraftRecovery", "… and {count} more").format(
                count=len(drafts) - MAX_LISTED
            )
        )
    box = QMessageBox(
        QMessageBox.Icon.Question,
        QCoreApplication.translate("DraftRecovery", "Unsaved household data"),
        QCoreApplication.translate("DraftRecovery", "Household data was not saved last time. Restore it?"),
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("pendingDrafts")
    box.setInformativeText("\n".join(lines) + (f"\n\n{damaged_note}" if damaged_note else ""))
    widen(box)  # after the text: setting it lays the box out anew
    restore = box.addButton(
        QCoreApplication.translate("DraftRecovery", "Restore"), QMessageBox.ButtonRole.AcceptRole
    )
    later = box.addButton(
        QCoreApplication.translate("DraftRecovery", "Later"), QMessageBox.ButtonRole.RejectRole
    )
    discard = box.addButton(
        QCoreApplication.translate("DraftRecovery", "Discard"), QMessageBox.ButtonRole.DestructiveRole
    )
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def answered(button: QAbstractButton) -> None:
        if button is restore:
            from ui.household_editor.editor import open_household_editor  # loaded only to restore

            for draft in drafts:
                open_household_editor(
                    parent, station, household_id_from_key(draft.key), user=user, draft_key=draft.key
                )
        elif button is discard:
            for draft in drafts:
                store.discard(draft.key)

    box.buttonClicked.connect(answered)
    box.open()
