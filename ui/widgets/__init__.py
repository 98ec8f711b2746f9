"""Small widgets and helpers every screen shares: labels, field marks and messages, tables, the look."""
