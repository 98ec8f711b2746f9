"""Roster commands: ``import-roster`` and ``export-roster``."""

from __future__ import annotations

from huimin_desktop.cli.common import AddCommand


def register(command: AddCommand) -> None:
    pass
