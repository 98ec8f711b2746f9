"""The typed result every validator returns: what is wrong, where, and how bad.

Validators never answer just True/False; they return a list of ``Issue`` (empty when all is well) or a
result object carrying one. The ``code`` is stable (tests and the UI key on it); ``message`` is the
Chinese text shown to a cadre; ``params`` carry the data a translation may need.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"  # the value is refused
    WARNING = "warning"  # accepted, but a person should look at it


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    severity: Severity = Severity.ERROR
    field: str | None = None
    # ``field`` names the form field, so the dataclasses helper is spelled out in full here.
    params: dict[str, Any] = dataclasses.field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def worded(
        cls, code: str, severity: Severity = Severity.ERROR, *, field: str | None = None, **params: Any
    ) -> Issue:
        """An issue whose Chinese ``message`` is the catalog's template for ``code`` filled with
        ``params`` (huimin_desktop/messages/catalog.py), so both languages come from one place."""
        from huimin_desktop.messages import ZH, text

        return cls(code, text(code, params, ZH), severity, field, params)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.is_error]


def warnings(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if not i.is_error]
