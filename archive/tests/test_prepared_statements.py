"""PostgreSQL prepares the archive's repeated reads instead of planning them on every
request (archive/settings/base.py, postgresql_options)."""

import dj_database_url
import pytest
from django.db import connection

from archive.settings.base import DATABASE_PREPARE_THRESHOLD, postgresql_options
from conferences.models import Conference


def options_for(url: str, prepared_statements: bool) -> dict:
    database = dj_database_url.parse(url)
    postgresql_options(database, prepared_statements)
    return database.get("OPTIONS", {})


def test_postgresql_binds_parameters_on_the_server_and_prepares_repeated_queries():
    options = options_for("postgres://postgres@127.0.0.1:5432/ncb", True)
    assert options["server_side_binding"] is True
    assert options["prepare_threshold"] == DATABASE_PREPARE_THRESHOLD == 5
    assert "pg_trgm.word_similarity_threshold" in options["options"]


def test_prepared_statements_can_be_turned_off_for_a_transaction_pooler():
    options = options_for("postgres://postgres@127.0.0.1:5432/ncb", False)
    assert "server_side_binding" not in options
    assert "prepare_threshold" not in options  # Django's default: none prepared


def test_sqlite_gets_no_postgresql_options():
    assert options_for("sqlite:///unused.sqlite3", True) == {}


def test_the_settings_read_the_switch_from_the_environment(settings):
    from archive.settings import base

    assert (
        base.DATABASE_PREPARED_STATEMENTS is True
    )  # DJANGO_DB_PREPARED_STATEMENTS unset
    if connection.vendor == "postgresql":
        assert settings.DATABASES["default"]["OPTIONS"]["server_side_binding"] is True


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_a_query_run_again_and_again_on_a_connection_is_planned_once(archive):
    def prepared() -> int:
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_prepared_statements")
            return cursor.fetchone()[0]

    before = prepared()
    for _ in range(DATABASE_PREPARE_THRESHOLD + 1):
        assert Conference.objects.detail_values().get(edition=20)
    assert prepared() == before + 1
