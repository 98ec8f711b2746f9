"""The pages of the main window, one module per page (later issues replace the placeholders)."""
