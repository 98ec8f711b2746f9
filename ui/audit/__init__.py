"""The audit log viewer (File → Audit log…): who did what, when, on which record (reviewers, admins)."""
