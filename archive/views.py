"""Health checks for load balancers, and the page shown while the database is away."""

import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.translation import gettext
from django.views import defaults
from django.views.decorators.cache import never_cache

RETRY_AFTER_SECONDS = 5


def is_api(request) -> bool:
    return request.path.startswith("/api/")


@never_cache
def healthz(request):
    """Say the app is alive (liveness): no database, so it is also the benchmarks' baseline."""
    return HttpResponse("ok\n", content_type="text/plain")


@never_cache
def readyz(request):
    """Say whether the app can serve (readiness): the database answers a query.

    Without the cache (Redis) the archive still serves, from the database: a 200 that
    says "degraded", with X-Archive-Degraded naming what is missing, for monitoring to
    alert on. Not a 503: every instance shares the cache, and a load balancer that took
    them all out of rotation would turn a slower site into no site.
    """
    from .cache import cache_is_available

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    if not cache_is_available():
        response = HttpResponse(
            "degraded: the cache (Redis) cannot be reached; serving from the "
            "database, uncached\n",
            content_type="text/plain",
        )
        response["X-Archive-Degraded"] = "cache"
        return response
    return HttpResponse("ready\n", content_type="text/plain")


def database_unavailable(request):
    """Return a 503 that says to retry soon: JSON under /api/, a small HTML page elsewhere."""
    message = gettext(
        "The archive is temporarily unavailable. Please try again in a moment."
    )
    if is_api(request):
        response = JsonResponse({"detail": message}, status=503)
    else:
        response = HttpResponse(
            loader.render_to_string("503.html", {"message": message}),
            status=503,
        )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


def bad_request(request, exception):
    """A 400 from Django itself (a body over the upload limit…): JSON under /api/, as every
    other API error, and Django's page elsewhere."""
    if is_api(request):
        if isinstance(exception, RequestDataTooBig):
            message = gettext(
                "The request body is too large: at most %(bytes)s bytes."
            ) % {"bytes": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE:,}"}
        else:
            message = gettext("Bad request.")
        return JsonResponse({"detail": message}, status=400)
    return defaults.bad_request(request, exception)


def server_error(request):
    """A 500, unless the error is a lost database (raised outside any view): then a 503."""
    error = sys.exc_info()[1]
    if isinstance(error, OperationalError | InterfaceError):
        return database_unavailable(request)
    if is_api(request):
        return JsonResponse({"detail": gettext("Server error.")}, status=500)
    return defaults.server_error(request)
