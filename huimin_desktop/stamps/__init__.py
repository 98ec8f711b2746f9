"""Stamps: the hybrid logical clock and the change capture that stamps every local change of a synced row.

Below store/ and sync/: the store installs the capture on its sessions, sync reads and compares the
stamps, and neither needs the other for it.
"""
