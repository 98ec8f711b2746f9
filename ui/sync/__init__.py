"""The 同步 (sync) screens: export wizard, merge dialog, conflict review, lower-station enrollment."""
