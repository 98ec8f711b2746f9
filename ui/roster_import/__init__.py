"""Importing and exporting household rosters (Excel/CSV): the import dialog and the menu actions.

Nothing is imported here: the main window builds ``menu.RosterMenu`` before its first paint, and the
dialog (with openpyxl and the core behind it) loads only when a roster is imported.
"""
