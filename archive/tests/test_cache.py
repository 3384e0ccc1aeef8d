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


def test_a_bulk_update_in_a_write_request_shows_at_once(reader):
    """QuerySet.update() sends no signal; the request's SQL watcher still sees it."""
    Client().post("/test/bulk-rename/", {"city": "Bulk City"})
    page = reader.get("/test/cities/")
    assert page["X-Archive-Cache"] == "miss"
    assert b"20: Bulk City" in page.content


def test_anonymous_posts_do_not_expire_pages(reader):
    """A failed login is a 200: it must not let anyone flush the cache at will."""
    reader.post("/admin/login/", {"username": "nobody", "password": "wrong"})
    assert Client().get("/test/cities/")["X-Archive-Cache"] == "hit"


def test_a_login_keeps_the_cache(reader, staff_user):
    """A login writes a session, last_login and axes' log: none of them archive rows."""
    archivist = Client()
    response = archivist.post(
        "/admin/login/", {"username": "archivist", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "hit"


def test_a_failed_write_keeps_the_cache(reader):
    assert Client().post("/test/failed-write/").status_code == 409
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "hit"


def test_refused_writes_keep_the_cache(reader, staff_client):
    topic = Topic.objects.filter(conferences__edition=20).first()
    # The admin's form again with an error (a 200), and an API write refused (a 400).
    form_again = staff_client.post(
        f"/admin/conferences/topic/{topic.pk}/change/",
        {"name": "", "slug": topic.slug, "kind": topic.kind},
    )
    assert form_again.status_code == 200
    assert form_again.context["adminform"].form.errors
    refused = staff_client.patch(
        "/api/v1/conferences/20/", {"year": "soon"}, content_type="application/json"
    )
    assert refused.status_code == 400
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "hit"


def test_a_dry_run_import_keeps_the_cache(reader, staff_client):
    from conferences.importing.tests.test_import_report import KIGALI

    response = staff_client.post(
        "/admin/conferences/reportimport/add/",
        {
            "language": "en",
            "publisher": "",
            "published": "",
            "text": KIGALI,
            "dry_run": "on",
        },
    )
    assert "Preview: nothing was written" in response.content.decode()
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "hit"


def test_rows_outside_the_archive_apps_do_not_expire_pages(reader):
    from django.contrib.auth.models import Group

    Group.objects.create(name="Readers")
    assert reader.get("/test/cities/")["X-Archive-Cache"] == "hit"


MOST_READ = [
    "/",
    "/editions/",
    "/editions/20/",
    "/api/v1/conferences/",
    "/api/v1/conferences/20/",
]


def test_an_edit_renders_the_most_read_responses_again_before_any_reader(
    archive, staff_client
):
    anonymous = Client()
    uncite_the_city()
    for path in MOST_READ:
        assert anonymous.get(path).status_code == 200
    response = staff_client.patch(
        "/api/v1/conferences/20/",
        {"city": "Warm City"},
        content_type="application/json",
    )
    assert response.status_code == 200
    for path in MOST_READ:
        page = anonymous.get(path)
        assert page["X-Archive-Cache"] == "hit", path
    assert anonymous.get("/api/v1/conferences/20/").json()["city"] == "Warm City"
    assert b"Warm City" in anonymous.get("/editions/20/").content
    # API clients that send Accept: */* or application/json share the warmed entry.
    for accept in ("*/*", "application/json"):
        page = anonymous.get("/api/v1/conferences/20/", headers={"accept": accept})
        assert page["X-Archive-Cache"] == "hit", accept


def test_tracking_parameters_and_parameter_order_share_one_entry(archive, client):
    first = client.get("/test/cities/?b=2&a=1")
    assert first["X-Archive-Cache"] == "miss"
    for url in (
        "/test/cities/?a=1&b=2",
        "/test/cities/?utm_source=newsletter&a=1&b=2&fbclid=xyz",
        "/test/cities/?a=1&gclid=1&b=2&utm_campaign=x",
    ):
        response = client.get(url)
        assert response["X-Archive-Cache"] == "hit", url
        assert response.content == first.content
    assert client.get("/test/cities/?a=1&b=3")["X-Archive-Cache"] == "miss"


def test_a_repeated_parameter_keeps_its_values_order(rf):
    from archive.middleware import normalise_query_string

    request = rf.get("/editions/?topic=b&utm_source=x&page=2&topic=a")
    assert request.GET["page"] == "2"  # parsed before, as RequestLimitsMiddleware does
    normalise_query_string(request)
    assert request.META["QUERY_STRING"] == "page=2&topic=b&topic=a"
    assert request.GET.getlist("topic") == ["b", "a"]
    assert "utm_source" not in request.GET


@pytest.mark.django_db(transaction=True)
def test_a_write_in_a_transaction_is_published_at_commit_and_not_before(archive):
    from django.db import transaction

    from archive.cache import current_generation

    before = current_generation()
    with transaction.atomic():
        Conference.objects.filter(edition=20).get().save()
        assert current_generation() == before
    after = current_generation()
    assert after != before
    with transaction.atomic():
        Conference.objects.filter(edition=20).get().save()
        transaction.set_rollback(True)
    assert current_generation() == after


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


def test_each_of_two_edits_in_a_row_shows_at_once(reader, staff_client):
    uncite_the_city()
    for city in ("First City", "Second City"):
        response = staff_client.patch(
            "/api/v1/conferences/20/", {"city": city}, content_type="application/json"
        )
        assert response.status_code == 200
        page = reader.get("/test/cities/")
        assert page["X-Archive-Cache"] == "miss"
        assert f"20: {city}".encode() in page.content


def uncite_the_city(edition: int = 20) -> None:
    """Drop the edition's city citation: a cited city must be what its report says
    (conferences/support.py), and these tests write made-up cities."""
    from conferences.models import Citation

    Citation.objects.filter(conference__edition=edition, field="city").delete()
