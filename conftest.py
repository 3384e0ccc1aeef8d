"""Fixtures shared by every app's tests: the curated archive, users, clients."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command

from conferences.models import Conference

# What makes a test slow: a real browser, a second data size, a server and a database of its
# own, a schema-driven run of every API operation. `bin/test -m "not slow"` is
# the quick loop; CI runs everything.
SLOW_FIXTURES = {"many_editions", "live_server", "page", "browser"}
SLOW_MARKERS = {"browser", "fault"}
SLOW_TESTS = {"test_api_conforms_to_its_schema"}


def is_slow(item) -> bool:
    """Say whether a test uses something slow, by fixture, marker, name or parameter."""
    # A data size chosen by parameter: request.getfixturevalue(size).
    params = item.callspec.params.values() if hasattr(item, "callspec") else ()
    return bool(
        SLOW_FIXTURES.intersection(item.fixturenames)
        or SLOW_MARKERS.intersection(m.name for m in item.iter_markers())
        or item.originalname in SLOW_TESTS
        or any(isinstance(value, str) and value in SLOW_FIXTURES for value in params)
    )


def pytest_collection_modifyitems(config, items):
    """Mark the slow tests `slow`, so no test file has to remember to."""
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session", autouse=True)
def compiled_translations():
    """Compile the catalogues (locale/*/django.po) whose .mo is missing or older.

    bin/test compiles them with gettext; this keeps a bare `pytest` in a fresh clone from
    testing the pages without their translations (polib writes the .mo, no msgfmt needed).
    """
    import polib
    from django.conf import settings

    for po_path in (settings.BASE_DIR / "locale").glob("*/LC_MESSAGES/django.po"):
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.stat().st_mtime < po_path.stat().st_mtime:
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the five curated reports once into the test database."""
    with django_db_blocker.unblock():
        call_command("load_archive", verbosity=0)


@pytest.fixture
def archive(db):
    """The curated archive (loaded again if a transactional test emptied the database)."""
    if not Conference.objects.exists():
        call_command("load_archive", verbosity=0)
    return Conference.objects.all()


@pytest.fixture
def staff_user(db):
    """A staff archivist with every permission on the archive's models."""
    user = User.objects.create_user(
        "archivist", password="correct-horse-battery", is_staff=True
    )
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label__in=["conferences", "speakers"]
        )
    )
    return user


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def many_editions(archive):
    """The archive plus 200 generated editions, for query counts at a second data size."""
    from conferences.generated import generate_editions

    return generate_editions(200)


# Browser tests: Playwright drives Debian's Chromium (it cannot download its own here).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Launch /usr/bin/chromium headless; let Django's ORM run beside Playwright's loop."""
    import os

    # Playwright's sync API keeps an event loop running in the test thread; the database
    # calls of the test itself are still synchronous.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "headless": True,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture
def reader(page, live_server, archive):
    """A browser page on the live portal that records console errors and outside requests.

    Any request to a host other than the live server's is aborted and remembered, so a test
    can assert that nothing leaves localhost.
    """
    from urllib.parse import urlsplit

    page.console_errors = []
    page.outside_requests = []
    local = urlsplit(live_server.url).netloc

    def only_local(route):
        url = route.request.url
        if url.startswith(("data:", "blob:")) or urlsplit(url).netloc == local:
            route.continue_()
        else:
            page.outside_requests.append(url)
            route.abort()

    page.route("**/*", only_local)
    page.on(
        "console",
        lambda message: (
            message.type == "error" and page.console_errors.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    page.base_url = live_server.url
    return page


@pytest.fixture(autouse=True)
def api_throttles_off(settings):
    """Lift the API's request limits, which would otherwise count across tests.

    The tests of throttling set their own rates.
    """
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "off", "user": "off"},
    }
