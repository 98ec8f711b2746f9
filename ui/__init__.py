"""The PySide6 desktop GUI: thin widgets over ``huimin_desktop.services`` (no SQL, no ORM objects)."""
