"""Production middleware: request limits, the database-outage page, and the read cache."""

import logging
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.utils.cache import (
    get_cache_key,
    get_conditional_response,
    has_vary_header,
    learn_cache_key,
)
from django.utils.translation import gettext, gettext_lazy

from .cache import bump_generation, current_generation
from .views import database_unavailable, is_api

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD")
NUL_MESSAGE = gettext_lazy(
    "The address holds a NUL character, which no value can contain."
)


def bad_request(request, message: str, status: int = 400) -> HttpResponse:
    """Return a short 4xx: JSON under /api/, plain text elsewhere."""
    message = str(message)
    if is_api(request):
        return JsonResponse({"detail": message}, status=status)
    return HttpResponse(message, status=status, content_type="text/plain")


class RequestLimitsMiddleware:
    """Answer 4xx to requests no page could serve: huge or undecodable query strings,
    NUL characters in the address (PostgreSQL refuses them in text), absurd page
    sizes (over ARCHIVE_MAX_PAGE_SIZE; the API caps ordinary ones at its own maximum)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.check(request) or self.get_response(request)

    def check(self, request) -> HttpResponse | None:
        # The one guard against NUL in the address (path, parameter names and values):
        # no key or filter value holds one. (A key in an API request's body is refused
        # by the API's KeyRelatedField.)
        if "\x00" in request.path:
            return bad_request(request, NUL_MESSAGE)
        query = request.META.get("QUERY_STRING", "")
        if not query:
            return None
        if len(query) > settings.ARCHIVE_MAX_QUERY_STRING:
            return bad_request(
                request, gettext("The query string is too long."), status=414
            )
        for pair in query.split("&"):
            try:
                text = unquote_to_bytes(pair.replace("+", " ")).decode("utf-8")
            except UnicodeDecodeError:
                return bad_request(
                    request, gettext("The query string is not valid UTF-8.")
                )
            if "\x00" in text:
                return bad_request(request, NUL_MESSAGE)
        # Absurd page sizes: a 400 before any view counts or fetches a thing. Other bad
        # values (0, "x") are the view's to refuse, in its own words.
        for name in settings.ARCHIVE_PAGE_SIZE_PARAMETERS:
            for value in request.GET.getlist(name):
                value = value.strip()
                if (
                    value.isascii()
                    and value.isdigit()
                    and (int(value) > settings.ARCHIVE_MAX_PAGE_SIZE)
                ):
                    message = gettext("Enter a whole number from 1 to %(maximum)s.") % {
                        "maximum": settings.ARCHIVE_MAX_PAGE_SIZE
                    }
                    if is_api(request):
                        return JsonResponse({name: [message]}, status=400)
                    return bad_request(request, f"{name}: {message}")
        return None


class DatabaseUnavailableMiddleware:
    """Turn a lost database connection into a 503 the client can retry, not a 500.

    Django reconnects on the next request (CONN_HEALTH_CHECKS), so the app recovers by
    itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, OperationalError | InterfaceError):
            logger.error("Database unavailable: %s", exception, exc_info=exception)
            return database_unavailable(request)
        return None


def is_anonymous_read(request) -> bool:
    """Say whether a request only reads and carries nothing that says who sent it.

    Such a request may be answered from the page cache and read from a replica: its answer
    is the same for everyone. A CSRF cookie counts, since only a form page sets it.
    """
    return (
        request.method in SAFE_METHODS
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and settings.CSRF_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


class ArchiveCacheMiddleware:
    """Serve anonymous GET and HEAD requests from the cache, keyed by the full URL, the
    headers the response varies on, and the archive's generation (archive/cache.py).

    Only requests without a session, a CSRF cookie or an Authorization header are cached
    or served from the cache, so nothing a signed-in user sees is ever shared; only 200
    responses without Set-Cookie, a CSP nonce or a private/no-store Cache-Control are kept.
    A cached response still answers 304 to a matching If-None-Match. Any successful
    POST, PUT, PATCH or DELETE of a signed-in user starts a new generation, whatever it
    wrote.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            # A write the signals may not see (a bulk update in an admin action, say).
            # Only a signed-in user's: anyone else could flush the cache at will.
            user = getattr(request, "user", None)
            if response.status_code < 400 and user and user.is_authenticated:
                bump_generation()
            return response
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        key_prefix = f"archive:{current_generation()}"
        key = get_cache_key(request, key_prefix, "GET", cache=cache)
        stored = cache.get(key) if key else None
        if stored is not None:
            status, headers, content = stored
            cached = HttpResponse(content, status=status, headers=headers)
            response = get_conditional_response(
                request, etag=cached.get("ETag"), response=cached
            )
            response["X-Archive-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and self.is_cacheable_response(request, response):
            timeout = settings.ARCHIVE_PAGE_CACHE_SECONDS
            key = learn_cache_key(request, response, timeout, key_prefix, cache=cache)
            # Only what goes on the wire: a DRF response would pickle its serializer,
            # model instances and all, and cost more to load than to render.
            stored = (response.status_code, dict(response.headers), response.content)
            cache.set(key, stored, timeout)
            response["X-Archive-Cache"] = "miss"
        return response

    @staticmethod
    def is_cacheable_request(request) -> bool:
        return (
            settings.ARCHIVE_PAGE_CACHE
            and is_anonymous_read(request)
            and not request.path.startswith(settings.ARCHIVE_PAGE_CACHE_SKIP)
        )

    @staticmethod
    def is_cacheable_response(request, response) -> bool:
        cache_control = response.get("Cache-Control", "").lower()
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
            # A nonce used in the page must be new for every response.
            and not getattr(request, "_csp_nonce", None)
            # Authorization-dependent output is never cached (DRF varies on it).
            and not has_vary_header(response, "Authorization")
        )
