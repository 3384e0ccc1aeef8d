"""The full-text index beside search_searchentry, one per database.

PostgreSQL: a stored weighted tsvector (names A, related B, body C) with a GIN index, and
the pg_trgm extension for the nearest names to a misspelling. SQLite: an FTS5 table over
the same three columns, kept current by triggers.

A later migration that alters search_searchentry on SQLite (which rebuilds the table)
drops these triggers: it must create them again.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

POSTGRESQL = [
    (
        "ALTER TABLE search_searchentry ADD COLUMN document tsvector GENERATED ALWAYS AS ("
        "setweight(to_tsvector('simple'::regconfig, names), 'A') || "
        "setweight(to_tsvector('simple'::regconfig, related), 'B') || "
        "setweight(to_tsvector('simple'::regconfig, body), 'C')) STORED",
        "ALTER TABLE search_searchentry DROP COLUMN document",
    ),
    (
        "CREATE INDEX search_entry_document ON search_searchentry USING gin (document)",
        "DROP INDEX search_entry_document",
    ),
]

COLUMNS = "names, related, body"
SQLITE = [
    (
        f"CREATE VIRTUAL TABLE search_entry_fts USING fts5({COLUMNS}, "
        "content='search_searchentry', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2', prefix='2 3 4')",
        "DROP TABLE search_entry_fts",
    ),
    (
        "CREATE TRIGGER search_entry_fts_insert AFTER INSERT ON search_searchentry BEGIN "
        f"INSERT INTO search_entry_fts(rowid, {COLUMNS}) "
        "VALUES (new.id, new.names, new.related, new.body); END",
        "DROP TRIGGER search_entry_fts_insert",
    ),
    (
        "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_searchentry BEGIN "
        f"INSERT INTO search_entry_fts(search_entry_fts, rowid, {COLUMNS}) "
        "VALUES ('delete', old.id, old.names, old.related, old.body); END",
        "DROP TRIGGER search_entry_fts_delete",
    ),
    (
        "CREATE TRIGGER search_entry_fts_update AFTER UPDATE ON search_searchentry BEGIN "
        f"INSERT INTO search_entry_fts(search_entry_fts, rowid, {COLUMNS}) "
        "VALUES ('delete', old.id, old.names, old.related, old.body); "
        f"INSERT INTO search_entry_fts(rowid, {COLUMNS}) "
        "VALUES (new.id, new.names, new.related, new.body); END",
        "DROP TRIGGER search_entry_fts_update",
    ),
]
STATEMENTS = {"postgresql": POSTGRESQL, "sqlite": SQLITE}


def create(apps, schema_editor):
    for forwards, _ in STATEMENTS.get(schema_editor.connection.vendor, []):
        schema_editor.execute(forwards)


def drop(apps, schema_editor):
    for _, backwards in reversed(STATEMENTS.get(schema_editor.connection.vendor, [])):
        schema_editor.execute(backwards)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_search_entries")]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create, drop),
    ]
