"""Sync commands: ``enroll``, ``export``, ``verify`` and ``merge`` (DESIGN.md §4–5)."""

from __future__ import annotations

from huimin_desktop.cli.common import AddCommand


def register(command: AddCommand) -> None:
    pass
