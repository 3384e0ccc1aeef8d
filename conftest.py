"""Fixtures shared by every app's tests: the curated archive, users, clients."""

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command

from conferences.models import Conference


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


@pytest.fixture(autouse=True)
def api_throttles_off(settings):
    """Lift the API's request limits, which would otherwise count across tests.

    The tests of throttling set their own rates.
    """
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "off", "user": "off"},
    }
