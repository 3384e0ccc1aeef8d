"""A lost database is a 503 the client may retry (HTML, or JSON under /api/)."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import RequestFactory

from archive.views import server_error

PROJECT = Path(__file__).resolve().parents[2]
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


@pytest.mark.urls("archive.tests.urls")
def test_lost_database_in_a_page_is_a_503_page(client):
    response = client.get("/test/database-gone/")
    assert response.status_code == 503
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Retry-After"] == "5"
    assert b"<h1>Temporarily unavailable</h1>" in response.content


@pytest.mark.urls("archive.tests.urls")
def test_lost_database_in_the_api_is_a_503_json_error(client):
    response = client.get("/api/v1/test/database-gone/")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "The archive is temporarily unavailable. Please try again in a moment."
    }


def test_lost_database_outside_a_view_is_still_a_503():
    request = RequestFactory().get("/api/v1/conferences/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503


def fault_test_unavailable() -> str | None:
    if not (PG_BIN / "initdb").exists():
        return f"no initdb in {PG_BIN}"
    if os.geteuid() != 0 and shutil.which("runuser") is None:
        return "needs root (runuser) to run PostgreSQL as the postgres user"
    return None


@pytest.mark.fault
@pytest.mark.skipif(
    fault_test_unavailable() is not None, reason=str(fault_test_unavailable())
)
def test_app_recovers_by_itself_after_postgresql_restarts():
    """bench/db_outage.py: a throwaway cluster, gunicorn, stop (503s), start (200s)."""
    result = subprocess.run(
        [sys.executable, "bench/db_outage.py", "--port", "25439"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "PASS" in result.stdout
