"""Without Redis the archive keeps serving from the database, and nothing stale follows.

"Redis is down" here is a Redis address nobody listens on (connections refused at once);
bench/redis_outage.py and the fault test at the end kill a real one under load.
"""

import subprocess
import sys
import time
from pathlib import Path
from shutil import which

import pytest
from django.core.cache import caches
from django.test import Client

from archive import cache as generations
from archive import cache_backends
from archive.tests.test_cache import uncite_the_city
from conferences.models import Conference, Topic

pytestmark = [pytest.mark.django_db, pytest.mark.urls("archive.tests.urls")]

PROJECT = Path(__file__).resolve().parents[2]
NOBODY_LISTENS = "redis://127.0.0.1:1/0"
DOWN = {
    "default": {
        "BACKEND": "archive.cache_backends.RedisOrLocalMemoryCache",
        "LOCATION": NOBODY_LISTENS,
    },
    "generation": {
        "BACKEND": "archive.cache_backends.RedisCacheOrError",
        "LOCATION": NOBODY_LISTENS,
    },
}


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.ARCHIVE_PAGE_CACHE = True
    generations._lost = False
    cache_backends._down_until.clear()
    caches["default"].clear()
    caches["generation"].clear()
    yield
    generations._lost = False
    cache_backends._down_until.clear()


@pytest.fixture
def redis_down(settings):
    settings.CACHES = DOWN


def test_without_redis_pages_and_api_reads_come_from_the_database(archive, redis_down):
    for path in ("/", "/editions/20/", "/api/v1/conferences/", "/test/cities/"):
        response = Client().get(path)
        assert response.status_code == 200, path
        assert response["X-Archive-Cache"] == "unavailable"
    assert b"20: " in Client().get("/test/cities/").content


def test_without_redis_the_throttles_count_in_local_memory(
    archive, redis_down, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/min", "user": "off"},
    }
    statuses = [Client().get("/api/v1/conferences/20/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_without_redis_logins_and_writes_succeed(archive, staff_user, redis_down):
    archivist = Client()
    signed_in = archivist.post(
        "/admin/login/", {"username": "archivist", "password": "correct-horse-battery"}
    )
    assert signed_in.status_code == 302
    topic = Topic.objects.filter(conferences__edition=20).first()
    saved = archivist.post(
        f"/admin/conferences/topic/{topic.pk}/change/",
        {
            "name": "Saved offline",
            "slug": topic.slug,
            "kind": topic.kind,
            "change_reason": "Renamed offline",
        },
    )
    uncite_the_city()
    assert saved.status_code == 302
    patched = archivist.patch(
        "/api/v1/conferences/20/",
        {"city": "Offline"},
        content_type="application/json",
        headers={"x-csrftoken": archivist.cookies["csrftoken"].value},
    )
    assert patched.status_code == 200, patched.content
    assert Topic.objects.get(pk=topic.pk).name == "Saved offline"
    assert Conference.objects.get(edition=20).city == "Offline"


def test_readyz_reports_the_missing_cache(client, redis_down):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response["X-Archive-Degraded"] == "cache"
    assert response.content == (
        b"degraded: the cache (Redis) cannot be reached; serving from the database, "
        b"uncached\n"
    )


def test_a_write_during_the_outage_expires_the_old_pages_when_redis_is_back(
    archive, settings, staff_client
):
    """Redis comes back with its old generation and pages (a network cut)."""
    uncite_the_city()
    reader = Client()
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "miss"
    working = settings.CACHES
    settings.CACHES = DOWN
    response = staff_client.patch(
        "/api/v1/conferences/20/", {"city": "Atlantis"}, content_type="application/json"
    )
    assert response.status_code == 200
    settings.CACHES = working  # the old copies are all still there
    page = reader.get("/test/cities/")
    assert page["X-Archive-Cache"] == "miss"
    assert b"20: Atlantis" in page.content


def test_a_worker_that_missed_the_outage_catches_up_within_the_recheck(
    archive, settings
):
    settings.ARCHIVE_GENERATION_RECHECK_SECONDS = 1
    reader = Client()
    reader.get("/test/cities/")
    # Another worker saved while Redis was away; this one never noticed the outage.
    settings.CACHES, working = DOWN, settings.CACHES
    Conference.objects.filter(edition=20).update(city="Elsewhere")
    generations.archive_changed()
    settings.CACHES = working
    generations._lost = False
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "hit"  # at most 1 s old
    time.sleep(1.1)
    page = reader.get("/test/cities/")
    assert page["X-Archive-Cache"] == "miss"
    assert b"20: Elsewhere" in page.content


def fault_test_unavailable() -> str | None:
    if which("redis-server") is None:
        return "no redis-server (apt-get install redis-server)"
    return None


@pytest.mark.fault
@pytest.mark.skipif(
    fault_test_unavailable() is not None, reason=str(fault_test_unavailable())
)
def test_the_archive_rides_out_a_redis_outage_under_load():
    """bench/redis_outage.py: a throwaway Redis, gunicorn under load, kill it, start it."""
    result = subprocess.run(
        [sys.executable, "bench/redis_outage.py", "--port", "6390"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS" in result.stdout
