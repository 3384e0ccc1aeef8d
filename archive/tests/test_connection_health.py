"""A persistent PostgreSQL connection's health is told by its socket, and a round trip
only when the server wrote to it (archive/postgresql/base.py)."""

import select
import time

import pytest
from django.db import connection, connections

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's backend only"
)


@pytest.fixture
def other_connections(db):
    """Two more connections to the test database, in autocommit: Django's own is in
    the test's transaction, where a NOTIFY would wait for a commit that never comes."""
    opened = [connections.create_connection("default") for _ in range(2)]
    for wrapper in opened:
        wrapper.ensure_connection()
    yield opened
    for wrapper in opened:
        wrapper.close()


def round_trips(wrapper):
    """Count the cursors is_usable() opens on the driver's connection."""
    opened = []
    cursor = wrapper.connection.cursor

    def counted(*args, **kwargs):
        opened.append(1)
        return cursor(*args, **kwargs)

    wrapper.connection.cursor = counted
    return opened


def wait_until_readable(wrapper, seconds=5.0):
    poller = select.poll()
    poller.register(wrapper.connection.fileno(), select.POLLIN)
    deadline = time.monotonic() + seconds
    while not poller.poll(50):
        assert time.monotonic() < deadline, "the server wrote nothing"


def test_an_idle_healthy_connection_is_usable_without_a_round_trip(other_connections):
    probe, _ = other_connections
    assert probe.settings_dict["ENGINE"] == "archive.postgresql"
    opened = round_trips(probe)
    assert probe.is_usable()
    assert opened == []


def test_a_connection_the_server_ended_is_not_usable(other_connections):
    probe, other = other_connections
    with other.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(%s)", [probe.connection.info.backend_pid]
        )
    wait_until_readable(probe)
    assert not probe.is_usable()
    # Before a request's first query Django then closes it (close_old_connections()
    # marks the check due at the request's start), and the query opens a new one.
    probe.health_check_done = False
    probe.close_if_health_check_failed()
    assert probe.connection is None
    with probe.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_a_message_waiting_on_a_healthy_connection_is_checked_by_a_round_trip(
    other_connections,
):
    probe, other = other_connections
    with probe.cursor() as cursor:
        cursor.execute("LISTEN archive_health_test")
    with other.cursor() as cursor:
        cursor.execute("NOTIFY archive_health_test")
    wait_until_readable(probe)
    opened = round_trips(probe)
    assert probe.is_usable()
    assert opened == [1]


def test_a_closed_connection_is_not_usable(other_connections):
    probe, _ = other_connections
    probe.connection.close()
    assert not probe.is_usable()
