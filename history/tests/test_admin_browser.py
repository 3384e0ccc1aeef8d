"""The admin in a real Chromium at 1280 px: no console error under the CSP, no sideways
scroll on the edition form, no time-zone note beside date-only fields, a favicon."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from conferences.models import Conference

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def archivist_page(reader, live_server):
    """A browser signed in to the admin as a superuser, in a time zone far from UTC."""
    User.objects.create_superuser("chief", password="correct-horse-battery-staple")
    page = reader
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", "correct-horse-battery-staple")
    page.click("input[type=submit]")
    return page


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Far from the server's UTC: the admin would note "hours ahead of server time".
    return {**browser_context_args, "timezone_id": "Asia/Tokyo"}


def test_admin_pages_fit_and_log_no_console_error(archivist_page, live_server):
    page = archivist_page
    conference = Conference.objects.get(edition=14)
    pages = [
        reverse("admin:index"),
        reverse("admin:conferences_conference_changelist"),
        reverse("admin:conferences_conference_change", args=[conference.pk]),
        reverse("admin:conferences_conference_history", args=[conference.pk]),
        reverse("admin:conferences_conference_consistency"),
        reverse("admin:speakers_tenure_add"),
    ]
    for url in pages:
        page.goto(f"{live_server.url}{url}")
        page.wait_for_load_state("load")
        page.wait_for_timeout(100)  # the admin's own load handlers, then ours
        assert page.console_errors == [], url
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - window.innerWidth"
        )
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"
        assert page.locator(".timezonewarning").count() == 0, url
        assert page.locator('link[rel="icon"]').count() == 1, url
