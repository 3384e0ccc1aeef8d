"""Send reads to a PostgreSQL replica, when there is one, and everything else to the primary.

Enabled by DATABASE_REPLICA_URL (archive/settings/base.py). Only the reads of anonymous
GET and HEAD requests go to the replica (ReplicaReadsMiddleware marks them), because a
replica lags a little: an archivist who has just saved reads the primary and sees the
edit; management commands and tests read the primary. For a few seconds after any edit
(ARCHIVE_REPLICA_MAX_LAG_SECONDS), every read goes to the primary, so that the page cache
never keeps a page a lagging replica made from the rows before the edit.
"""

import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS

from .cache import current_generation
from .middleware import is_anonymous_read

REPLICA_DB_ALIAS = "replica"

_reads_from_replica: ContextVar[bool] = ContextVar("reads_from_replica", default=False)


@contextmanager
def replica_reads():
    """Within the block, reads go to the replica (if one is configured)."""
    token = _reads_from_replica.set(True)
    try:
        yield
    finally:
        _reads_from_replica.reset(token)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _reads_from_replica.get():
            return REPLICA_DB_ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # Replication copies the schema; migrations run on the primary only.
        return db == DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Let the reads of anonymous GET and HEAD requests go to the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_anonymous_read(request) and not edited_recently():
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)


def edited_recently() -> bool:
    """Say whether the archive changed too recently for a replica to have the change.

    The archive's generation is the time of its last edit (archive/cache.py).
    """
    generation = current_generation()
    if generation is None:
        return True  # the cache cannot say (and serves nothing): read the primary
    since_edit = time.time_ns() - int(generation)
    return since_edit < settings.ARCHIVE_REPLICA_MAX_LAG_SECONDS * 1_000_000_000
