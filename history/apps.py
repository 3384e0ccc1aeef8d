from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps


class HistoryConfig(AppConfig):
    name = "history"
    verbose_name = "Edit history"


class ArchiveAdminConfig(admin_apps.AdminConfig):
    """Django's admin, with the archive's site: its index puts the daily work first."""

    default = False
    default_site = "history.admin.ArchiveAdminSite"
