"""Reads of anonymous GET requests go to the replica; everything else to the primary."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import RequestFactory

from archive.cache import GENERATION_KEY, bump_generation
from archive.db_router import ReplicaReadsMiddleware, ReplicaRouter, replica_reads
from conferences.models import Conference

PROJECT = Path(__file__).resolve().parents[2]
router = ReplicaRouter()


def test_reads_go_to_the_primary_by_default():
    assert router.db_for_read(Conference) == "default"


def test_reads_go_to_the_replica_inside_replica_reads():
    with replica_reads():
        assert router.db_for_read(Conference) == "replica"
        assert router.db_for_write(Conference) == "default"
    assert router.db_for_read(Conference) == "default"


def test_migrations_run_on_the_primary_only():
    assert router.allow_migrate("default", "conferences")
    assert not router.allow_migrate("replica", "conferences")


@pytest.fixture(autouse=True)
def replica_lag(settings):
    settings.ARCHIVE_REPLICA_MAX_LAG_SECONDS = 10
    caches["generation"].set(GENERATION_KEY, str(time.time_ns() - 60 * 10**9))


def read_database_for(request) -> str:
    return ReplicaReadsMiddleware(lambda r: router.db_for_read(Conference))(request)


def test_anonymous_get_reads_the_replica():
    assert read_database_for(RequestFactory().get("/editions/20/")) == "replica"


@pytest.mark.django_db
def test_reads_go_to_the_primary_just_after_an_edit():
    """A lagging replica must not feed the page cache the rows from before the edit."""
    bump_generation()
    assert read_database_for(RequestFactory().get("/editions/20/")) == "default"


def test_posts_and_signed_in_users_read_the_primary():
    factory = RequestFactory()
    assert read_database_for(factory.post("/admin/login/")) == "default"
    signed_in = factory.get("/editions/20/")
    signed_in.COOKIES["sessionid"] = "abc"
    assert read_database_for(signed_in) == "default"


@pytest.mark.slow  # a new process
def test_database_replica_url_adds_the_replica_and_the_router():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DATABASE_")}
    env.update(
        DJANGO_SETTINGS_MODULE="archive.settings.test",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/ncb_prod",
        DATABASE_REPLICA_URL="postgres://postgres@replica.internal:5432/ncb_prod",
    )
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "r = s.DATABASES['replica']; "
        "print(r['HOST'], r['TEST']['MIRROR'], s.DATABASE_ROUTERS[0], "
        "'archive.db_router.ReplicaReadsMiddleware' in s.MIDDLEWARE)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.stdout.split() == [
        "replica.internal",
        "default",
        "archive.db_router.ReplicaRouter",
        "True",
    ], result.stderr
