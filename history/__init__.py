"""The archive's edit history: the one write path, and the admin base that shows history."""
