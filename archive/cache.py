"""The archive's generation: one number that every edit changes, so cached reads expire at once.

Cached pages and API reads are keyed by their URL and the generation they were made in
(archive/middleware.py). A write to any row of the archive's apps sets a new generation,
and every entry made before it is never read again (and expires on its own).

Where the generation lives, and why it survives a Redis outage:

- The truth is in the database (archive.models.CacheGeneration, one row). A write to the
  archive's rows sets it *in the same transaction*: it moves if and only if the rows do.
  A failed write, a refused one or a dry run that rolls back leave it alone; so do
  logins, sessions, tokens and login attempts, which are not the archive's rows.
- Redis ("generation" cache) holds a copy, which every request reads (no query). After
  the commit, the writer copies the new value there ("publishes" it); a write request
  first renders the most-read pages under the new value (archive/warming.py), so no
  reader pays for those misses.
- While Redis cannot be reached, current_generation() returns None and the middleware
  serves from the database, uncached. A write still commits its rows and the database's
  generation; only the copy fails. Redis may come back with its old copy and the pages
  cached under it (a network cut, or a Redis with persistence), so:
  * a worker that met the outage copies the database's value to Redis at its first
    successful call afterwards (before it serves anything from the cache), and
  * the copy in Redis expires after ARCHIVE_GENERATION_RECHECK_SECONDS, then the next
    reader loads it from the database again: a worker that never noticed the outage
    serves old pages for at most that long. (A Redis restarted empty has no copy at all.)
"""

import contextvars
import logging
import time
from dataclasses import dataclass, field
from functools import lru_cache

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from .cache_backends import CacheUnavailable, redis_errors

logger = logging.getLogger(__name__)

GENERATION_KEY = "archive:generation"
CACHE_ERRORS = (CacheUnavailable, *redis_errors())

# This worker failed to reach the generation cache since it last copied the database's
# generation there: the copy there may be stale.
_lost = False


def generation_cache():
    return caches["generation"]


@dataclass
class WriteRequest:
    """What a write request changed: kept by ArchiveCacheMiddleware, read after the view."""

    written: set = field(default_factory=set)  # generations it wrote to the database
    conference_ids: set = field(default_factory=set)
    # A generation written outside any transaction (committed at once) covers the rest.
    written_in_autocommit: bool = False

    def __post_init__(self):
        # This request's marker among a transaction's on-commit callbacks (see below).
        def marker():
            """Nothing to do at commit: the middleware publishes after the view."""

        marker.archive_generation = True
        self.marker = marker


def _written_in_this_transaction(connection, marker=None) -> bool:
    """Say whether the open transaction already holds a new generation.

    Told by a marker among its on-commit callbacks, which Django drops with a rolled-back
    transaction or savepoint (and then the generation written with it is gone too).
    """
    return any(
        callback is marker if marker else getattr(callback, "archive_generation", False)
        for _, callback, _ in connection.run_on_commit
    )


# Inside a write request, publishing waits for the end of the request (to warm first).
_write_request: contextvars.ContextVar[WriteRequest | None] = contextvars.ContextVar(
    "archive_write_request", default=None
)
# While warming, the middleware stores pages under this generation, not the published one.
warming_generation: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "archive_warming_generation", default=None
)
# Set while a server process warms itself before it forks its workers
# (archive.warming.warm_process): its internal requests neither read nor fill the page
# cache, so that the views, templates and queries really run and leave their per-process
# state (compiled templates and queries, words per language) behind for every worker.
warming_process: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "archive_warming_process", default=False
)


def stored_generation(using: str = DEFAULT_DB_ALIAS) -> str:
    """Return the database's generation ("0" before the archive's first edit)."""
    from .models import CacheGeneration

    value = (
        CacheGeneration.objects.using(using)
        .filter(pk=1)
        .values_list("value", flat=True)
        .first()
    )
    return str(value or 0)


def current_generation() -> str | None:
    """Return the archive's generation, or None while the cache cannot be reached."""
    global _lost
    warming = warming_generation.get()
    if warming is not None:
        return warming
    cache = generation_cache()
    timeout = settings.ARCHIVE_GENERATION_RECHECK_SECONDS
    try:
        generation = cache.get(GENERATION_KEY)
        if _lost:
            # Back after an outage: the copy may predate writes made meanwhile.
            generation = stored_generation()
            cache.set(GENERATION_KEY, generation, timeout=timeout)
            _lost = False
            logger.warning(
                "Cache back: generation %s copied from the database.", generation
            )
        elif generation is None:
            generation = stored_generation()
            # add(): of two workers loading it at once, both then read the same.
            cache.add(GENERATION_KEY, generation, timeout=timeout)
            generation = cache.get(GENERATION_KEY, generation)
    except CACHE_ERRORS:
        _lost = True
        return None
    return generation


def cache_is_available() -> bool:
    """Say whether the caches answer (readiness); caches without a server always do."""
    for alias in ("default", "generation"):
        backend = caches[alias]
        if hasattr(backend, "is_available") and not backend.is_available():
            return False
    return True


def publish_generation(generation) -> bool:
    """Copy a committed generation to the cache; say whether it got there."""
    global _lost
    try:
        generation_cache().set(
            GENERATION_KEY,
            str(generation),
            timeout=settings.ARCHIVE_GENERATION_RECHECK_SECONDS,
        )
    except CACHE_ERRORS as error:
        _lost = True
        logger.error(
            "Generation %s is saved but could not reach the cache (%s): it will be "
            "copied there when the cache answers again.",
            generation,
            error,
        )
        return False
    return True


def write_generation(using: str = DEFAULT_DB_ALIAS) -> int:
    """Set a new generation in the database (in the caller's transaction, if any).

    A new time stamp rather than an increment: no race between two writers, nor a
    restored database, can bring back a number the cache has seen.
    """
    from .models import CacheGeneration

    generation = time.time_ns()
    if not CacheGeneration.objects.using(using).filter(pk=1).update(value=generation):
        with transaction.atomic(using=using):
            CacheGeneration.objects.using(using).update_or_create(
                pk=1, defaults={"value": generation}
            )
    return generation


def in_transaction(connection) -> bool:
    """Say whether the connection is in a transaction that will commit later.

    A test case's own transaction (Django's TestCase wraps each test in one that never
    commits, so on_commit callbacks inside it never run) does not count: outside
    requests, writes in tests publish at once, as in autocommit.
    """
    return connection.in_atomic_block and not getattr(
        connection.atomic_blocks[0], "_from_testcase", False
    )


def archive_changed(using: str = DEFAULT_DB_ALIAS, conference_id=None) -> None:
    """Record that the archive's rows changed on connection `using`."""
    connection = connections[using]
    request = _write_request.get()
    if request is not None:
        # In a request: a new generation in the database, once per transaction; the
        # middleware checks after the view that it committed, warms, then publishes.
        if conference_id is not None:
            request.conference_ids.add(conference_id)
        if connection.in_atomic_block:
            if not _written_in_this_transaction(connection, request.marker):
                request.written.add(write_generation(using))
                transaction.on_commit(request.marker, using=using)
        elif not request.written_in_autocommit:
            request.written.add(write_generation(using))
            request.written_in_autocommit = True
        return
    if not in_transaction(connection):
        publish_generation(write_generation(using))
        return
    # Once per transaction; if it rolls back, so does the new generation.
    if _written_in_this_transaction(connection):
        return
    generation = write_generation(using)

    def committed():
        publish_generation(generation)

    committed.archive_generation = True
    transaction.on_commit(committed, using=using)


def bump_generation() -> None:
    """Start a new generation now (after bulk writes outside a request: no signals)."""
    archive_changed(DEFAULT_DB_ALIAS)


def _conference_id(instance):
    from conferences.models import Conference

    if isinstance(instance, Conference):
        return instance.pk
    return getattr(instance, "conference_id", None)


def _model_changed(sender, instance=None, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    conference_id = _conference_id(instance) if instance is not None else None
    request = _write_request.get()
    if request is not None:
        # The request's SQL watcher counts the write itself; keep which edition.
        if conference_id is not None:
            request.conference_ids.add(conference_id)
        return
    archive_changed(using, conference_id)


def archive_tables() -> tuple[str, ...]:
    """Return the quoted names of the archive apps' tables (through and history too)."""
    return _archive_tables(tuple(settings.ARCHIVE_CACHE_APPS))


@lru_cache(maxsize=4)
def _archive_tables(labels: tuple[str, ...]) -> tuple[str, ...]:
    # Quoted as SQLite and PostgreSQL write them: "conferences_conference" is then never
    # found inside "conferences_conferencetopic".
    return tuple(
        f'"{model._meta.db_table}"'
        for label in labels
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    )


WRITE_STATEMENTS = ("INSERT", "UPDATE", "DELETE")


class ArchiveWriteWatcher:
    """A database execute wrapper: note every successful write to an archive table.

    It sees what signals miss (QuerySet.update(), bulk_create(), fast deletes) and
    nothing else: sessions, tokens, login attempts and last_login are other tables.
    """

    def __init__(self, using: str = DEFAULT_DB_ALIAS):
        self.using = using
        self.tables = archive_tables()

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        statement = sql.lstrip()[:6].upper()
        if statement in WRITE_STATEMENTS and any(t in sql for t in self.tables):
            archive_changed(self.using)
        return result


class watch_write_request:
    """Within the block, archive writes are recorded for the request, not published."""

    def __enter__(self) -> WriteRequest:
        self.state = WriteRequest()
        self.token = _write_request.set(self.state)
        self.wrapper = connections[DEFAULT_DB_ALIAS].execute_wrapper(
            ArchiveWriteWatcher()
        )
        self.wrapper.__enter__()
        return self.state

    def __exit__(self, *exc_info):
        self.wrapper.__exit__(*exc_info)
        _write_request.reset(self.token)
        return False


def connect_signals() -> None:
    """Listen to every model of the archive's apps (through and history models too).

    Per model, not for all senders: a model nobody listens to keeps Django's fast deletes.
    Bulk writes (bulk_create, QuerySet.update) send no signals: in a request the SQL
    watcher sees them; elsewhere the code that makes them calls bump_generation().
    """
    for label in settings.ARCHIVE_CACHE_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"archive-cache-{model._meta.label_lower}"
            post_save.connect(_model_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(
                _model_changed, sender=model, dispatch_uid=f"{uid}-delete"
            )
            m2m_changed.connect(_model_changed, sender=model, dispatch_uid=f"{uid}-m2m")
