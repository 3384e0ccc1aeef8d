"""PostgreSQL: a trigram index on the entries' names, so that the nearest names to a
misspelling (search/query.py, Nearest) are found from the index, not by computing the
word similarity of every name. SQLite has no nearest names: nothing to do."""

from django.db import migrations

FORWARDS = (
    "CREATE INDEX search_entry_names_trigram ON search_searchentry "
    "USING gin (names gin_trgm_ops)"
)
BACKWARDS = "DROP INDEX search_entry_names_trigram"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_index")]

    operations = [migrations.RunPython(create, drop)]
