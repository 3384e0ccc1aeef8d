from django.apps import AppConfig


class SearchConfig(AppConfig):
    verbose_name = "Search"
    name = "search"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import signals  # connects the index to every write

        post_migrate.connect(signals.index_if_empty, sender=self)
