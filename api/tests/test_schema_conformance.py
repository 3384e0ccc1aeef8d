"""Every API operation answers as its schema says: schemathesis, in process.

A module of its own because loading it is slow: the schema is fetched and the cases of
every operation are built when pytest collects it (seconds), so the root conftest.py skips
collecting it when the run deselects the slow tests (`-m "not slow"`).
"""

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.specs.openapi.checks import ignored_auth, positive_data_acceptance

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_token(archive, staff_user):
    """A staff archivist's token, with the archive loaded and the connection kept.

    Django's test client keeps the database connection between requests; schemathesis's
    WSGI client does not, so close_old_connections is unhooked as the test client does
    (on PostgreSQL the test's transaction would otherwise be closed mid-test).
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield Token.objects.create(user=staff_user).key
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# Fetched in process from the app under test when the module loads (no database needed).
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", WSGIHandler())


@schema.parametrize()
@settings(
    max_examples=5,
    derandomize=True,  # the same examples on every run: CI failures are reproducible
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, staff_token):
    """No 5xx and no answer outside the schema, for reads and staff writes alike.

    A filter naming an edition, topic or person that does not exist is a documented 400
    that a schema cannot express, so schema-valid requests may be refused. The token is
    sent with every request, so the check that replays a request with bad credentials
    cannot work here: test_api_writes.py checks who may write.
    """
    case.call_and_validate(
        headers={"Authorization": f"Token {staff_token}"},
        excluded_checks=[positive_data_acceptance, ignored_auth],
    )
