"""The training-session editor (date, place, topic, trainer, hours, attendees, photos and scans)."""

from ui.training_editor.editor import TrainingEditor, open_editors, open_training_editor

__all__ = ["TrainingEditor", "open_editors", "open_training_editor"]
