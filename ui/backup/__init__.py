"""Backups in the GUI: the settings page's backup card (where the automatic backups go, the last one,
备份到U盘 and restore), the dialogs behind it and the daily backup while the program runs."""
