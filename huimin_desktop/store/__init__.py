"""Storage: the station data folder, the SQLite engine and sessions, migrations and backups."""
