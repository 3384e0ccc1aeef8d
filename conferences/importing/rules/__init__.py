"""Rules that read a report: pure functions, no database."""
