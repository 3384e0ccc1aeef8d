from django.apps import AppConfig


class ConferencesConfig(AppConfig):
    verbose_name = "Conference editions and sources"
    name = "conferences"
