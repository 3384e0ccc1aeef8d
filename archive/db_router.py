"""Send reads to a PostgreSQL replica, when there is one, and everything else to the primary.

Enabled by DATABASE_REPLICA_URL (archive/settings/base.py). Only the reads of anonymous
GET and HEAD requests go to the replica (ReplicaReadsMiddleware marks them), because a
replica lags a little: an archivist who has just saved reads the primary and sees the
edit; management commands and tests read the primary.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import DEFAULT_DB_ALIAS

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
        from django.conf import settings

        if (
            request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
        ):
            with replica_reads():
                return self.get_response(request)
        return self.get_response(request)
