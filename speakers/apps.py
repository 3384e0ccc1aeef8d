from django.apps import AppConfig


class SpeakersConfig(AppConfig):
    verbose_name = "People, offices and quotes"
    name = "speakers"
