"""The archive's generation: one number that every edit changes, so cached reads expire at once.

Cached pages and API reads are keyed by their URL and the generation they were made in
(archive/middleware.py). A save or delete of any row of the archive's apps sets a new
generation, and every entry made before it is never read again (and expires on its own).
"""

import time

from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

GENERATION_KEY = "archive:generation"


def generation_cache():
    return caches["generation"]


def current_generation() -> str:
    """Return the archive's generation, starting one if the cache has none."""
    cache = generation_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = str(time.time_ns())
        # add(): of two workers starting one at once, both then read the same.
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def bump_generation() -> None:
    """Start a new generation: every cached read made before it is stale.

    A new time stamp rather than an increment, so that no race between two writers
    can bring back an old number.
    """
    generation_cache().set(GENERATION_KEY, str(time.time_ns()), timeout=None)


def _bump_after_commit() -> None:
    bump_generation()


def archive_changed(sender, using=DEFAULT_DB_ALIAS, **kwargs) -> None:
    """Start a new generation when a row of the archive's apps changes."""
    bump_generation()
    connection = transaction.get_connection(using)
    # Inside a transaction, readers see the change only once it commits: a read between
    # this bump and the commit would cache the old rows under the new generation, so
    # start another one at commit (once per transaction).
    if connection.in_atomic_block and not any(
        callback is _bump_after_commit for _, callback, _ in connection.run_on_commit
    ):
        transaction.on_commit(_bump_after_commit, using=using)


def connect_signals() -> None:
    """Listen to every model of the archive's apps (through and history models too).

    Per model, not for all senders: a model nobody listens to keeps Django's fast deletes.
    Bulk writes (bulk_create, QuerySet.update) send no signals: code that makes them calls
    bump_generation() itself, and any successful write request bumps it anyway
    (ArchiveCacheMiddleware).
    """
    for label in settings.ARCHIVE_CACHE_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            uid = f"archive-cache-{model._meta.label_lower}"
            post_save.connect(archive_changed, sender=model, dispatch_uid=f"{uid}-save")
            post_delete.connect(
                archive_changed, sender=model, dispatch_uid=f"{uid}-delete"
            )
            m2m_changed.connect(
                archive_changed, sender=model, dispatch_uid=f"{uid}-m2m"
            )
