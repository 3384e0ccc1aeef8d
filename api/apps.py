from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API over the apps' models: it imports them, they never import it."""

    name = "api"
    verbose_name = "JSON API"
