"""The portal's pages, the JSON API under /api/v1/, and the admin."""

from django.contrib import admin
from django.urls import include, path

from archive import views as archive_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", archive_views.healthz, name="healthz"),
    path("readyz", archive_views.readyz, name="readyz"),
    path("", include("conferences.urls")),
    path("", include("speakers.urls")),
    path("", include("stats.urls")),
]

# A lost database raised outside a view is still a 503, not a 500.
handler500 = "archive.views.server_error"
