"""File sizes as people read them (the attachment tiles, About, refusals of a file too large)."""

from __future__ import annotations


def human_size(size: int) -> str:
    """Bytes as a short size in binary units, as Windows Explorer shows them: 0 B, 12.3 KB, 1.2 GB."""
    value = float(size)
    for unit in ("B", "KB", "MB"):
        if value < 1024:
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{value:.1f} GB"
