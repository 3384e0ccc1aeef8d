"""The stats app owns no tables: its figures are read from the conferences and speakers apps."""
