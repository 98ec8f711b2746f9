"""Core errors as one line for a message box or an inline label, in the interface language.

The words come from the core's one catalog (``huimin_desktop.messages``), the same the CLI prints:
``install_translators`` sets its language with the interface's, so English mode shows English errors.
"""

from __future__ import annotations

from huimin_desktop import messages
from huimin_desktop.domain.issues import Issue


def expected_error_message(error: BaseException) -> str | None:
    """The user-facing line for an error the core raises on purpose (or an OS/SQLite one); None for a bug."""
    return messages.describe(error)


def issue_message(issue: Issue) -> str:
    """A validation issue's message in the interface language (the validator's Chinese in Chinese)."""
    return messages.describe_issue(issue)


def one_line_reason(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    first = text[0] if text else ""
    return f"{type(error).__name__}: {first}" if first else type(error).__name__
