"""The JSON API: /api/v1/ (resources), /api/schema/ (OpenAPI 3), /api/docs/ (Swagger UI)."""

from django.http import JsonResponse
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from conferences.api import (
    CitationViewSet,
    ConferenceViewSet,
    KeyFigureViewSet,
    RoundTableViewSet,
    SourceReportViewSet,
    TopicLinkViewSet,
    TopicViewSet,
)
from speakers.api import AppearanceViewSet, PersonViewSet, QuoteViewSet
from stats.api import AttendanceViewSet, TopicStatsViewSet

app_name = "api"


@csrf_exempt
def not_found(request, path=""):
    """Answer an address under /api/ that names nothing with a JSON 404, as DRF does."""
    return JsonResponse({"detail": "Not found."}, status=404)


router = DefaultRouter()
router.register("conferences", ConferenceViewSet, basename="conference")
router.register("people", PersonViewSet, basename="person")
router.register("quotes", QuoteViewSet, basename="quote")
router.register("topics", TopicViewSet, basename="topic")
router.register("sources", SourceReportViewSet, basename="source")
router.register("appearances", AppearanceViewSet, basename="appearance")
router.register("citations", CitationViewSet, basename="citation")
router.register("key-figures", KeyFigureViewSet, basename="key-figure")
router.register("round-tables", RoundTableViewSet, basename="round-table")
router.register("topic-links", TopicLinkViewSet, basename="topic-link")
router.register("stats/attendance", AttendanceViewSet, basename="stats-attendance")
router.register("stats/topics", TopicStatsViewSet, basename="stats-topics")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema"),
        name="docs",
    ),
    # Last: any other address ending in a slash (an edition "abc", a slug with a dot).
    re_path(r"^(?P<path>.*/)$", not_found),
]
