"""Enrollment commands: ``enroll`` (a setup file for a lower station) and ``revoke``."""

from __future__ import annotations

from huimin_desktop.cli.common import AddCommand


def register(command: AddCommand) -> None:
    pass
