"""The portal's pages, the JSON API under /api/v1/, and the admin."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("archive.api_urls")),
    path("", include("conferences.urls")),
    path("", include("speakers.urls")),
    path("", include("stats.urls")),
]
