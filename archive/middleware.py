"""Production middleware: request limits, the database-outage page, and the read cache."""

import copy
import logging
from fnmatch import fnmatchcase
from urllib.parse import unquote_plus, unquote_to_bytes

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

from .cache import (
    CACHE_ERRORS,
    cache_is_available,
    current_generation,
    publish_generation,
    stored_generation,
    warming_generation,
    warming_process,
    watch_write_request,
)
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
    """Serve anonymous GET and HEAD requests from the cache, keyed by the URL (tracking
    parameters dropped, the others in a fixed order), the headers the response varies
    on, and the archive's generation (archive/cache.py).

    Only requests without a session, a CSRF cookie or an Authorization header are cached
    or served from the cache, so nothing a signed-in user sees is ever shared; only 200
    responses without Set-Cookie, a CSP nonce or a private/no-store Cache-Control are kept.
    A cached response still answers 304 to a matching If-None-Match. While the cache
    cannot be reached (no generation), every request is served from the database.

    A write request (POST, PUT, PATCH, DELETE) starts a new generation only if it wrote
    the archive's rows and that write committed (archive/cache.py watches its SQL): not a
    login, a refused or failed write, or a dry run. Before the new generation is
    published, the most-read responses are rendered under it (archive/warming.py).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            with watch_write_request() as writes:
                response = self.get_response(request)
            if writes.written:
                after_write(request, writes)
            return response
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        normalise_query_string(request)
        warming = warming_generation.get() is not None
        generation = current_generation()
        if generation is None:
            response = self.get_response(request)
            response["X-Archive-Cache"] = "unavailable"
            return response
        key_prefix = f"archive:{generation}"
        if not warming:
            stored = self.lookup(request, key_prefix)
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
            self.store(request, response, key_prefix, warming)
            response["X-Archive-Cache"] = "miss"
        return response

    @staticmethod
    def lookup(request, key_prefix: str):
        try:
            key = get_cache_key(request, key_prefix, "GET", cache=cache)
            return cache.get(key) if key else None
        except CACHE_ERRORS:
            return None

    @staticmethod
    def store(request, response, key_prefix: str, warming: bool = False) -> None:
        timeout = settings.ARCHIVE_PAGE_CACHE_SECONDS
        # Only what goes on the wire: a DRF response would pickle its serializer,
        # model instances and all, and cost more to load than to render.
        stored = (response.status_code, dict(response.headers), response.content)
        variants = [request]
        if warming and has_vary_header(response, "Accept"):
            # One rendering serves the Accept headers clients commonly send.
            for accept in settings.ARCHIVE_CACHE_WARM_ACCEPT:
                variant = copy.copy(request)
                variant.META = {**request.META, "HTTP_ACCEPT": accept}
                if not accept:
                    del variant.META["HTTP_ACCEPT"]
                variants.append(variant)
        try:
            for variant in variants:
                key = learn_cache_key(
                    variant, response, timeout, key_prefix, cache=cache
                )
                cache.set(key, stored, timeout)
        except CACHE_ERRORS:
            pass

    @staticmethod
    def is_cacheable_request(request) -> bool:
        return (
            settings.ARCHIVE_PAGE_CACHE
            and not warming_process.get()
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


def is_ignored_parameter(name: str) -> bool:
    return any(
        fnmatchcase(name.lower(), pattern)
        for pattern in settings.ARCHIVE_CACHE_IGNORED_PARAMETERS
    )


def normalise_query_string(request) -> None:
    """Drop tracking parameters and put the rest in order of name, for view and cache.

    (And an empty Cookie header, as if none was sent.)

    ?b=2&a=1&utm_source=x and ?a=1&b=2 are then one URL with one cache entry. The sort
    is stable, so a repeated parameter (?topic=a&topic=b) keeps its values' order.
    No view reads the dropped parameters (ARCHIVE_CACHE_IGNORED_PARAMETERS).
    """
    # An empty Cookie header says what no header says (Django's keys tell them apart).
    if not request.META.get("HTTP_COOKIE", "x").strip():
        del request.META["HTTP_COOKIE"]
    query = request.META.get("QUERY_STRING", "")
    if not query:
        return
    pairs = []
    for pair in query.split("&"):
        name = unquote_plus(pair.split("=", 1)[0])
        if pair and not is_ignored_parameter(name):
            pairs.append((name, pair))
    pairs.sort(key=lambda item: item[0])
    normal = "&".join(pair for _, pair in pairs)
    if normal != query:
        request.META["QUERY_STRING"] = normal
        request.__dict__.pop("GET", None)  # parsed again from the new string


def after_write(request, writes) -> None:
    """After a write request: if its archive write committed, warm, then publish.

    Never raises: the write is saved whatever happens to the cache.
    """
    try:
        generation = stored_generation()
        if int(generation) not in writes.written:
            return  # rolled back (a dry run, a failed save), or overtaken by another
        if settings.ARCHIVE_PAGE_CACHE and cache_is_available():
            from .warming import warm_most_read

            warm_most_read(request, generation, writes.conference_ids)
        publish_generation(generation)
    except Exception:  # noqa: BLE001 — the cache must never break a saved write
        logger.exception("Could not warm or publish the new generation")
