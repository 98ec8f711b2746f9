"""Change an attachment's caption and category."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from huimin_desktop.domain.codelists import code_lists
from huimin_desktop.services.attachments import AttachmentRecord


class DescribeDialog(QDialog):
    def __init__(self, record: AttachmentRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Caption and category"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.caption = QLineEdit(record.caption)
        self.caption.setMaxLength(200)
        self.caption.setPlaceholderText(self.tr("e.g. the new road at the village entrance"))
        self.category = QComboBox()
        self.category.addItem(self.tr("(none)"), "")
        for entry in code_lists().attachment_category:
            self.category.addItem(entry.name, entry.code)
        self.category.setCurrentIndex(max(0, self.category.findData(record.category)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("File"), QLineEdit(record.filename, readOnly=True))
        form.addRow(self.tr("Caption"), self.caption)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(buttons)
        self.resize(440, self.sizeHint().height())

    def values(self) -> tuple[str, str]:
        return self.caption.text().strip(), self.category.currentData()
