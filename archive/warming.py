"""Render the most-read responses again after an edit, before any reader asks for them.

After a write request commits, ArchiveCacheMiddleware calls warm_most_read() with the new
generation *before* publishing it: each path below is rendered once, anonymously, through
the project's own middleware and views (an internal request, no network), and stored
under the new generation. Readers keep the previous generation's pages until the new one
is published, so none of them pays for these misses. A failure is logged and skipped:
it never breaks the write.

What is warmed (settings): ARCHIVE_CACHE_WARM_PATHS (the home page, the first page of the
edition list and of the conference list API) and, for each edition the request changed,
ARCHIVE_CACHE_WARM_EDITION_PATHS (its page and its API detail), for the host and scheme
the writer used. API responses, which vary on Accept, are stored for the Accept headers
of ARCHIVE_CACHE_WARM_ACCEPT too.
"""

import io
import logging
import sys

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.db import connections
from django.http.request import split_domain_port
from django.urls import translate_url
from django.utils import translation

from .cache import warming_generation, warming_process

logger = logging.getLogger(__name__)

# Warming requests come from their own address, so that they never share a throttle
# budget with real clients.
WARMING_ADDRESS = "127.0.0.2"
MAX_EDITIONS = 5

_handler = None


def handler() -> WSGIHandler:
    global _handler
    if _handler is None:
        _handler = WSGIHandler()
    return _handler


def most_read_paths(conference_ids) -> list[str]:
    from conferences.models import Conference

    paths = list(settings.ARCHIVE_CACHE_WARM_PATHS)
    if conference_ids:
        editions = (
            Conference.objects.filter(pk__in=list(conference_ids)[:MAX_EDITIONS])
            .order_by("edition")
            .values_list("edition", flat=True)
        )
        for edition in editions:
            paths += [
                path.format(edition=edition)
                for path in settings.ARCHIVE_CACHE_WARM_EDITION_PATHS
            ]
    return paths


def internal_request(writer, path: str) -> WSGIRequest:
    """An anonymous GET of path, for the host and scheme the writer used."""
    return anonymous_get(path, writer.get_host(), writer.is_secure())


def anonymous_get(path: str, host: str, secure: bool = False) -> WSGIRequest:
    """An internal anonymous GET of path (with its query string) for host."""
    path, _, query = path.partition("?")
    name, port = split_domain_port(host)
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": query,
        "HTTP_HOST": host,
        "SERVER_NAME": name or "localhost",
        "SERVER_PORT": port or ("443" if secure else "80"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": WARMING_ADDRESS,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "https" if secure else "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    return WSGIRequest(environ)


def warm_most_read(writer, generation: str, conference_ids=()) -> list[tuple[str, int]]:
    """Render the most-read responses under generation; return (path, status) pairs."""
    rendered = []
    token = warming_generation.set(str(generation))
    try:
        for path in most_read_paths(conference_ids):
            try:
                response = handler().get_response(internal_request(writer, path))
                rendered.append((path, response.status_code))
            except Exception:  # noqa: BLE001 — warming is best effort
                logger.exception("Could not warm %s", path)
    finally:
        warming_generation.reset(token)
    return rendered


# What a server process renders before it forks its workers, in every language: the
# pages and answers readers ask for most, each kind once (an edition's page stands for
# every edition's: the compiled templates and queries are the same).
PROCESS_WARM_PATHS = (
    "/",
    "/editions/",
    "/editions/{latest}/",
    "/search/?q=interpol",
    "/api/v1/conferences/",
    "/api/v1/conferences/{latest}/",
    "/api/v1/search/?q=interpol",
)


def warm_process(*, close_connections: bool = True) -> list[tuple[str, int]]:
    """Render the most-read kinds of page once in this process, without the page cache;
    return (path, status) pairs.

    gunicorn loads the application in its master process and forks the workers from it
    (preload_app), and forks a new one whenever a worker is recycled (max_requests). A
    worker's first requests pay for what the process builds once: templates compiled,
    queries compiled (conferences/models/compiled.py, subqueries.py), the page chrome and
    the rows' words in each language. Rendered here in the master, before the fork, all
    of it is inherited: no reader pays a new worker's start, which under load was the
    slowest hundredth of the requests. The database connections are closed afterwards,
    so that no worker inherits one (close_connections=False leaves them, for tests).

    Best effort: a failure is logged; an answer of 500 or more (the database is away)
    stops the warming, so that a server starts at once whatever the database does.
    """
    from conferences.series import latest_edition

    rendered = []
    token = warming_process.set(True)
    try:
        latest = latest_edition()
        host = next(
            (h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))),
            "localhost",
        )
        # (The requests activate their languages; the process's own is restored after.)
        with translation.override(settings.LANGUAGE_CODE):
            for code, _ in settings.LANGUAGES:
                for path in PROCESS_WARM_PATHS:
                    path = translate_url(path.format(latest=latest), code)
                    response = handler().get_response(anonymous_get(path, host))
                    rendered.append((path, response.status_code))
                    if response.status_code >= 500:
                        logger.warning(
                            "Warming stopped: %s answered %s",
                            path,
                            response.status_code,
                        )
                        return rendered
    except Exception:  # noqa: BLE001 — warming is best effort
        logger.exception("Could not warm the server process")
    finally:
        warming_process.reset(token)
        if close_connections:
            connections.close_all()
    return rendered
