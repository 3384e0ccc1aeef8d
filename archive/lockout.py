"""Admin lock-outs (django-axes): by client address, and by username except at home.

AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"] makes axes count failed logins per
client address (whatever usernames were tried: guessing across accounts) and per username
(whatever addresses tried: one account guessed from many addresses). Axes would lock on
either count; this handler keeps the address rule and softens the username rule: an
address from which that user has signed in before (axes' access log) is not locked by
the username's count, so a stranger's wrong passwords cannot lock an archivist out where
they work. Elsewhere the lock lasts AXES_COOLOFF_TIME from the failure that set it. A
successful sign-in forgets only that user's failures from that address.
The client's address is the one the trusted proxy saw (archive/proxies.py).
"""

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.db.models import Sum
from django.shortcuts import render


def failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class ArchiveLockoutHandler(AxesDatabaseHandler):
    def is_locked(self, request, credentials=None) -> bool:
        if not settings.AXES_LOCK_OUT_AT_FAILURE:
            return False
        limit = get_failure_limit(request, credentials)
        by_address, by_username = self.get_user_attempts(request, credentials)
        if failures(by_address) >= limit:
            return True
        username = get_client_username(request, credentials)
        return (
            bool(username)
            and failures(by_username) >= limit
            and not self.is_known_address(request, username)
        )

    def reset_user_attempts(self, request, credentials=None) -> int:
        """On a successful sign-in, forget only that user's failures from that address.

        Axes would forget every failure from the address and every failure for the
        username: signing in to one's own account would then wipe an address's guesses
        at other accounts, and the owner's success a stranger's guesses at theirs.
        """
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count

    @staticmethod
    def is_known_address(request, username: str) -> bool:
        """Say whether username has signed in from the request's address before."""
        return AccessLog.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).exists()


def lockout_minutes(request) -> int:
    return math.ceil(get_cool_off(request).total_seconds() / 60)


def lockout_response(request, original_response=None, credentials=None):
    """Say that sign-in is locked, and for how long (a 429 with Retry-After)."""
    minutes = lockout_minutes(request)
    response = render(
        request,
        "admin/lockout.html",
        {
            "title": "Sign-in locked",
            "minutes": minutes,
            "failure_limit": get_failure_limit(request, credentials),
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
