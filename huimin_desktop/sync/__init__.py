"""Sync: the station clock, change capture, and (later) packages, crypto and merge."""
