"""Admin sign-in lock-outs: by the client's address, and by username except where it works."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.test.html import parse_html
from django.utils import timezone

pytestmark = pytest.mark.django_db

RIGHT = "correct-horse-battery"


def sign_in(client, username, password, address, forwarded_for=None):
    headers = {"x-forwarded-for": forwarded_for} if forwarded_for else {}
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        headers=headers,
    )


def test_guessing_across_accounts_from_one_address_is_stopped(client, staff_user):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, f"guess{n}", "wrong", "192.0.2.10")
    locked = sign_in(client, "archivist", RIGHT, "192.0.2.10")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another address is not locked by it.
    assert sign_in(client, "archivist", RIGHT, "192.0.2.11").status_code == 302


def test_signing_in_to_ones_own_account_does_not_wipe_the_guesses(client, staff_user):
    from django.contrib.auth.models import User

    User.objects.create_user("insider", password="insider-pass", is_staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, f"guess{n}", "wrong", "192.0.2.30")
    assert sign_in(client, "insider", "insider-pass", "192.0.2.30").status_code == 302
    client.logout()
    assert sign_in(client, "archivist", "wrong", "192.0.2.30").status_code == 429


def test_new_addresses_get_no_fresh_guesses_at_one_account(client, staff_user):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "archivist", f"wrong{n}", f"198.51.100.{n}")
    locked = sign_in(client, "archivist", RIGHT, "198.51.100.200")
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lock_says_how_long_it_lasts_and_ends_after_it(client, staff_user):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        last = sign_in(client, "archivist", "wrong", "192.0.2.20")
    assert last.status_code == 429
    assert last["Retry-After"] == "900"
    message = parse_html(
        '<p class="errornote">Too many failed sign-ins (5) from this address or for '
        "this account: sign-in is locked for 15 minutes. Try again after that; "
        "further tries now do not make the lock longer.</p>"
    )
    assert parse_html(last.content.decode()).count(message) == 1
    # Tries during the lock do not extend it: after the cool-off, the right password works.
    sign_in(client, "archivist", "wrong", "192.0.2.20")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "archivist", RIGHT, "192.0.2.20").status_code == 302


def test_behind_the_proxy_a_stranger_cannot_lock_an_archivist_out(
    client, staff_user, settings
):
    """Everyone arrives from the proxy's address: the lock follows the real client."""
    settings.ARCHIVE_TRUSTED_PROXIES = ["10.0.0.5"]
    proxy = "10.0.0.5"
    # The archivist has signed in from their desk before.
    assert sign_in(client, "archivist", RIGHT, proxy, "192.0.2.50").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT + 3):
        sign_in(client, "archivist", "wrong", proxy, "203.0.113.66")
    # The stranger is locked out, wherever they claim to be in their own header ...
    assert (
        sign_in(
            client, "archivist", RIGHT, proxy, "192.0.2.50, 203.0.113.66"
        ).status_code
        == 429
    )
    # ... and the archivist at their desk is not.
    response = sign_in(client, "archivist", RIGHT, proxy, "192.0.2.50")
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff_user.pk)
