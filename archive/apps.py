from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    """The project's own machinery: cache invalidation, health checks, error pages."""

    name = "archive"
    verbose_name = "NCB Conference Archive"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
