"""The read cache: anonymous reads come from the cache, and any edit shows at once."""

import os
import uuid

import pytest
from django.core.cache import cache, caches
from django.test import Client

from conferences.models import Conference, ConferenceTopic, Topic

pytestmark = [pytest.mark.django_db, pytest.mark.urls("archive.tests.urls")]


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.ARCHIVE_PAGE_CACHE = True
    cache.clear()  # local memory here; never clear() a shared Redis (FLUSHDB)


@pytest.fixture
def reader(archive):
    """An anonymous reader whose page /test/cities/ is already in the cache."""
    reader = Client()
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "miss"
    return reader


def test_repeated_read_is_served_from_the_cache_without_queries(
    archive, client, django_assert_num_queries
):
    first = client.get("/test/cities/")
    assert first["X-Archive-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get("/test/cities/")
    assert second.status_code == 200
    assert second["X-Archive-Cache"] == "hit"
    assert second.content == first.content
    assert b"<p>20: " in second.content


def test_head_is_served_from_the_cached_get(archive, client):
    client.get("/test/cities/")
    response = client.head("/test/cities/")
    assert response.status_code == 200
    assert response["X-Archive-Cache"] == "hit"


def test_cached_page_answers_304_to_its_etag(archive, client):
    etag = client.get("/test/cities/")["ETag"]
    response = client.get("/test/cities/", headers={"if-none-match": etag})
    assert response.status_code == 304
    assert response["X-Archive-Cache"] == "hit"


def test_an_edit_shows_at_once(archive, client):
    client.get("/test/cities/")
    conference = Conference.objects.get(edition=20)
    conference.city = "Atlantis"
    conference.save()
    response = client.get("/test/cities/")
    assert response["X-Archive-Cache"] == "miss"
    assert b"20: Atlantis" in response.content


def test_deleting_a_through_row_shows_at_once(archive, client):
    before = client.get("/test/cities/").content
    ConferenceTopic.objects.filter(conference__edition=20).first().delete()
    after = client.get("/test/cities/")
    assert after["X-Archive-Cache"] == "miss"
    assert after.content != before


def test_an_api_read_is_cached_and_invalidated(archive, client):
    client.get("/api/v1/test/editions/")
    assert client.get("/api/v1/test/editions/")["X-Archive-Cache"] == "hit"
    conference = Conference.objects.get(edition=19)
    conference.city = "Elsewhere"
    conference.save()
    response = client.get("/api/v1/test/editions/")
    assert response["X-Archive-Cache"] == "miss"
    assert {"edition": 19, "city": "Elsewhere"} in response.json()["results"]


def test_an_edit_in_the_admin_shows_at_once(reader, staff_client):
    topic = Topic.objects.filter(conferences__edition=20).first()
    response = staff_client.post(
        f"/admin/conferences/topic/{topic.pk}/change/",
        {
            "name": "Renamed in the admin",
            "slug": topic.slug,
            "kind": topic.kind,
            "description": topic.description,
            "change_reason": "A clearer name",
        },
    )
    assert response.status_code == 302
    page = reader.get("/test/cities/")
    assert page["X-Archive-Cache"] == "miss"
    assert b"Renamed in the admin" in page.content


def test_a_bulk_update_through_a_write_request_shows_at_once(reader, staff_client):
    """An admin action that updates rows in bulk sends no signal; the request still counts."""
    Conference.objects.filter(edition=20).update(city="Bulk City")  # no signal
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "hit"
    # An admin action's first step: a signed-in POST (the confirmation page, a 200).
    staff_client.post(
        "/admin/conferences/conference/",
        {
            "action": "delete_selected",
            "_selected_action": [Conference.objects.first().pk],
        },
    )
    page = reader.get("/test/cities/")
    assert page["X-Archive-Cache"] == "miss"
    assert b"20: Bulk City" in page.content


def test_anonymous_posts_do_not_expire_pages(reader):
    """A failed login is a 200: it must not let anyone flush the cache at will."""
    reader.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert Client().get("/test/cities/")["X-Archive-Cache"] == "hit"


def test_rows_outside_the_archive_apps_do_not_expire_pages(reader):
    from django.contrib.auth.models import Group

    Group.objects.create(name="Readers")
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "hit"


def test_the_generation_moves_again_at_commit(
    archive, django_capture_on_commit_callbacks
):
    from archive.cache import current_generation

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        Conference.objects.filter(edition=20).get().save()
    saved = current_generation()
    for callback in callbacks:
        callback()
    assert current_generation() != saved


def test_signed_in_users_are_never_served_from_the_cache(archive, staff_client):
    Client().get("/test/cities/")
    response = staff_client.get("/test/cities/")
    assert "X-Archive-Cache" not in response


def test_errors_and_cookies_are_not_cached(archive, client):
    client.get("/test/nowhere/")
    assert "X-Archive-Cache" not in client.get("/test/nowhere/")
    client.get("/test/cookie/")
    assert "X-Archive-Cache" not in client.get("/test/cookie/")


def test_the_admin_and_health_checks_are_not_cached(archive, client):
    client.get("/admin/login/")
    assert "X-Archive-Cache" not in client.get("/admin/login/")
    client.get("/healthz")
    assert "X-Archive-Cache" not in client.get("/healthz")


def test_each_full_url_and_accept_header_is_its_own_entry(archive, client):
    client.get("/test/cities/?a=1")
    assert client.get("/test/cities/?a=2")["X-Archive-Cache"] == "miss"
    assert client.get("/test/cities/?a=1")["X-Archive-Cache"] == "hit"


def redis_url() -> str:
    return os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"


def redis_unavailable() -> str | None:
    try:
        import redis

        redis.Redis.from_url(redis_url(), socket_connect_timeout=1).ping()
    except Exception as error:  # noqa: BLE001 — any failure means: skip
        return f"no Redis at {redis_url()}: {error}"
    return None


@pytest.mark.skipif(redis_unavailable() is not None, reason=str(redis_unavailable()))
def test_with_redis_every_worker_sees_an_edit(archive, settings):
    """Two app servers sharing Redis: an edit made through one expires the other's pages."""
    prefix = f"ncb-test-{uuid.uuid4().hex}"
    redis_cache = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": redis_url(),
        "KEY_PREFIX": prefix,
    }
    settings.CACHES = {"default": redis_cache, "generation": redis_cache}
    first_server, second_server = Client(), Client()
    try:
        first_server.get("/test/cities/")
        assert second_server.get("/test/cities/")["X-Archive-Cache"] == "hit"
        conference = Conference.objects.get(edition=20)
        conference.city = "Shared"
        conference.save()
        page = second_server.get("/test/cities/")
        assert page["X-Archive-Cache"] == "miss"
        assert b"20: Shared" in page.content
    finally:
        client = caches["default"]._cache.get_client(write=True)
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
