"""The project editor (项目档案: facts, funds, beneficiaries, stage history, material) and its parts.

The editor is loaded on first use (``__getattr__``): the list pages and the household picker import the
small shared modules of this package without pulling in the editor.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ui.project_editor.editor import ProjectEditor, open_editors, open_project_editor

__all__ = ["ProjectEditor", "open_editors", "open_project_editor"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from ui.project_editor import editor

        return getattr(editor, name)
    raise AttributeError(name)
