"""Logging in: the login dialog at start, the recovery code shown once, the idle lock, the user list."""
