"""The portal's pages (in four languages), the JSON API under /api/v1/, and the admin."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import TemplateView

from archive import views as archive_views
from archive.sitemaps import SITEMAPS
from exports.urls import page_urlpatterns as open_data_page

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", archive_views.healthz, name="healthz"),
    path("readyz", archive_views.readyz, name="readyz"),
    path("api/", include("api.urls")),
    # Downloads (citations, open data, calendars): the same in every language.
    path("", include("exports.urls")),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
]
# The reader's pages: English at today's addresses, French, Spanish and Arabic under
# /fr/, /es/ and /ar/ (archive/locale.py picks the language).
urlpatterns += i18n_patterns(
    path("", include("conferences.urls")),
    path("", include("speakers.urls")),
    path("", include("stats.urls")),
    path("", include("search.urls")),
    path("", include((open_data_page, "opendata"))),
    prefix_default_language=False,
)

# Django's own 400s (a body over the upload limit) are JSON under /api/.
handler400 = "archive.views.bad_request"
# A lost database raised outside a view is still a 503, not a 500.
handler500 = "archive.views.server_error"
