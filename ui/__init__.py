"""The PySide6 desktop GUI: thin widgets over ``huimin_desktop.services`` (no SQL, no ORM objects).

``app`` starts it (the main window's first paint comes before the core is imported), ``main_window``
holds the pages (``pages/``) and menus, ``operations`` runs slow core work off the GUI thread. Shared
parts have their own rooms: ``widgets/`` (labels, cards, field marks, tables, the look) and
``editors/`` (what the household, project and training editors share). Each record editor, the sync
screens, the roster import and the attachment panel are packages of their own.
"""
