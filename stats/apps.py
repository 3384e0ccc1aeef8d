from django.apps import AppConfig


class StatsConfig(AppConfig):
    verbose_name = "Trends and statistics"
    name = "stats"
