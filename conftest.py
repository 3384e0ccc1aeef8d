"""Fixtures shared by every app's tests: the curated archive, users, clients."""

import functools
import hashlib
import json
import os
import sqlite3
import sys
from contextlib import nullcontext
from pathlib import Path
from unittest import mock

import django
import pytest
from _pytest.mark.expression import Expression
from django.contrib.auth.models import Permission, User
from django.core.management import call_command
from django.core.management.commands.migrate import Command as MigrateCommand

from conferences.models import Conference

ROOT = Path(__file__).resolve().parent

# What makes a test slow: a real browser, a second data size, a server and a database of its
# own, a schema-driven run of every API operation. `bin/test -m "not slow"` is
# the quick loop; CI runs everything. A few tests are marked slow by hand, each with its
# reason and the quick test kept for the same behaviour (docs/testing.md).
SLOW_FIXTURES = {"many_editions", "live_server", "page", "browser"}
SLOW_MARKERS = {"browser", "fault"}
SLOW_TESTS = {"test_api_conforms_to_its_schema"}
GROUPED_MARKERS = {"browser", "fault"}


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
    give_parametrized_items_their_own_ids(items)
    for item in items:
        if is_slow(item):
            item.add_marker(pytest.mark.slow)
        # With -n (pytest-xdist, --dist loadgroup) each group runs on one worker, one test
        # after another: one Chromium, and never two throwaway servers at once.
        for group in GROUPED_MARKERS.intersection(m.name for m in item.iter_markers()):
            item.add_marker(pytest.mark.xdist_group(group))


def give_parametrized_items_their_own_ids(items) -> None:
    """Put back the parameters that pytest 9.2 leaves out of some items' ids.

    schemathesis 4.32 names each operation's item `test_x[GET /api/…]`, but pytest 9.2
    builds an item's id from its function's name and its callspec, which these items
    lack: all 70 would share one id. pytest-xdist schedules tests by id, so it would run
    one of them and drop the others. (Uses pytest's NodeId, which its docs call private.)
    """
    for item in items:
        if item.name != item.originalname and item.nodeid.endswith(
            f"::{item.originalname}"
        ):
            params = item.name.removeprefix(item.originalname)[1:-1]
            item._id = item.parent.id.child(item.originalname).with_params(params)


# Modules that hold only slow tests, with the markers their tests carry: when the -m
# expression would deselect every one of them, they are not even imported. schemathesis
# fetches the schema and builds the cases of every operation while pytest imports its
# module (seconds); the browser modules import Playwright.
SLOW_ONLY_MODULES = {
    ROOT / "api" / "tests" / "test_schema_conformance.py": {"slow"},
    ROOT / "conferences" / "tests" / "test_browser.py": {"slow", "browser"},
    ROOT / "conferences" / "tests" / "test_phone_width.py": {"slow", "browser"},
    ROOT / "history" / "tests" / "test_admin_browser.py": {"slow", "browser"},
}


def pytest_ignore_collect(collection_path, config):
    """Skip collecting the slow-only modules when the -m expression deselects them."""
    markexpr = config.option.markexpr
    markers = SLOW_ONLY_MODULES.get(collection_path.resolve())
    if not markexpr or markers is None:
        return None
    # Would the expression keep a test that carries these markers (and only marks that
    # -m selections here don't name)?
    keeps = Expression.compile(markexpr).evaluate(lambda name, **_: name in markers)
    return None if keeps else True


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
            # Written aside and renamed: parallel workers (-n) never read half a file.
            partial = mo_path.with_suffix(f".mo.{os.getpid()}")
            polib.pofile(str(po_path)).save_as_mofile(str(partial))
            os.replace(partial, mo_path)


# The test database, migrated and with the five curated reports loaded, is built once a
# session: migrating (45 migrations) and loading (full_clean, history and the search index
# per row) take about 10 s of CPU. On SQLite the built database is also kept as a file in
# .cache/test-db/, named by a hash of everything that could change it, and the next run
# copies it in instead (SQLite's backup API, a fraction of a second). Any change to the
# code, migrations, fixtures or requirements gives a new name, hence a fresh build;
# --create-db always builds afresh. PostgreSQL builds it every run (CI uses --create-db).
SNAPSHOT_DIR = ROOT / ".cache" / "test-db"


@functools.cache
def snapshot_key() -> str:
    """Hash what makes the built database: all the code but the tests, the fixtures, the
    requirements, and the versions of Python, Django and SQLite."""
    digest = hashlib.sha256(
        f"{sys.version} {django.__version__} {sqlite3.sqlite_version}".encode()
    )
    skip = {".venv", ".cache", ".git", "node_modules", "tests", "bench"}
    paths = [
        path
        for pattern in ("**/*.py", "fixtures/**/*", "requirements*.txt")
        for path in ROOT.glob(pattern)
        if path.is_file() and not skip.intersection(path.relative_to(ROOT).parts)
    ]
    for path in sorted(paths):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def copy_sqlite(source, target) -> None:
    """Copy a whole SQLite database, page by page, into another connection's."""
    source.backup(target)


@pytest.fixture(scope="session")
def archive_snapshot(request, django_db_createdb) -> Path | None:
    """Where the built test database is kept on SQLite, or None (another database)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return None
    path = SNAPSHOT_DIR / f"archive-{snapshot_key()}.sqlite3"
    if django_db_createdb:
        path.unlink(missing_ok=True)
    return path


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
    archive_snapshot,
):
    """The test database with the five curated reports loaded.

    pytest-django's own fixture, plus the archive: with a snapshot at hand, the `migrate`
    that Django's creation of the test database runs is replaced, for that one call, by
    copying the snapshot in; without one, the database is migrated, loaded and kept.
    """
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    keepdb = django_db_keepdb and not django_db_createdb
    restore = archive_snapshot is not None and archive_snapshot.exists()

    def copy_snapshot_in(command, *args, database, **options):
        from django.db import connections

        connections[database].ensure_connection()
        with sqlite3.connect(archive_snapshot) as snapshot:
            copy_sqlite(snapshot, connections[database].connection)

    with django_db_blocker.unblock():
        with (
            mock.patch.object(MigrateCommand, "handle", copy_snapshot_in)
            if restore
            else nullcontext()
        ):
            db_cfg = setup_databases(
                verbosity=request.config.option.verbose,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                keepdb=keepdb,
            )
        if not restore:
            call_command("load_archive", verbosity=0)
            if archive_snapshot is not None:
                save_snapshot(archive_snapshot)
    yield
    if not keepdb:
        with django_db_blocker.unblock():
            end_other_sessions()
            teardown_databases(db_cfg, verbosity=request.config.option.verbose)


def end_other_sessions() -> None:
    """End every other session on the PostgreSQL test databases before they are dropped.

    PostgreSQL refuses to drop a database another session uses, and the live server's
    request threads (the browser tests') keep their connections while Chromium keeps its
    own open (CONN_MAX_AGE): a worker whose last tests were the browser's could fail its
    teardown ("being accessed by other users") with every test passed.
    """
    from django.db import connections

    for connection in connections.all():
        if connection.vendor != "postgresql" or connection.settings_dict["TEST"].get(
            "MIRROR"
        ):
            continue
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )


def save_snapshot(path: Path) -> None:
    """Keep the built database as a file (written aside, then renamed), dropping older
    snapshots."""
    from django.db import connection

    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("archive-*.sqlite3"):
        old.unlink(missing_ok=True)
    partial = path.with_suffix(f".{os.getpid()}.partial")
    connection.ensure_connection()
    with sqlite3.connect(partial) as target:
        copy_sqlite(connection.connection, target)
    target.close()
    os.replace(partial, path)


@pytest.fixture(scope="session")
def openapi_schema(django_db_setup, django_db_blocker, django_db_createdb) -> dict:
    """The API's OpenAPI schema as /api/schema/ serves it in English, fetched once.

    Generating it takes about a second of CPU, and several tests read it: they only read.
    It is kept beside the database's snapshot in .cache/test-db/, under the same hash of
    the code (any change gives a new name; --create-db fetches it afresh).
    """
    from django.test import Client

    path = SNAPSHOT_DIR / f"openapi-{snapshot_key()}.json"
    if path.exists() and not django_db_createdb:
        return json.loads(path.read_bytes())
    with django_db_blocker.unblock():
        response = Client().get("/api/schema/", headers={"accept": "application/json"})
    assert response.status_code == 200
    path.parent.mkdir(parents=True, exist_ok=True)
    for old in path.parent.glob("openapi-*.json"):
        if old != path:
            old.unlink(missing_ok=True)
    # Written aside and renamed: parallel workers (-n) never read half a file.
    partial = path.with_suffix(f".{os.getpid()}.partial")
    partial.write_bytes(response.content)
    os.replace(partial, path)
    return response.json()


@pytest.fixture
def archive(db, archive_snapshot):
    """The curated archive (loaded again if a transactional test emptied the database)."""
    ensure_archive(archive_snapshot)
    return Conference.objects.all()


def ensure_archive(archive_snapshot: Path | None) -> None:
    """Load the curated archive again if a transactional test emptied the database."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    if not Conference.objects.exists():
        if archive_snapshot is not None and not connection.in_atomic_block:
            # The whole database as the session began; content types get new ids when
            # a flush empties them, so their cache is dropped.
            with sqlite3.connect(archive_snapshot) as snapshot:
                copy_sqlite(snapshot, connection.connection)
            ContentType.objects.clear_cache()
        else:
            call_command("load_archive", verbosity=0)


@pytest.fixture(scope="module")
def module_transaction(django_db_setup, django_db_blocker, archive_snapshot):
    """A transaction around a test module's tests (in each worker), rolled back after its
    last test, with the archive loaded.

    What a module-scoped fixture writes in it, through `django_db_blocker.unblock()`,
    each of the module's tests finds, and each test's own transaction rolls back inside
    it: what Django's TestCase.setUpTestData does for a class. For data that many tests
    of a module start from and that costs a tenth of a second or more to write. Yields
    the blocker.
    """
    from django.db import transaction

    with django_db_blocker.unblock():
        ensure_archive(archive_snapshot)
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield django_db_blocker
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def staff_user(db):
    """A staff archivist with every permission on the archive's models.

    The permissions (about 140 rows) are granted with one INSERT … SELECT: through the
    ORM (`user_permissions.set`) it took 6 to 9 ms of CPU, and some 150 tests a run
    make this user.
    """
    from django.db import connection

    user = User.objects.create_user(
        "archivist", password="correct-horse-battery", is_staff=True
    )
    granted = User.user_permissions.through._meta.db_table
    permissions = Permission.objects.filter(
        content_type__app_label__in=["conferences", "speakers"]
    ).values("id")
    select, params = permissions.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(granted)} (user_id, permission_id) "
            f"SELECT %s, id FROM ({select}) AS archive_permissions",
            [user.pk, *params],
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
